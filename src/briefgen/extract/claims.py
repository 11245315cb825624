"""Claims: who says what, from one pass over the spaCy parse (attribution extraction).

An attribution is a cue (a verb from ``data/cue_verbs.txt`` or "according to"),
a speaker (the cue's subject noun phrase, or the object of "according to") and
content (the cue's clause or object, or the quotation next to the cue). Quotes
without a cue of their own continue the nearest direct claim of their paragraph
('"A," she said. "B."'). Referring speakers ("he", "the spokesman") are resolved
to the nearest fitting earlier speaker or named entity.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from ..gazetteer import Gazetteer
from ..lexicons import word_set
from ..model import Actor, Claim
from .doc_index import doc_text, entities_in, sentence_bounds
from .evidence import evidence
from .quotes import MARKS, Quote, find_quotes
from .sources import SpeakerKinds, is_dateline
from .speakers import FIRST_PERSON, PERSONAL_PRONOUNS, RELATIVE_PRONOUNS, SUBJECTS, Antecedents, actor_forms, actor_name, is_referring, speaker_span, subject_of

CONTENT_CLAUSES = {"ccomp"}
OBJECTS = {"dobj", "xcomp", "attr", "oprd"}
# Right-hand dependents that never belong to an object cue's content.
LOOSE = {"punct", "cc", "conj", "advcl", "parataxis", "npadvmod", "agent"}
# Gaps allowed between a reporting clause and the quotation it introduces or closes.
QUOTE_GAP = {",", ":", "—", "–", "-", "―"}
SIGNATURE_DASHES = {"—", "–", "―", "--"}
MIN_CONTENT_WORDS = 2
MAX_LABEL_WORDS = 6
ADDRESSEE_WORDS = 6  # "the international interlocutors"; longer is more than whom the speaker told
# Referring speakers that mean nothing on their own: shown marked when the text gives no antecedent.
UNRESOLVED_SHOWN = PERSONAL_PRONOUNS | FIRST_PERSON | RELATIVE_PRONOUNS


class Attribution(NamedTuple):
    """An attribution before it becomes a Claim: token indices, quotes by their index."""

    cue: tuple[int, ...]
    speaker: Span
    content: frozenset[int]
    quotes: tuple[int, ...]


class QuoteIndex:
    """The Doc's quotations as token ranges, with a token -> quote lookup."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.quotes: list[Quote] = find_quotes(self.text)
        self.spans: list[Span] = []
        for quote in self.quotes:
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            assert span is not None  # a quote starts and ends on a mark, so it widens to whole tokens
            self.spans.append(span)
        self.of_token: list[int] = [-1] * len(doc)
        for number, span in enumerate(self.spans):
            for i in range(span.start, span.end):
                self.of_token[i] = number
        self.paragraph_of = self._paragraph_numbers()

    def _paragraph_numbers(self) -> list[int]:
        """For each token, how many line breaks come before it: tokens are in one paragraph when their numbers are equal."""
        # from the tokens' offsets as one array: a Token object per word costs more than the rest of this
        breaks = [match.start() for match in re.finditer("\n", self.text)]
        return [bisect_left(breaks, offset) for offset in self.doc.to_array(IDX).tolist()]

    def in_paragraph_of(self, token: Token, indices: set[int]) -> set[int]:
        """The indices in ``token``'s paragraph: the parser sometimes runs a sentence over a paragraph break."""
        paragraph = self.paragraph_of[token.i]
        return {i for i in indices if self.paragraph_of[i] == paragraph}

    def tokens(self, number: int) -> range:
        return range(self.spans[number].start, self.spans[number].end)

    def adjacent(self, start: int, end: int) -> tuple[list[int], list[int]]:
        """Quotes that end just before token ``start`` and start just after ``end``, within a sentence."""
        doc, before, after = self.doc, [], []
        i = start - 1
        while i >= 0 and self.of_token[i] < 0 and doc[i].text in QUOTE_GAP:
            i -= 1
        # A quote ending the previous sentence counts when the clause is a sentence of its own ("Graham asked.").
        bare_clause = i == start - 1 and doc[start].is_sent_start
        if i >= 0 and self.of_token[i] >= 0 and (sentence_bounds(doc[i]) == sentence_bounds(doc[start]) or bare_clause):
            before.append(self.of_token[i])
        i = end
        while i < len(doc) and self.of_token[i] < 0 and doc[i].text in QUOTE_GAP:
            i += 1
        opens_here = i < len(doc) and self.of_token[i] >= 0 and self.spans[self.of_token[i]].start == i
        if opens_here and (sentence_bounds(doc[i]) == sentence_bounds(doc[end - 1]) or doc[i - 1].text == ":"):
            after.append(self.of_token[i])
        return before, after


