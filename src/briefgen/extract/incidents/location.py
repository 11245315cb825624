"""Where an event happened: the places a sentence names (written containment first), the article's country and
region, and nationalities and attackers, which inform the country but are never the event's place."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

from ...gazetteer import Gazetteer
from ...lexicons import lexicon
from ...model import Location
from ..doc_index import entities_in
from ..places import (
    PROMINENT_TOWN,
    Candidate,
    bare_name,
    capital_of,
    containers,
    countries_named,
    country_of_demonym,
    is_direction,
    lies_in,
    resolve_candidate,
    towns_named,
    with_coordinates,
)
from .lexicon import PLACE_LABELS, incident_lexicon
from .regions import implied_location
from .senses import is_person

if TYPE_CHECKING:  # events need places; a place needs only the event's sentence and triggers
    from .events import Event



_ACTOR_ONLY = frozenset({"ARMED_GROUP", "AGENCY", "MEDIA", "PERSON", "DATE", "TIME", "CARDINAL"})


_NEVER_PLACES = _ACTOR_ONLY - {"PERSON"}
_PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})


class PlaceMention(NamedTuple):
    start: int  # token index
    candidate: Candidate


def _has_domain_word(span: Span) -> bool:
    """A name holding a word of the incident lexicon ("Police", "Army") is no place, whatever the NER says."""
    lex = incident_lexicon()
    return any((t.lemma_.lower(),) in lex["actor_nouns"] or t.lemma_.lower() in lex["triggers"] for t in span)


def _word_forms(token: Token) -> set[str]:
    """The word, its lemma and, for a capitalized plural the tagger takes for a name ("Villages", "Clashes"), its singular."""
    word = token.lower_
    return {word, token.lemma_.lower(), word.removesuffix("s"), word.removesuffix("es")}


def _is_locality(token: Token) -> bool:
    """A word for a part of a place ("outskirts", "countryside", "village") or a direction ("north of Homs")."""
    words = lexicon("place_words")
    return any(form in words["locality_nouns"] or form in words["direction_words"] for form in _word_forms(token))


def _modifies_a_place_word(token: Token) -> bool:
    """A name before a word for a locality, a target or an incident, in lower or title case ("Sagaing Villages",
    "Celaya bridge", "Maungdaw Clash", "Dhaka cafe attack")."""
    lex = incident_lexicon()
    targets = lex["senses"]["target_nouns"]
    head = token
    # a compound, or a proper noun the parser hangs on the next word when that is a noun or gerund ("Donetsk shelling"
    # parsed as a subject and its verb), not a finite verb ("Coalition kills")
    nominal = ("NN", "NNS", "NNP", "NNPS", "VBG")
    # (or a capitalized word the sentence-case parse of a headline takes for an adjective: "Six Sagaing Villages")
    while head.head.i > head.i and (
        head.dep_ == "compound" or head.pos_ == "PROPN" and head.head.i == head.i + 1 and head.head.tag_ in nominal
        or head.dep_ == "amod" and head.is_title and head.head.i == head.i + 1
    ):
        head = head.head
        if _is_locality(head) or any(form in targets or form in lex["triggers"] for form in _word_forms(head)):
            return True
    return False


def _joins_by_hyphen(sentence: Span, i: int) -> bool:
    """Token ``i`` is a hyphen joining two capitalized words without spaces ("Ye-U", "Al-Quneitra")."""
    doc = sentence.doc
    inside = sentence.start < i < sentence.end - 1 and doc[i].text == "-"
    return inside and not doc[i - 1].whitespace_ and not doc[i].whitespace_ and doc[i - 1].is_title and doc[i + 1].is_title


def _before_particles(sentence: Span, start: int) -> int | None:
    """The capitalized word before a name's lower-case particles that end right before ``start`` ("Apaseo" for "el
    Grande"), or None."""
    doc, particles = sentence.doc, lexicon("place_words")["name_particles"]
    i = start - 1
    while i > sentence.start and doc[i].is_lower and doc[i].text in particles:
        i -= 1
    return i if i < start - 1 and doc[i].is_title else None


