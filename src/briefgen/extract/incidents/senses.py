"""Whether a sentence is a matter of conflict or security: armed sides, weapons, people killed or hurt, physical
targets; a trigger word with a non-violent sense ("attack ads", "went on strike") counts only with one of them."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from .casualties import count_of
from .lexicon import PLACE_LABELS, incident_lexicon
from .sides import SideMention
from .triggers import Trigger


def is_person(head: Token) -> bool:
    """A victim phrase naming people: a bare number ("three were killed"), a pronoun, a name, a person noun, an age
    ("a 13-year-old")."""
    lex = incident_lexicon()
    lemma = head.lemma_.lower()
    return (
        head.pos_ in ("NUM", "PRON") or head.ent_type_ in ("PERSON", "CARDINAL") or head.lower_.endswith("year-old")
        or lemma in lex["context"]["people"] or (lemma,) in lex["actor_nouns"] or (head.lower_,) in lex["actor_nouns"]
    )


def is_armed(sentence: Span, mentions: Sequence[SideMention], victims: Sequence[Token], toll: bool) -> bool:
    """A conflict or security context: an armed side, a weapon, or people killed or hurt (a death toll)."""
    context = incident_lexicon()["context"]
    armed_side = any(m.name in context["armed_sides"] or m.token.ent_type_ in context["armed_labels"] for m in mentions)
    return armed_side or is_physical(sentence, mentions, victims, toll)


def is_physical(sentence: Span, mentions: Sequence[SideMention], victims: Sequence[Token], toll: bool) -> bool:
    """Something physical happened: a weapon, people killed or hurt (a death toll, a "deadly" event), or armed men by name taking part
    (``mentions``: "militants", "police"; an agency such as the FBI may only investigate)."""
    context = incident_lexicon()["context"]
    armed_men = any(m.name in context["armed_sides"] or m.token.ent_type_ == "ARMED_GROUP" for m in mentions)
    # a weapon is a thing: "a blast", not "Democrats blasted the committee"
    weapon = any((t.lemma_.lower() in context["weapons"] or t.lower_ in context["weapons"]) and t.pos_ != "VERB" for t in sentence)
    people = any(count_of(v) is not None and any(is_person(t) for t in (v, *v.conjuncts)) for v in victims)
    deaths = any(t.lower_ in context["lethal"] and t.dep_ == "amod" for t in sentence)  # "deadly violence": people died, uncounted
    return armed_men or weapon or people or toll or deaths or any(_breaks_out(t) for t in sentence)


def _breaks_out(token: Token) -> bool:
    """ "Clashes erupted", "fighting flared up", "fresh clashes hit C. Africa": fighting that breaks out, or hits a place,
    is physical (a clash of schedules does not erupt)."""
    context = incident_lexicon()["context"]
    if token.dep_ != "nsubj" or token.lemma_.lower() not in context["outbreak_subjects"]:
        return False
    verb = token.head
    # the lemmatizer takes "raged" for a form of "rag"
    forms = {verb.lemma_.lower(), verb.lower_.removesuffix("d") if verb.tag_ == "VBD" else verb.lower_}
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"][:1]
    if any(" ".join((form, *particles)) in context["outbreak_verbs"] or form in context["outbreak_verbs"] for form in forms):
        return True
    places = incident_lexicon()["senses"]["territory_nouns"]
    hit = any(c.dep_ == "dobj" and (c.ent_type_ in PLACE_LABELS or c.lemma_.lower() in places) for c in verb.children)
    return hit and bool(forms & set(context["impact_verbs"]))


def _physical_target(head: Token, prepositions: tuple[str, ...] | None = None) -> bool:
    """Whether a trigger acts on something physical: a place, people, or a thing that can be hit ("attacked a bus",
    "an attack on Kamba village", "the shooting of a man"), not a person's name, a word or an idea ("an attack on the press")."""
    senses, context = incident_lexicon()["senses"], incident_lexicon()["context"]
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    if prepositions is None:
        prepositions = ("on", "against", "upon", "at", "of") if head.pos_ == "NOUN" or head.dep_ == "nsubj" else ("on", "against", "upon", "at")
    objects += [g for c in head.children if c.dep_ == "prep" and c.lower_ in prepositions for g in c.children if g.dep_ == "pobj"]
    return any(
        o.ent_type_ in PLACE_LABELS or o.lemma_.lower() in senses["target_nouns"] or o.lemma_.lower() in context["people"] for o in objects
    )