def _subtree(token: Token) -> set[int]:
    return set(range(token.left_edge.i, token.right_edge.i + 1))


def _own_attributions(head: Token) -> set[int]:
    """Coordinated cue clauses with their own subject under a content head ("..., and Y warned that ...").

    They report someone else's words, so they leave the outer content and stand alone.
    """
    cue_lemmas = word_set("cue_verbs") | word_set("cue_verbs_object")
    return set().union(
        *(
            _subtree(child)
            for child in head.children
            if child.dep_ in ("conj", "advcl")
            and child.lemma_.lower() in cue_lemmas
            and any(grandchild.dep_ in SUBJECTS for grandchild in child.children)
        )
    )


def _parse_content(cue: Token, quotes: QuoteIndex) -> set[int]:
    """Token indices of what the cue verb attributes, from its dependents.

    A clause headed inside a quotation that comes before the cue is cut to that
    quotation, so a phrase misattached after the quote does not join the content.
    """
    clauses = [child for child in cue.children if child.dep_ in CONTENT_CLAUSES]
    # A passive cue's own phrases carry the content too ("were briefed by X about Y").
    passive = any(child.dep_ == "nsubjpass" for child in cue.children)
    lemma = cue.lemma_.lower()
    # A speech verb's object is what is said when no clause is ("reported a loss", a misparsed "said many of the examples failed").
    said_object = lemma not in word_set("cue_verbs_addressed") and any(child.dep_ == "dobj" for child in cue.children)
    if not clauses and (passive or said_object or lemma in word_set("cue_verbs_object")):
        first = next(
            (
                child
                for child in cue.rights
                if child.dep_ in OBJECTS or (child.dep_ == "prep" and child.lower_ in word_set("cue_prepositions"))
            ),
            None,
        )
        # The object and what follows it: "criticized X for Y", "described X as Y".
        clauses = [child for child in cue.rights if first is not None and child.i >= first.i and child.dep_ not in LOOSE]
    if not clauses:
        clauses = [child for child in cue.rights if child.dep_ == "xcomp"]
    content: set[int] = set()
    for child in clauses:
        subtree = _subtree(child) - _own_attributions(child)
        quote = quotes.of_token[child.i]
        if quote >= 0 and quotes.spans[quote].start < cue.i:
            subtree &= set(quotes.tokens(quote))
        content |= subtree
    # The reporting clause is set off by punctuation: ", he said", "..." he said".
    clause_start = min([child.left_edge.i for child in cue.children if child.dep_ in SUBJECTS] + [cue.i])
    set_off = clause_start > 0 and cue.doc[clause_start - 1].is_punct
    if not content and set_off and (cue.dep_ == "parataxis" or (cue.dep_ == "ccomp" and cue.head.i < cue.i)):
        # "The plan failed, he said", "The plan, he said, failed": the reported clause is the cue's head.
        content = _subtree(cue.head) - _subtree(cue)
    return content


def _reporting_clause(cue: Token, content: set[int], quotes: QuoteIndex) -> tuple[int, int]:
    """The contiguous token range around the cue that is neither content nor quotation."""
    inside = _subtree(cue) - content
    start = end = cue.i
    while start - 1 in inside and quotes.of_token[start - 1] < 0:
        start -= 1
    while end + 1 in inside and quotes.of_token[end + 1] < 0:
        end += 1
    return start, end + 1


def _agent_of(cue: Token) -> Token | None:
    """The "by" agent of a passive cue ("was criticised by the union")."""
    agent = next((child for child in cue.children if child.dep_ == "agent"), None)
    return next((child for child in agent.children if child.dep_ == "pobj"), None) if agent is not None else None