def _locative_names(sentence: Span) -> Iterator[tuple[Span, bool]]:
    """Capitalized names the NER did not tag as places, after a locative preposition ("in Narathiwat", tagged ORG;
    "in Sulu clash"), after a locality and "of" ("the streets of Zamora", "north of Homs"), the target of an attack
    ("a strike on Kharkiv", tagged PERSON), before an admin word ("Rakhine state"), a locality, a target or an incident
    word ("Sagaing Villages", "Mogadishu Explosions": title-case headlines), owning a place ("Zamfara's Kamba district")
    or after a place and a comma ("Kamba, Zamfara"), each with whether the text states it is a place (an admin word or
    an owner). A domain word ("Police headquarters") is never such a name."""
    lex = incident_lexicon()
    words = lexicon("place_words")
    locative, suffixes = words["locative_prepositions"], words["suffixes"]
    doc = sentence.doc
    entity_ending = {ent.end: ent for ent in entities_in(sentence)}
    for token in sentence:
        modifier = token.is_title and _modifies_a_place_word(token)
        last = token.i + 1 == sentence.end
        # a run ends at a name's last word: not inside an entity ("Apaseo" of "Apaseo el Alto") nor before a hyphen
        inside_entity = not last and doc[token.i + 1].ent_iob_ == "I" and doc[token.i + 1].is_alpha  # a possessive ends a name
        ends_run = last or (modifier or not doc[token.i + 1].is_title and not inside_entity) and not _joins_by_hyphen(sentence, token.i + 1)
        if not token.is_title or token.ent_type_ in PLACE_LABELS or token.ent_type_ in _NEVER_PLACES or not ends_run:
            continue
        start = token.i
        while start > sentence.start:
            if doc[start - 1].is_title and doc[start - 1].ent_type_ == doc[start].ent_type_ or _joins_by_hyphen(sentence, start - 1):
                start -= 1
            elif (before := _before_particles(sentence, start)) is not None:
                start = before  # "Apaseo el Grande", "San Juan de los Lagos", whatever the NER made of their parts
            else:
                break
        entity = entity_ending.get(token.i + 1)
        if entity is not None and entity.start < start:  # "Apaseo el Alto", without "the"
            start = entity.start + (doc[entity.start].dep_ == "det")
        if _has_domain_word(doc[start : token.i + 1]):
            continue
        following = doc[token.i + 1 : min(token.i + 3, sentence.end)]
        admin_word = len(following) > 0 and following[0].lower_ in suffixes
        # "Zamfara's Kamba district": a name owning a place is a place
        owner = len(following) == 2 and following[0].lower_ in ("'s", "’s") and (following[1].ent_type_ in PLACE_LABELS or following[1].is_title)
        # "in Sulu clash"; "in Borno - Ndume", a headline's source after a spaced dash the parser took for one name
        spaced_dash = any(t.text == "-" and t.whitespace_ for t in doc[token.i + 1 : token.head.i])
        anchor = token.head if token.dep_ == "compound" and (token.head.lemma_.lower() in lex["triggers"] or spaced_dash) else token
        preposition = anchor.head if anchor.dep_ == "pobj" else None
        # a locative preposition right before the name counts whatever the parse ("in Fariab and Jowzjan - news agency")
        located = doc[start - 1].lower_ in locative or preposition is not None and (
            preposition.lower_ in locative
            or preposition.lower_ in words["target_prepositions"] and preposition.head.lemma_.lower() in lex["triggers"]
            or preposition.lower_ == "of" and _is_locality(preposition.head)
        )
        # "in Kamba, Zamfara": a name after a place and a comma may be its container (see ``places.containers``)
        after_place = start - 2 >= sentence.start and doc[start - 1].text == "," and doc[start - 2].ent_type_ in PLACE_LABELS
        # a sentence's first word is capitalized anyway: before a place word it is a name only if tagged one ("Mining company")
        modifier = modifier and (start > sentence.start or doc[start].tag_ in _PROPER_NOUN_TAGS)
        if (located and start > sentence.start) or admin_word or owner or after_place or modifier:
            yield doc[start : token.i + 1], admin_word or owner


def _prominent(candidate: Candidate) -> bool:
    """The gazetteer's place or a large town (a GeoNames province is not one by its towns' population)."""
    return candidate.curated or (candidate.specificity == 3 and candidate.population >= PROMINENT_TOWN)


class _Name(NamedTuple):
    span: Span
    stated: bool  # an admin word or an owner says it is a place ("Rakhine state", "Zamfara's")
    # a name the NER did not tag as a place, after "the" ("outside the White House", tagged ORG) and not naming the
    # place of a locality or target word ("the Celaya market", "the Kamba area"): a building, an institution or a
    # nickname, not a GeoNames town of that name (a Georgia village "White", Casablanca's translated name)
    definite: bool = False