def _names_a_kind(head: Token) -> bool:
    """ "riot police", "riot cautions", "murder case", "shooting victims": a trigger modifying a noun names a kind of
    thing, not an event, unless that noun is itself an event or part of one ("protest march", "blast death toll"), a
    happening ("rocket fire"), the weapon used ("attack helicopters") or what is hit ("raid MQM headquarters"). A
    headline's dash ("Karachi clash - paper") joins no compound."""
    if head.dep_ != "compound" or head.head.pos_ != "NOUN" or any(t.is_punct for t in head.doc[head.i + 1 : head.head.i]):
        return False
    noun, lex = head.head, incident_lexicon()
    words = {noun.lemma_.lower(), noun.lower_}
    in_event = any(word in phrase for entries in lex["triggers"].values() for phrase, _ in entries for word in words)
    kept = lex["senses"]["happenings"] | lex["context"]["weapons"] | lex["senses"]["target_nouns"]
    return not (in_event or words & kept or noun.ent_type_ in PLACE_LABELS)


def _shoots_no_one(head: Token) -> bool:
    """ "shot flares at the planes", "shot a video": what is shot is a thing fired or filmed (``unharmed_objects``),
    not a victim; anyone or anything else shot is hit ("shot a Navy veteran", "shot bullets into the crowd")."""
    senses = incident_lexicon()["senses"]
    if head.lemma_.lower() not in senses["victim_object_verbs"]:
        return False
    shot = [c for c in head.children if c.dep_ == "dobj" and not c.is_punct]
    return any(o.lemma_.lower() in senses["unharmed_objects"] or o.lower_ in senses["unharmed_objects"] for o in shot)


def _launched_at_nothing(head: Token, sentence: Span) -> bool:
    """ "a ballistic missile launch", "fired three missiles into the sea": a weapon launched at no target, with no one
    killed or hurt, is a test or a show of force, not an attack ("fired rockets at a checkpoint" is one)."""
    senses, lex = incident_lexicon()["senses"], incident_lexicon()
    if head.lemma_.lower() not in senses["projectiles"]:
        return False
    launch = head.head if head.dep_ in ("compound", "dobj", "nsubjpass") else None
    if launch is None or launch.lemma_.lower() not in senses["launch_words"]:
        return False
    hurt = any((t.lemma_.lower(),) in lex["death"] or (t.lemma_.lower(),) in lex["injury"] for t in sentence)
    return not (hurt or _physical_target(head) or _physical_target(launch, ("on", "against", "upon", "at", "into")))


def _shows_something(head: Token) -> bool:
    """ "has demonstrated her skill", "as the evidence has demonstrated": a verb that also means "show" is a protest
    only when people do it (a person, a group, a counted crowd) and it shows nothing (no object, no clause)."""
    if head.pos_ != "VERB" or head.lemma_.lower() not in incident_lexicon()["senses"]["show_verbs"]:
        return False
    if any(c.dep_ in ("dobj", "ccomp", "dative") and not c.is_punct for c in head.children):  # "___" rules parse as objects
        return True
    return any(not _is_people(s) for s in head.children if s.dep_ == "nsubj")


def _befalls_a_thing(head: Token) -> bool:
    """ "Obamacare is dying", "the deal is dead", "killing the middle class", "is killing jobs": a death word whose
    victim (the subject of "die", the object of "kill", the owner of "death") is a thing, not people (a person, a
    group, a count), is a figure of speech; who or what kills may be a thing ("the blast killed five")."""
    if head.lemma_.lower() not in incident_lexicon()["senses"]["people_words"]:
        return False
    owner = head.head if head.dep_ in ("acomp", "amod") else head  # "the deal is dead": the subject of "is"
    intransitive = head.lemma_.lower() in incident_lexicon()["intransitive"] or head.pos_ != "VERB"
    positions = ("nsubj", "nsubjpass") if intransitive else ("dobj", "nsubjpass")
    victims = [c for c in owner.children if c.dep_ in positions or _possessive(c)]
    victims += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return any(not _is_people(v) for v in victims)