def _verb_attribution(cue: Token, quotes: QuoteIndex) -> Attribution | None:
    if quotes.of_token[cue.i] >= 0:
        return None
    passive = [child for child in cue.children if child.dep_ == "nsubjpass"]
    subject = _agent_of(cue) if passive else subject_of(cue)
    if subject is not None and quotes.of_token[subject.i] >= 0:
        # A quotation before the cue is sometimes parsed as a second subject ('"That was outrageous," the strategist said').
        subject = next((child for child in cue.children if child.dep_ in SUBJECTS and quotes.of_token[child.i] < 0), None)
    if subject is not None and is_dateline(subject):
        # "Washington (AFP) – Clinton said": the speaker is the subject after the dateline, if any.
        subject = next((child for child in cue.children if child.dep_ in SUBJECTS and child.i > subject.right_edge.i), None)
    if subject is None or subject.lower_ == "there" or quotes.of_token[subject.i] >= 0:
        return None
    content = quotes.in_paragraph_of(cue, _parse_content(cue, quotes))
    if passive and cue.lemma_.lower() in word_set("cue_verbs_object"):
        # "The plan was endorsed by X": what was endorsed is the content ("Y was told by X" names the addressee).
        content |= _subtree(passive[0])
    clause_start, clause_end = _reporting_clause(cue, content, quotes)
    before, after = quotes.adjacent(clause_start, clause_end)
    outside_quotes = {i for i in content if quotes.of_token[i] < 0}
    if outside_quotes and not before:
        after = [q for q in after if quotes.doc[quotes.spans[q].start - 1].text == ":"]
    if outside_quotes:
        before = []
    attached = tuple(before + after)
    for number in attached:
        content |= set(quotes.tokens(number))
    speaker = speaker_span(subject, stop=cue.i if subject.i < cue.i and cue.dep_ == "acl" else None)
    in_paragraph = quotes.in_paragraph_of(subject, set(range(speaker.start, speaker.end)))
    speaker = quotes.doc[min(in_paragraph) : max(in_paragraph) + 1]
    content -= set(range(speaker.start, speaker.end)) | {cue.i}
    if cue.dep_ == "relcl":
        content = _with_described_subject(cue, content)
    cue_tokens = (cue.i,) + tuple(child.i for child in cue.children if child.dep_ == "prt")
    return Attribution(cue_tokens, speaker, frozenset(content), attached)


def _with_described_subject(cue: Token, content: set[int]) -> set[int]:
    """A cue inside a relative clause ("calls that they say have targeted ...") reports a clause whose
    subject is the relative pronoun: the noun it describes stands in for it ("extortion calls have targeted ...")."""
    relative = [i for i in content if cue.doc[i].lower_ in RELATIVE_PRONOUNS and cue.doc[i].dep_ in SUBJECTS | {"nsubjpass"}]
    if not relative:
        return content
    described = cue.head
    return (content - set(relative)) | set(range(described.left_edge.i, described.i + 1))


def _according_attribution(according: Token, quotes: QuoteIndex) -> Attribution | None:
    """ "According to X, ...": X is the speaker, the clause the phrase modifies is the content."""
    to = next((child for child in according.children if child.lower_ == "to"), None)
    source = next((child for child in to.children if child.dep_ == "pobj"), None) if to is not None else None
    if to is None or source is None:
        return None
    doc = according.doc
    if according.head.i != according.i:
        phrase = _subtree(according)
        content = quotes.in_paragraph_of(according, _subtree(according.head) - phrase)
    else:
        # "According to X, the move reeks of fear": the parser made the phrase the sentence and the clause a part of X.
        named, sentence_end = speaker_span(source), sentence_bounds(according)[1]
        if named.end >= sentence_end or doc[named.end].text != ",":
            return None
        phrase = set(range(according.i, named.end))
        content = quotes.in_paragraph_of(according, set(range(named.end, sentence_end)))
    # Drop the commas that set the phrase off.
    content -= {i for i in (min(phrase) - 1, max(phrase) + 1) if 0 <= i < len(doc) and doc[i].text == ","}
    attached = tuple(sorted({quotes.of_token[i] for i in content if quotes.of_token[i] >= 0}))
    return Attribution((according.i, to.i), speaker_span(source), frozenset(content), attached)