def _names(sentence: Span, gazetteer: Gazetteer) -> list[_Name]:
    """The sentence's place entities and the names the NER missed (``_locative_names``), in text order; two written
    side by side are one name ("San Bartolomé" + "Agua Caliente"), unless one is a gazetteer entry."""
    named = [
        _Name(ent, False) for ent in entities_in(sentence)
        if ent.label_ in PLACE_LABELS and (ent.ent_id_ or not _has_domain_word(ent))
        and not _is_nationality(ent, gazetteer, countries_only=True) and not (gazetteer.country(ent.text) and _across_border(ent))
    ]
    guessed = [
        _Name(span, stated, _after_the(span, sentence) and not _names_a_place_word(span, sentence))
        for span, stated in _locative_names(sentence) if not country_of_demonym(span.text)  # "the Thai border"
    ]
    names = sorted([*named, *guessed], key=lambda name: name.span.start)
    joined: list[_Name] = []
    for name in names:
        last = joined[-1] if joined else None
        if last is not None and last.span.end == name.span.start and not last.span.ent_id_ and not name.span.ent_id_:
            joined[-1] = _Name(sentence.doc[last.span.start : name.span.end], last.stated or name.stated, last.definite)
        else:
            joined.append(name)
    return joined


def _after_the(span: Span, sentence: Span) -> bool:
    return span.start > sentence.start and span.doc[span.start - 1].lower_ == "the"


def _names_a_place_word(span: Span, sentence: Span) -> bool:
    """ "the Celaya market", "the Kamba area": the name modifies a lower-case locality, target or incident word (in "the
    White House", "White" modifies a word of the same name)."""
    return span.end < sentence.end and not span.doc[span.end].is_title and _modifies_a_place_word(span[-1])


# Doc -> (country, gazetteer) -> the provinces its place names resolve in, with the names
_named_regions: WeakKeyDictionary[Doc, dict[tuple[str, Gazetteer], list[tuple[str, str]]]] = WeakKeyDictionary()