def _argued(head: Token) -> bool:
    """ "Pence and Kaine clashed over taxes", "the two candidates clashed": people by name or office who clash are
    arguing; forces, groups and crowds clash physically ("rival groups clashed", "protesters clashed with police")."""
    if head.lemma_.lower() not in incident_lexicon()["senses"]["dispute_words"]:
        return False
    sides = [c for c in head.children if c.dep_ in ("nsubj", "poss")]
    sides += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("with", "between") for g in c.children if g.dep_ == "pobj"]
    sides += [conj for side in list(sides) for conj in side.conjuncts]
    debaters = incident_lexicon()["senses"]["debaters"]
    return any(side.ent_type_ == "PERSON" or side.lemma_.lower() in debaters for side in sides)


def _takes_territory(head: Token) -> bool:
    """ "rebels seize town", "forces retake the district centre", "take control of Lalibela", "the base was overrun":
    what is taken is a place, named or a place noun; "police seize drugs", "seized power" take no territory."""
    senses = incident_lexicon()["senses"]
    taken = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.lemma_.lower() == "control" for c in taken):  # what "of" names, whether the parse hangs it on "control" or the verb
        holders = [head, *(c for c in taken if c.lemma_.lower() == "control")]
        taken += [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return any(t.ent_type_ in PLACE_LABELS or t.lemma_.lower() in senses["territory_nouns"] for t in taken)


def _possessive(token: Token) -> bool:
    return token.dep_ == "poss" and token.tag_ != "PRP$"


def _is_people(head: Token) -> bool:
    """People: a person, a group, or anything counted by number ("17 American sailors")."""
    counted = any(c.dep_ == "nummod" for c in head.children)
    group = head.ent_type_ in ("PERSON", "NORP", "ORG") or head.lemma_.lower() in incident_lexicon()["context"]["groups"]
    return is_person(head) or counted or group


def in_sense(trigger: Trigger, sentence: Span, physical: bool) -> bool:
    """A trigger read in its violent sense: a word that also has a non-violent one ("attack ads", "went on strike")
    needs something physical (``physical``: a weapon, casualties, an armed side) or a physical target; a gathering
    ("rally", "march") is a protest only when its people demonstrate (a grievance is written); taking ("seize") is a
    battle only when a place is taken, and "destroy" a killing only of people. A trigger naming a kind
    of thing ("riot police"), shooting no one ("shot flares") or a weapon launched at nothing ("a missile launch") is none."""
    senses = incident_lexicon()["senses"]
    head = sentence.doc[trigger.start : trigger.end].root
    if _names_a_kind(head) or _shoots_no_one(head) or _launched_at_nothing(head, sentence) or _shows_something(head):
        return False
    if not physical and (_befalls_a_thing(head) or _argued(head)):
        return False
    if " ".join(trigger.phrase) in senses["territory_verbs"]:
        return _takes_territory(head)
    if " ".join(trigger.phrase) in senses["people_object_verbs"]:  # "destroyed 100 soldiers", not "destroyed homes"
        return head.pos_ == "VERB" and any(is_person(c) for c in head.children if c.dep_ in ("dobj", "nsubjpass"))
    word = trigger.phrase[0] if len(trigger.phrase) == 1 else None
    if word in senses["gatherings"]:  # what the gathering's own phrase or clause says, not the speech given at it
        return any(t.lemma_.lower() in senses["grievance_words"] or t.lower_ in senses["grievance_words"] for t in head.subtree)
    if word in senses["physical"]:
        return physical or _physical_target(head)
    return True


def is_off_domain(sentence: Span) -> bool:
    words = incident_lexicon()["context"]["off_domain"]
    return any(t.lemma_.lower() in words or t.lower_ in words for t in sentence)