def _starts_paragraph(token: Token) -> bool:
    return token.i == 0 or "\n" in token.nbor(-1).text_with_ws


def _label_attribution(colon: Token, quotes: QuoteIndex, gazetteer: Gazetteer) -> Attribution | None:
    """ "PENCE: Well, ..." and "Poll: Voters ...": a short name and a colon open the paragraph.

    Place and date labels (datelines such as "KABUL:") are not speakers.
    """
    doc = colon.doc
    start = colon.i
    while start > 0 and colon.i - start < MAX_LABEL_WORDS and not _starts_paragraph(doc[start]):
        start -= 1
    while start < colon.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    label = doc[start : colon.i]
    if not (_starts_paragraph(doc[start]) or doc[start - 1].text in MARKS) or not label:
        return None
    # A name or headline label: capitalised words, no verb ("He concluded:" is a verb cue, not a label), and no
    # article or preposition, which make a headline's kicker ("The Latest:", "Stealth Over Health:").
    if any(not (t.is_alpha and (t.is_title or t.is_upper)) or t.pos_ in ("VERB", "AUX", "PRON", "DET", "ADP") for t in label):
        return None
    if any(ent.label_ in ("GPE", "LOC", "DATE", "TIME") for ent in entities_in(label)) or gazetteer.places_named(label.text):
        return None
    end = colon.i + 1
    while end < len(doc) and not _starts_paragraph(doc[end]):
        end += 1
    content = frozenset(range(colon.i + 1, end))
    # A transcript paragraph may be quoted whole ('"PENCE: Well, ...'): the quote holding the label is not the content's.
    attached = tuple(sorted({quotes.of_token[i] for i in content if quotes.of_token[i] not in (-1, quotes.of_token[colon.i])}))
    return Attribution((colon.i,), label, content, attached)


def _signed_quote(dash: Token, quotes: QuoteIndex) -> Attribution | None:
    """ "“We can build a wall around him.” ― Steve Quinlan": a quotation signed with a dash and a name ending its line."""
    doc = dash.doc
    number = quotes.of_token[dash.i - 1]
    if number < 0 or quotes.spans[number].end != dash.i:
        return None
    end = dash.i + 1
    while end < len(doc) and not _starts_paragraph(doc[end]):
        end += 1
    name = doc[dash.i + 1 : end]
    while len(name) and (name[-1].is_punct or name[-1].is_space):
        name = name[:-1]
    words = [token for token in name if not token.is_punct]
    if not words or len(words) > MAX_LABEL_WORDS or not all(token.is_title or token.is_upper for token in words):
        return None
    return Attribution((dash.i,), name, frozenset(quotes.tokens(number)), (number,))


def _attributions(doc: Doc, quotes: QuoteIndex, gazetteer: Gazetteer) -> Iterator[Attribution]:
    cue_lemmas = word_set("cue_verbs") | word_set("cue_verbs_object")
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            attribution = _according_attribution(token, quotes)
        elif token.text == ":" and token.i > 0 and (quotes.of_token[token.i] < 0 or _starts_paragraph(quotes.spans[quotes.of_token[token.i]][0])):
            attribution = _label_attribution(token, quotes, gazetteer)
        elif token.pos_ == "VERB" and token.lemma_.lower() in cue_lemmas:
            attribution = _verb_attribution(token, quotes)
        elif token.text in SIGNATURE_DASHES and token.i > 0:
            attribution = _signed_quote(token, quotes)
        else:
            continue
        if attribution is not None and sum(doc[i].is_alpha for i in attribution.content) >= MIN_CONTENT_WORDS:
            yield attribution