def _regions_named(doc: Doc, country: str, gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """(name, province) for every place entity of the article that resolves in ``country`` below the country."""
    regions = _named_regions.setdefault(doc, {})
    if (country, gazetteer) not in regions:
        found = []
        for ent in entities_in(doc[:]):
            candidate = resolve_candidate(ent.ent_id_ or ent.text, gazetteer, country) if ent.label_ in PLACE_LABELS else None
            if candidate is not None and candidate.location.country == country and candidate.location.admin1:
                found.append((ent.text, candidate.location.admin1))
        regions[(country, gazetteer)] = found
    return regions[(country, gazetteer)]


def _in_named_region(span: Span, candidate: Candidate, gazetteer: Gazetteer) -> Candidate:
    """Of the towns of one name in one country, the one in a province the article's other places lie in ("Chelsea" in an
    article naming New York is Chelsea, New York, not the larger Chelsea, Massachusetts); else ``candidate``. A large
    city gives way to another large one only ("Columbus" in an article on Charlotte is Columbus, Ohio, not a village
    of North Carolina; "Springfield" in an article on Illinois is its capital)."""
    country = candidate.location.country
    if country is None:
        return candidate
    regions = {admin1 for name, admin1 in _regions_named(span.doc, country, gazetteer) if name != span.text}
    if candidate.location.admin1 in regions:
        return candidate
    large = candidate.population >= PROMINENT_TOWN
    return next(
        (
            town for town in towns_named(span.text, gazetteer)
            if town.location.country == country and town.location.admin1 in regions and (town.population >= PROMINENT_TOWN or not large)
        ),
        candidate,
    )


def _capitals(sentence: Span, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Capital cities the sentence names by the word, owned by a country, its name or nationality ("C. Africa capital",
    "the Syrian capital", "the capital of Mali"); a small town's country says nothing."""
    words = set(lexicon("place_words")["capital_nouns"])
    found = []
    for mention in _countries(sentence, gazetteer):
        root = mention.words.root
        owned = root.dep_ in ("poss", "compound", "amod", "nmod") and root.head.i > root.i
        of = root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.i < root.head.i
        noun = root.head if owned else root.head.head if of else None
        if noun is not None and noun.lemma_.lower() in words and not mention.weak:
            candidate = capital_of(mention.country, gazetteer)
            if candidate is not None:
                found.append(PlaceMention(noun.i, candidate))
    return found


def sentence_places(sentence: Span, country_hint: str | None, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Resolved places of a sentence, each inside the place the text puts it in ("Kamba village in Zamfara state"),
    without those that only name a parent of another ("Khyber-Pakhtunkhwa's", "Sagaing's Ye-U township"). A nationality is no place."""
    names = _names(sentence, gazetteer)
    spans = [name.span for name in names]
    inside = containers(spans)
    resolved: dict[int, Candidate | None] = {}

    def resolve(i: int) -> Candidate | None:
        if i not in resolved:
            resolved[i] = None  # a cycle of containers resolves without one
            containment = inside.get(i)
            within = resolve(containment.container) if containment else None
            stated = containment.stated if containment else True
            span = spans[i]
            found = (resolve_candidate(name, gazetteer, country_hint, within, stated) for name in dict.fromkeys((span.ent_id_, span.text)) if name)
            candidate = next((c for c in found if c is not None), None)
            if candidate is not None and within is None and candidate.specificity == 3 and not candidate.curated:
                candidate = None if names[i].definite else _in_named_region(span, candidate, gazetteer)
            # Common words of a title-case headline ("Bodies Discovered in Graves in Myanmar's ...") are a place inside their
            # container only if the data knows it there or an admin word or an owner says it is one ("Kani Township").
            common = not any(t.tag_ in _PROPER_NOUN_TAGS for t in span) and not names[i].stated and bare_name(span.text) == span.text
            if candidate is not None and within is not None and common:
                alone = resolve_candidate(span.text, gazetteer, country_hint)
                candidate = candidate if alone is not None and alone.location.country == candidate.location.country else None
            # Outside the article's country a place needs more evidence: its container or admin word written, a large town, the
            # gazetteer's, or a place written before it that lies in it, as in an address ("Vancouver, Wash.").
            stated = within is not None or names[i].stated
            fits = candidate is not None and (country_hint in (None, candidate.location.country) or _prominent(candidate))
            resolved[i] = candidate if stated or fits or (candidate is not None and holds_a_written_place(i, candidate)) else None
        return resolved[i]

    def holds_a_written_place(i: int, candidate: Candidate) -> bool:
        inner = [spans[j].text for j, containment in inside.items() if containment.container == i]
        found = (resolve_candidate(name, gazetteer, country_hint, candidate, stated=False) for name in inner)
        return any(f is not None and f.specificity > candidate.specificity and lies_in(f.location, candidate.location, gazetteer) for f in found)

    for i in range(len(spans)):
        resolve(i)
    # A container the text writes ("Sagaing's Ye-U township") is a parent, whatever it resolved to.
    written_parents = {c.container for i, c in inside.items() if c.stated and resolved[i] is not None}
    found = [PlaceMention(spans[i].start, candidate) for i, candidate in resolved.items() if candidate is not None and i not in written_parents]
    found += _capitals(sentence, gazetteer)
    found.sort(key=lambda p: p.start)
    parents = {
        name for p in found for name in (p.candidate.location.admin2, p.candidate.location.admin1, p.candidate.location.country)
        if name != p.candidate.location.name
    }
    return [p for p in found if p.candidate.location.name not in parents]


def best_place(places: Sequence[PlaceMention], near: int) -> PlaceMention | None:
    if not places:
        return None
    return max(places, key=lambda p: (p.candidate.specificity, -abs(p.start - near)))


def _is_agent_side(ent: Span) -> bool:
    """A nationality or state naming who acted ("Indian shelling", "by Indian troops", "Pakistan air strikes"), or
    joined to a participle by a hyphen ("US-led", "Iran-backed", "Russian-made"), or where a side that acted came
    from ("militants from Bangladesh attacked Myanmar border posts")."""
    triggers = incident_lexicon()["triggers"]
    root, head = ent.root, ent.root.head
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].text == "-" and not ent[-1].whitespace_ and doc[ent.end + 1].tag_ == "VBN":
        return True
    if root.dep_ == "pobj" and head.lower_ == "from" and head.head.pos_ in ("NOUN", "PROPN"):
        return _acts(head.head)
    if _in_locative_phrase(root) and country_of_demonym(ent.text) is None:
        return False  # "killed in C.A.R mob violence" says where; "killed in Indian shelling" says who
    by_agent = root.dep_ == "pobj" and head.lower_ == "by"  # "shelled by India"; "by Indian troops" is _acts(head)
    return head.i != root.i and (by_agent or head.lemma_.lower() in triggers or _acts(head))


def _acts(noun: Token) -> bool:
    """A noun that carries an event out: the agent after "by", or the subject of a trigger verb with an object
    ("troops shelled the village"; not "people from Karachi died")."""
    verb = noun.head
    transitive = any(c.dep_ == "dobj" for c in verb.children)
    return (noun.dep_ == "pobj" and verb.lower_ == "by") or (noun.dep_ == "nsubj" and transitive and verb.lemma_.lower() in incident_lexicon()["triggers"])


def _token_country(token: Token, gazetteer: Gazetteer) -> str | None:
    """A capitalized word that is a nationality or a country name ("Pak forces", "Pakistan army", "CAR"); in a run of
    capitals ("A CAR BOMB exploded") a word is no acronym."""
    return _word_country(token.text, gazetteer) if token.text[:1].isupper() and not _in_capitals(token) else None


def _in_capitals(token: Token) -> bool:
    doc = token.doc
    neighbours = (doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc))
    return token.is_upper and any(n.is_upper and n.is_alpha and len(n) > 1 for n in neighbours)


@lru_cache(maxsize=65536)
def _word_country(word: str, gazetteer: Gazetteer) -> str | None:
    # Called for every capitalized word of an article: cached by the word (and the gazetteer, hashed by identity).
    entry = gazetteer.country(word)
    return country_of_demonym(word) or (entry.name if entry else None)


class CountryMention(NamedTuple):
    words: Span
    country: str
    weak: bool  # through a small town or area other countries may share ("Madaya", "Long Island"), not a country, curated place or large city


def _countries(span: Span, gazetteer: Gazetteer) -> list[CountryMention]:
    """Countries a span names, by name, place or nationality, with the words naming each, in text order."""
    found: list[CountryMention] = []
    covered: set[int] = set()
    for ent in entities_in(span):
        if ent.label_ in PLACE_LABELS and not ent.ent_id_ and _has_domain_word(ent):
            continue  # "Police headquarters"
        place = ent.label_ in PLACE_LABELS
        # a direction and its admin word ("west province") name a part of a country, not which country
        candidate = resolve_candidate(ent.ent_id_ or ent.text, gazetteer) if place and not is_direction(bare_name(ent.text)) else None
        demonym = country_of_demonym(ent.text) if place or ent.label_ == "NORP" else None
        country = candidate.location.country if candidate else demonym
        if country:
            weak = candidate is not None and candidate.specificity > 0 and not _prominent(candidate)
            found.append(CountryMention(ent, country, weak))
            covered.update(range(ent.start, ent.end))
    doc = span.doc
    for token in span:
        country = None if token.i in covered else _token_country(token, gazetteer)
        if country:
            found.append(CountryMention(doc[token.i : token.i + 1], country, False))
    return sorted(found, key=lambda mention: mention.words.start)


def _is_nationality(words: Span, gazetteer: Gazetteer, countries_only: bool = False) -> bool:
    """A nationality ("Syrian"), a country's name used as one before a noun ("three Bangladesh peacekeepers", "the Iraq
    War"), or another place's before a person ("Karachi residents"; not with ``countries_only``). A country's name that
    is also its adjective ("Myanmar") is one only so used: "Myanmar's Kani township" names the country."""
    root, head = words.root, words.root.head
    country_name = gazetteer.country(words.text) is not None
    country_word = country_name or country_of_demonym(words.text) is not None
    before = root.dep_ in ("compound", "amod") and head.i > root.i
    if before and country_name and _in_locative_phrase(root):
        return False  # "killed in C.A.R mob violence": where, not whose
    if before and (country_word and head.pos_ in ("NOUN", "PROPN") or not countries_only and is_person(head)):
        return True
    return country_word and not country_name


def _in_locative_phrase(token: Token) -> bool:
    """A word of the noun a locative preposition governs ("in C.A.R mob violence", "in Iraq")."""
    while token.dep_ == "compound" and token.head.i > token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in lexicon("place_words")["locative_prepositions"]


def _across_border(words: Span) -> bool:
    """A country named as the other side of a border ("near the border with Afghanistan"): not where it happened."""
    root, head = words.root, words.root.head
    borders = lexicon("place_words")["border_nouns"]
    with_border = root.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in borders
    return with_border or root.dep_ in ("compound", "amod") and head.i > root.i and head.lemma_.lower() in borders


def _located_names(doc: Doc, gazetteer: Gazetteer) -> list[CountryMention]:
    """The countries of names the NER missed right after a locative preposition ("in Apaseo el Alto"), all weak."""
    locative = lexicon("place_words")["locative_prepositions"]
    found = []
    for sentence in doc.sents:
        for span, _stated in _locative_names(sentence):
            candidate = resolve_candidate(span.text, gazetteer) if doc[span.start - 1].lower_ in locative else None
            if candidate is not None and candidate.location.country:
                found.append(CountryMention(span, candidate.location.country, True))
    return found


def article_country(doc: Doc, gazetteer: Gazetteer) -> str | None:
    """The country the article is about: the most mentioned by its name, curated places and large towns, else by its
    other towns and areas, the NER's or written after "in" ("in Apaseo el Alto"), each counting for every country with
    a place of its name (a "Madaya" is in Syria and in Myanmar; "Chelsea, Massachusetts" is two votes for the United
    States, one for the United Kingdom), else by nationality ("Syrian"); not counting who acted unless only they are
    named. Countries tied on the strongest evidence are told apart by the weaker evidence, in the same order ("Russia"
    and "Ukraine" once each, and the town of "Kupyansk" in Ukraine); the first mentioned on ties still."""
    mentions = sorted([*_countries(doc[:], gazetteer), *_located_names(doc, gazetteer)], key=lambda mention: mention.words.start)
    mentioned = [(m.words, m.country, _is_nationality(m.words, gazetteer), m.weak) for m in mentions if not _across_border(m.words)]
    tiers: list[Counter[str]] = []
    for agents in (False, True):
        for nationality, weak in ((False, False), (False, True), (True, False), (True, True)):
            counts: Counter[str] = Counter()
            for words, country, n, w in mentioned:
                if (n, w) == (nationality, weak) and (agents or not _is_agent_side(words)):
                    counts.update(dict.fromkeys((country, *countries_named(words.text, gazetteer)), 1) if weak and not n else {country: 1})
            tiers.append(counts)
    strongest = next((i for i, counts in enumerate(tiers) if counts), None)
    if strongest is None:
        return None
    # max() keeps the first of equal keys; a Counter iterates in first-mention order
    return max(tiers[strongest], key=lambda country: [counts[country] for counts in tiers[strongest:]])


# Doc -> (country, gazetteer) -> its region; a Doc's entry goes with it
_article_regions: WeakKeyDictionary[Doc, dict[tuple[str | None, Gazetteer], str | None]] = WeakKeyDictionary()


def article_region(doc: Doc, country: str | None, gazetteer: Gazetteer) -> str | None:
    """The province (admin1) of ``country`` the article is about: the one every place it names there lies in
    ("Dhaka cafe" and "Dhaka attack" in an article on Bangladesh), or None when it names places of several or none."""
    regions = _article_regions.setdefault(doc, {})
    if (country, gazetteer) not in regions:
        found = {
            place.candidate.location.admin1 for sentence in doc.sents for place in sentence_places(sentence, country, gazetteer)
            if place.candidate.specificity > 0 and place.candidate.location.country == country
        }
        regions[(country, gazetteer)] = found.pop() if len(found) == 1 else None
    return regions[(country, gazetteer)]


def event_location(event: Event, main_country: str | None, gazetteer: Gazetteer) -> Location:
    """The event's place; without one, the country where its victims are, else the article's country,
    with the province the sentence implies when it does (see ``regions``), else the article's region."""
    if event.place is not None and event.place.candidate.specificity > 0:
        return event.place.candidate.location
    mentioned = _countries(event.sentence, gazetteer)
    # Where the victims are: a country or place named for them, else the article's, else their nationality; a small
    # place that did not resolve as the event's (another country's "Madaya" in an article on Syria) says nothing.
    bystanders = [
        (country, _is_nationality(words, gazetteer)) for words, country, weak in mentioned
        if not _is_agent_side(words) and not _across_border(words) and (not weak or country == main_country)
    ]
    named = next((country for country, nationality in bystanders if not nationality), None)
    nationality = next((country for country, is_nationality in bystanders if is_nationality), None)
    country = named or main_country or nationality or next((m.country for m in mentioned), None)
    by_token = {token.i: country for words, country, _ in mentioned for token in words}
    trigger_words = [word for trigger in event.triggers for word in trigger.phrase]
    implied = implied_location(event.sentence, country, trigger_words, by_token, gazetteer)
    region = None if implied else article_region(event.sentence.doc, country, gazetteer)
    return with_coordinates(implied or (Location(region, None, region, country) if region else Location(country, None, None, country)), gazetteer)