def _outermost(attributions: list[Attribution], doc: Doc) -> list[Attribution]:
    """Drop attributions nested in another's reported content ("X said Y believes Z" keeps X's)
    or in another's speaker ("an official, who asked not to be named, said ...").

    Sources cited with "according to" are the exception: their content holds the
    attribution they vouch for ("A, according to B, warned of C").
    """
    cues = {a.cue[0] for a in attributions}

    def held_cues(other: Attribution) -> set[int]:
        """The cues in ``other``'s content or speaker."""
        return cues.intersection(other.content) | {i for i in range(other.speaker.start, other.speaker.end) if i in cues}

    def is_outer(a: Attribution) -> bool:
        return doc[a.cue[0]].lower_ != "according"

    # How many outer attributions hold each cue: one pass over them, not one per attribution.
    holders: Counter[int] = Counter()
    for other in filter(is_outer, attributions):
        holders.update(held_cues(other))
    return [a for a in attributions if holders[a.cue[0]] == (is_outer(a) and a.cue[0] in held_cues(a))]


def _is_free_standing(number: int, quotes: QuoteIndex) -> bool:
    """True when a quotation is whole sentences on its own, not a phrase inside a sentence."""
    span = quotes.spans[number]
    sentence_start, _ = sentence_bounds(span[0])
    return all(token.is_punct or token.is_space for token in quotes.doc[sentence_start : span.start])


def _with_orphan_quotes(attributions: list[Attribution], quotes: QuoteIndex) -> list[Attribution]:
    """Quotations no cue took join the nearest direct attribution of their paragraph."""
    used = {quotes.of_token[i] for attribution in attributions for i in attribution.content}
    paragraph_of = quotes.paragraph_of
    # Direct attributions by paragraph; attributions come in the order of their cues, so each list is sorted.
    cues: dict[int, list[int]] = {}
    direct: dict[int, list[int]] = {}
    for k, attribution in enumerate(attributions):
        if attribution.quotes:
            cues.setdefault(paragraph_of[attribution.cue[0]], []).append(attribution.cue[0])
            direct.setdefault(paragraph_of[attribution.cue[0]], []).append(k)
    for number, span in enumerate(quotes.spans):
        paragraph = paragraph_of[span.start]
        if number in used or paragraph not in direct or not _is_free_standing(number, quotes):
            continue
        earlier = bisect_left(cues[paragraph], span.start)  # how many cues of the paragraph come before the quote
        k = direct[paragraph][earlier - 1 if earlier else 0]
        joined = attributions[k]
        attributions[k] = joined._replace(
            content=joined.content | set(quotes.tokens(number)), quotes=tuple(sorted(joined.quotes + (number,)))
        )
    return attributions


def _content_text(attribution: Attribution, quotes: QuoteIndex) -> str:
    doc = quotes.doc
    if attribution.quotes and all(quotes.of_token[i] >= 0 for i in attribution.content):
        return " ".join(quotes.quotes[number].words(quotes.text) for number in attribution.quotes)
    indices = sorted(attribution.content)
    while len(indices) > 1 and doc[indices[-1]].is_punct and quotes.of_token[indices[-1]] < 0:
        indices.pop()
    # Trailing punctuation goes, but not the bracket that closes one the content opened: "(TTP)".
    opened = sum(doc[i].text == "(" for i in indices) - sum(doc[i].text == ")" for i in indices)
    if opened > 0 and indices[-1] + 1 < len(doc) and doc[indices[-1] + 1].text == ")":
        indices.append(indices[-1] + 1)
    # "that" before a reported clause and "of" after "warned" belong to the cue, not the claim.
    first = doc[indices[0]]
    if (first.dep_ == "mark" and first.lower_ == "that") or (first.dep_ == "prep" and first.head.i in attribution.cue):
        indices = indices[1:]
    pieces = []
    for previous, i in zip([None, *indices], indices, strict=False):
        if previous is not None and i != previous + 1:
            pieces.append(" ")
        pieces.append(doc[i].text_with_ws)
    return " ".join("".join(pieces).split()).strip(" ,;:")


def _is_direct(attribution: Attribution, quotes: QuoteIndex) -> bool:
    """Mostly quoted content, or content holding a quoted clause with its own subject."""
    if not attribution.quotes:
        return False
    quoted = sum(1 for i in attribution.content if quotes.of_token[i] >= 0)
    if 2 * quoted >= len(attribution.content):
        return True
    for number in attribution.quotes:
        inside = quotes.tokens(number)
        if any(t.dep_.startswith("nsubj") and t.head.i in inside for t in quotes.spans[number]):
            return True
    return False


def _addressee(attribution: Attribution, doc: Doc) -> str | None:
    """Whom a verb of telling addresses ("told reporters", "telling the international interlocutors"), so the
    brief reads "told reporters:", not "told:". Short noun phrases only; a clause or quotation is content."""
    verb = doc[attribution.cue[0]]
    if verb.lemma_.lower() not in word_set("cue_verbs_addressed"):
        return None
    target = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i not in attribution.content), None)
    if target is None:
        return None
    words = list(target.subtree)
    if len(words) > ADDRESSEE_WORDS or any(w.i in attribution.content or w.is_punct for w in words):
        return None
    return doc[words[0].i : words[-1].i + 1].text


def _is_hedged(attribution: Attribution, doc: Doc) -> bool:
    hedges = word_set("hedges")
    cue_phrase = {child.i for i in attribution.cue for child in doc[i].children if child.dep_ in ("aux", "advmod")}
    if doc[attribution.cue[0]].lower_ == "according":
        cue_phrase |= set(range(attribution.speaker.start, attribution.speaker.end))
    words = (doc[i] for i in attribution.content | cue_phrase)
    return any(token.lower_ in hedges and token.pos_ != "PROPN" for token in words)


def extract_claims(
    doc: Doc, actors: Sequence[Actor] = (), resolve_pronouns: bool = True, *, gazetteer: Gazetteer, body: Doc | None = None,
) -> list[Claim]:
    """Every attribution in the Doc as a Claim, in text order.

    ``resolve_pronouns=False`` keeps referring speakers as written ("he"), as
    attribution corpora annotate them. Speakers and place labels are looked up in ``gazetteer``.
    ``body``: when ``doc`` is an article's headline, the article's text, whose mentions class the
    headline's speakers ("Sanders: ..." is official when the text says "Sen. Bernie Sanders").
    """
    quotes = QuoteIndex(doc)
    attributions = _with_orphan_quotes(_outermost(list(_attributions(doc, quotes, gazetteer)), doc), quotes)
    if not attributions:
        return []
    quoted = [number >= 0 for number in quotes.of_token]
    # Only a referring speaker needs the article's antecedents, and most articles have none: they are not read there.
    antecedents = Antecedents(doc, quoted) if resolve_pronouns and any(is_referring(a.speaker) for a in attributions) else None
    body_quoted = quoted if body is None else [number >= 0 for number in QuoteIndex(body).of_token]
    kinds = SpeakerKinds(doc if body is None else body, gazetteer, body_quoted)
    forms = actor_forms(actors)
    claims = []
    for attribution in attributions:
        speaker = attribution.speaker
        shown = speaker.text
        if antecedents is not None and is_referring(speaker):
            referent = antecedents.resolve(speaker)
            if referent is not None:
                speaker = referent
                shown = referent.text
            elif speaker[-1].lower_ in UNRESOLVED_SHOWN:
                shown = f"{speaker.text} (unresolved)"
        if antecedents is not None:
            antecedents.add_speaker(speaker)
        # Evidence covers the attribution as written, pronoun included.
        written = attribution.speaker
        # Line-break tokens are left out, so the evidence of a paragraph's claim ends in that paragraph.
        tokens = [i for i in (*attribution.content, *attribution.cue, written.start, written.end - 1) if not doc[i].is_space]
        start, end = doc[min(tokens)], doc[max(tokens)]
        claims.append(
            Claim(
                text=_content_text(attribution, quotes),
                speaker=shown,
                speaker_kind=kinds.of(speaker),
                cue=" ".join(doc[i].text for i in attribution.cue),
                addressee=_addressee(attribution, doc),
                direct=_is_direct(attribution, quotes),
                hedged=_is_hedged(attribution, doc),
                evidence=evidence(doc, start.idx, end.idx + len(end)),
                actor=actor_name(speaker, forms),
            )
        )
    return claims
