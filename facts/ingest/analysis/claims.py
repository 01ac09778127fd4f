"""Step 8: fact-bearing sentences become claims, each anchored to its exact quote.

A sentence bears a fact when it names someone or somewhere and says something checkable about
them: not a heading, a question, first-person commentary or speculation. Structure (subject,
predicate, object) is read off the trigger phrase and the names around it; attribution ("…,
Atallah said", "According to AFP …") gives the claimant or the reported source.
"""

import re
from dataclasses import dataclass, field

from facts.anchors import fingerprint, quote_selectors, statement_of
from facts.ingest.analysis import kinds, lang, prefilter
from facts.ingest.analysis.cleaning import Role
from facts.ingest.analysis.context import ExtractionContext
from facts.ingest.analysis.dates import DateMention, span_of
from facts.ingest.analysis.events import (
    HEDGE,
    LOCATIVE,
    MODAL,
    PLACE_OF,
    ROLES,
    EventProposal,
    TriggerHit,
    find_triggers,
)
from facts.ingest.analysis.gazetteer import Mention
from facts.ingest.analysis.sentences import Sentence, split_clauses

_P = lang.process_pack()
MIN_WORDS = 5
MIN_FIELD_WORDS = 2

LEADER = "leader"
PREDICATE_OF_KIND = {
    "coup": "seized-power",
    "withdrawal": "withdrew-from",
    "deployment": "deployed-to",
    "alliance-formation": "formed",
    "force-creation": "formed",
    "membership-change": "left",
    "meeting": "met-with",
    "visit": "visited",
    "aid-suspension": "suspended-aid-to",
    "sanction": "sanctioned",
    "equipment-delivery": "supplied",
    "intelligence-sharing": "shares-intelligence-with",
    "attack": "attacked",
    "airstrike": "attacked",
}
EXTRA_PREDICATES = [(name, re.compile(piece, re.I)) for name, piece in _P.EXTRA_PREDICATES]
OPINION = re.compile(
    rf"^(?:{'|'.join(_P.OPINION_OPENERS)})\b|\b(?:{'|'.join(_P.OPINION_PHRASES)})\b",
    re.I,
)
REPORTING_VERBS = "|".join(_P.REPORTING_VERBS)
_WHO = "|".join(_P.ANONYMOUS_DETERMINERS)
_ANONYMOUS = re.compile(
    rf"\b(?:{REPORTING_VERBS})\s+(?P<who>(?:{_WHO})\s+[^,;”\"]{{3,80}}?)"
    r"(?=[,;]|\.\s*$|$)",
    re.I,
)
# "…, a ministry spokesman said."
_ANONYMOUS_BEFORE = re.compile(
    rf",\s+(?P<who>(?:{_WHO})\s+[^,;”\"]{{3,60}}?)\s+(?:{REPORTING_VERBS})"
    r"\s*[.,]?\s*$",
    re.I,
)
# "Brennan, deputy commander of AFRICOM, confirmed", "…,” Atallah said"; "said Diop".
_REPORTED_AFTER = re.compile(rf"^(?:,[^,]{{0,110}},)?\s*(?:{REPORTING_VERBS})\b", re.I)
_REPORTED_BEFORE = re.compile(rf"\b(?:{REPORTING_VERBS})\s+$", re.I)
# A reporting verb anywhere before a modal makes the modal part of the reported words ("the
# Élysée announced on 17 February 2022 that French forces would leave"): the announcement is
# the fact, even when the speaker is not one the attribution reads ("fifteen governments").
_REPORTING_VERB = re.compile(rf"\b(?:{REPORTING_VERBS})\b", re.I)
_ACCORDING = re.compile(rf"\b{_P.ACCORDING_TO}\s+(?P<sources>[^,]{{2,120}}),", re.I)
# The same sources cited at the end of the sentence: "…, according to the army."
_ACCORDING_AT_END = re.compile(
    rf",?\s+{_P.ACCORDING_TO}\s+(?P<sources>[^,;.!?]{{2,120}}?)\s*[.;!]?[\s\"”’]*$", re.I
)
_SOURCE_NOISE = re.compile(_P.SOURCE_NOISE, re.I)
# Kinds of actor that make statements a sentence can attribute.
_SPEAKERS = {kinds.PERSON, kinds.GOVERNMENT_BODY, kinds.ARMED_FORCE, kinds.MEDIA}
_ACCORDING_LOWER = _P.ACCORDING_TO.lower()
_SOURCE_SPLIT = re.compile(rf",\s*|\s+{_P.AND}\s+")
_ABOUT = rf"(?:(?:{'|'.join(_P.APPROXIMATORS)})\s+)?"
_MONEY = re.compile(
    _ABOUT + r"[$€£]\s?[\d.,]+" + rf"(?:\s*(?:{'|'.join(_P.MONEY_MAGNITUDES)}))?",
    re.I,
)
_QUANTITY = re.compile(
    _ABOUT + rf"\d[\d,.]*(?:{_P.STRENGTH_SUFFIX})?"
    rf"(?:\s+(?:[A-Z.]+\s+)?(?:{_P.QUANTITY_QUALIFIER}\s+)?(?:{'|'.join(_P.QUANTITY_NOUNS)}))?",
)
# A name after one of these is not the subject ("in Mali", "with the AES").
_NOT_SUBJECT = re.compile(
    rf"\b(?:{'|'.join(_P.NON_SUBJECT_PREPOSITIONS)})\s+(?:{_P.DEFINITE_ARTICLE}\s+)?$"
)


@dataclass
class ClaimProposal:
    sentence_index: int
    quote: str
    start: int
    end: int
    prefix: str
    suffix: str
    statement: str
    fingerprint: str
    confidence: float
    subject: str | None = None
    predicate: str = ""
    object_actor: str | None = None
    object_country: str | None = None
    object_value: str = ""
    countries: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    claimant: str | None = None
    claimant_text: str = ""
    reported_via: str = ""
    date: DateMention | None = None
    date_text: str = ""  # the words of a date left unresolved ("July 9"), when no date is
    event_index: int | None = None


def is_fact_bearing(
    sentence: Sentence,
    mentions: list[Mention],
    attribution: "Attribution",
    triggers: list[TriggerHit] | None = None,
    dated: bool = False,
) -> bool:
    """Names someone or somewhere, or reports a dated event, and is not commentary."""
    text = sentence.text
    # A field of a fact sheet states its fact in a few words ("Date: 26 July 2023").
    least = MIN_FIELD_WORDS if sentence.paragraph_role == Role.FIELD else MIN_WORDS
    if sentence.is_heading or text.rstrip('”’"').endswith("?") or len(text.split()) < least:
        return False
    if OPINION.search(text):
        return False
    named = any(m.target_type in {"actor", "country"} for m in mentions)
    sourced = bool(attribution.reported_via or attribution.claimant_text)
    reports = bool(find_triggers(text) if triggers is None else triggers)
    # An event reported without a name but with its date ("The village was attacked this
    # morning") is still a checkable fact of the article's story; undated and unnamed, it is
    # commentary ("The coups have hampered democratic progress").
    # A field dates or counts the sheet's subject: "Formed: 25 April 2013", "Fatalities: 13".
    field = sentence.paragraph_role == Role.FIELD
    counted = field and any(ch.isdigit() for ch in text)
    if not (named or counted or ((reports or field) and (sourced or dated))):
        return False
    # Forecasts and possibilities are not checkable, unless they are someone's reported words:
    # after a reporting verb, or a statement's own words ("posted on social media that the
    # gains would be safeguarded").
    hits = find_triggers(text) if triggers is None else triggers
    statement_ends = [h.end for h in hits if h.kind == "statement"]
    return attribution.attributed or not any(
        not _REPORTING_VERB.search(text, 0, modal.start())
        and not any(end <= modal.start() for end in statement_ends)
        for modal in MODAL.finditer(text)
    )


@dataclass(frozen=True)
class Attribution:
    claimant: str | None = None  # actor target
    claimant_text: str = ""
    reported_via: str = ""
    span: tuple[int, int] = (0, 0)  # the attribution phrase, whose names are not participants

    @property
    def attributed(self) -> bool:
        return bool(self.claimant or self.claimant_text)


def find_attribution(text: str, mentions: list[Mention], ctx: ExtractionContext) -> Attribution:
    """Who the sentence says made the statement, and the sources it cites."""
    reported_via = ""
    according = prefilter.search(_ACCORDING, text) or prefilter.search(_ACCORDING_AT_END, text)
    if according:
        raw = _SOURCE_NOISE.sub("", according.group("sources"))
        parts = [p.strip(" .") for p in _SOURCE_SPLIT.split(raw) if p.strip(" .")]
        reported_via = "; ".join(parts)
    for mention in mentions:
        if mention.target_type != "actor" or ctx.actor_kinds.get(mention.target) not in _SPEAKERS:
            continue
        after = text[mention.end : mention.end + 140]
        before = text[max(0, mention.start - 14) : mention.start]
        # "Brennan, deputy commander of AFRICOM, confirmed", "…,” Atallah said", "said Diop"
        following = _REPORTED_AFTER.match(after)
        preceding = _REPORTED_BEFORE.search(before)
        if following:
            span = (mention.start, mention.end + following.end())
            return Attribution(mention.target, mention.text, reported_via, span)
        if preceding:
            span = (mention.start - len(preceding.group(0)), mention.end)
            return Attribution(mention.target, mention.text, reported_via, span)
    cited = _cited_claimant(according, mentions, ctx)
    if cited is not None:
        assert according is not None
        return Attribution(cited.target, cited.text, reported_via, according.span())
    anonymous = prefilter.search(_ANONYMOUS, text) or prefilter.search(_ANONYMOUS_BEFORE, text)
    if anonymous and not anonymous.group(0).lower().startswith(_ACCORDING_LOWER):
        return Attribution(
            None, anonymous.group("who").strip(), reported_via, (anonymous.start(), anonymous.end())
        )
    return Attribution(reported_via=reported_via)


def _cited_claimant(
    according: re.Match | None, mentions: list[Mention], ctx: ExtractionContext
) -> Mention | None:
    """The speaking actor an "according to" cites ("according to the Malian army")."""
    if according is None:
        return None
    start, end = according.span("sources")
    return next(
        (
            m
            for m in mentions
            if start <= m.start and m.end <= end and ctx.actor_kinds.get(m.target) in _SPEAKERS
        ),
        None,
    )


def _object_value(text: str, kind: str | None, detail: str) -> str:
    if detail:
        return detail[:300]
    money = _MONEY.search(text)
    if money:
        return money.group(0).strip()
    quantity = _QUANTITY.search(text)
    if quantity and kind in {"deployment", "force-creation", None}:
        value = quantity.group(0).strip()
        if not re.fullmatch(r"\d{4}", value):  # a bare year is a date, not a value
            return value
    return ""


def _anchor(
    text: str, event_kinds: set[str], triggers: list[TriggerHit] | None = None
) -> TriggerHit | None:
    """The phrase that carries the sentence's main statement: the earliest trigger or
    predicate phrase outside subordinate clauses ("following the coup, the U.S. paused …"),
    preferring phrases that report an event."""
    hits = find_triggers(text) if triggers is None else triggers
    candidates = [h for h in hits if h.kind in PREDICATE_OF_KIND]
    reporting = [h for h in candidates if h.kind in event_kinds]
    if reporting:
        candidates = reporting
    for name, pattern in EXTRA_PREDICATES if not reporting else EXTRA_PREDICATES[:1]:
        if prefilter.possible(pattern, text):
            candidates += [
                TriggerHit(name, m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)
            ]
    if not candidates:
        return None
    subordinate = [c for c in split_clauses(text) if c.subordinate]
    main = [h for h in candidates if not any(c.start <= h.start < c.end for c in subordinate)]
    # A presence ("stationed") says more than the word "coup" in a side remark.
    stationed = [h for h in main if h.kind == "stationed-in"]
    return min(stationed or main or candidates, key=lambda h: h.start)


def _structure(
    text: str,
    mentions: list[Mention],
    events: list[EventProposal],
    ctx: ExtractionContext,
    triggers: list[TriggerHit] | None = None,
) -> tuple[str | None, str, str | None, str | None, str, str | None]:
    """(subject, predicate, object actor, object country, literal value, event kind) of a
    sentence: what its main phrase says, and which of its events that phrase reports."""
    anchor = _anchor(text, {e.kind for e in events if not e.link_only}, triggers)
    if anchor is None:
        return None, "", None, None, "", None
    kind = anchor.kind if anchor.kind in PREDICATE_OF_KIND else None
    predicate = PREDICATE_OF_KIND.get(anchor.kind, anchor.kind)
    event = next((e for e in events if e.kind == (kind or "deployment")), None)
    if event is not None:
        subject_role, object_role = ROLES[event.kind]
        # The person who led a coup or an attack is on its perpetrator's side.
        subjects = [t for t, r in event.participants if r in {subject_role, LEADER}]
        objects = [t for t, r in event.participants if r == object_role and t not in subjects]
        subject = subjects[0] if subjects else None
        object_actor = objects[0] if objects else None
        involved = {t for t, _ in event.participants}
        object_country = next((c for c in event.countries if ctx.as_actor(c) not in involved), None)
        if event.kind == "coup":
            predicate = "ousted" if subject and object_actor else "seized-power"
        if event.kind in {"withdrawal", "deployment"}:
            # Someone withdrew from or deployed to a place.
            subject = subjects[0] if subjects else None
            object_actor = None
            object_country = next((c for c in event.countries if ctx.as_actor(c) != subject), None)
        elif subject_role == object_role:
            # Symmetric kinds: the body formed, or the first and second party.
            organisations = [
                t for t in subjects if ctx.actor_kinds.get(t) == kinds.INTERNATIONAL_ORGANISATION
            ]
            if event.kind in {"alliance-formation", "force-creation"} and organisations:
                forces = [t for t in subjects if ctx.actor_kinds.get(t) == kinds.ARMED_FORCE]
                subject = (forces or organisations)[0]
                object_actor = None
            else:
                people = [t for t in subjects if ctx.actor_kinds.get(t) == kinds.PERSON]
                ordered = people + [t for t in subjects if t not in people]
                subject = ordered[0] if ordered else None
                object_actor = ordered[1] if len(ordered) > 1 else None
            object_country = None
        if ctx.country_of.get(object_actor or "") == object_country or (
            object_actor and ctx.as_actor(object_country or "") == object_actor
        ):
            object_country = object_country if object_actor is None else None
        value = _object_value(text, event.kind, event.detail)
        return subject, predicate, object_actor, object_country, value, event.kind
    before = [
        m for m in mentions if m.end <= anchor.start and m.target_type in {"actor", "country"}
    ]
    after = [m for m in mentions if m.start >= anchor.end and m.target_type in {"actor", "country"}]
    subject = None
    for mention in reversed(before):
        actor = ctx.as_actor(mention.target)
        if actor and predicate == "member-of":
            subject = actor  # "Mali, a founding member of the AES"
            break
        if actor and not _NOT_SUBJECT.search(text[: mention.start]):
            subject = actor
            break
    object_actor = object_country = None
    for mention in after:
        if mention.target_type == "country":
            object_country = mention.target
        elif mention.target != subject:
            object_actor = mention.target
        break
    return subject, predicate, object_actor, object_country, _object_value(text, kind, ""), None


def _names_the_state(text: str, mention: Mention) -> bool:
    """Whether a country's name stands for its state: a name (not a demonym) that is not
    where something is or happens: "in Mali", "in Burkina Faso, Mali and Niger", "the north
    of Mali", "Mali-based", "Bamako, Mali", "Place: Niamey, Niger"; nor a delegate's country
    in brackets ("Council President X (Gabon)"), nor a year's event's ("the 2014 Burkina
    Faso uprising")."""
    if mention.kind not in {"country-name", "capital"}:
        return False
    before = text[max(0, mention.start - 80) : mention.start]
    after = text[mention.end : mention.end + 2]
    return not (
        LOCATIVE.search(before)
        or _LOCATIVE_LIST.search(before)
        or PLACE_OF.search(before)
        or _AFTER_A_PLACE.search(before)
        or _PLACE_FIELD.match(text[: mention.start])
        or _YEAR_BEFORE.search(before)
        or (before.endswith("(") and after.startswith(")"))
        or after.startswith("-")
        # "U.S. Army General", "the Mali War", "U.S. troops": a name that qualifies another.
        or _QUALIFIES.match(text, mention.end)
    )


_PLACE_WORD = r"[A-Z][\w'’.-]*"
# "in Burkina Faso, Mali and Niger": the list's later names are places too.
_LOCATIVE_LIST = re.compile(
    # "In Burkina Faso, …" opens a sentence as "in" does a phrase
    rf"\b(?i:{'|'.join(_P.LOCATIVE_PREPOSITIONS)})\s+(?i:{_P.DEFINITE_ARTICLE}\s+)?"
    rf"(?:{_PLACE_WORD}(?:\s+{_PLACE_WORD})*\s*,?\s+(?:(?:{_P.AND}|{_P.OR})\s+)?)+$",
)
# "Bamako, Mali", "Sanmatenga Province, Burkina Faso": a place's country after it.
_AFTER_A_PLACE = re.compile(rf"(?<![,:;])\s{_PLACE_WORD},\s*$|^{_PLACE_WORD},\s*$")
_PLACE_FIELD = re.compile(rf"^\s*(?:{'|'.join(_P.PLACE_LABELS)})\s*:", re.I)
_QUALIFIES = re.compile(rf"[ \t]+(?:(?-i:[A-Z][a-z])|(?:{'|'.join(_P.FORCE_NOUNS)})\b)", re.I)
_YEAR_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d\s+$")


def propose_claim(
    *,
    text: str,
    sentence: Sentence,
    mentions: list[Mention],
    dates: list[DateMention],
    events: list[tuple[int, EventProposal]],
    attribution: Attribution,
    occurrence: int,
    ctx: ExtractionContext,
    penalty: float,
    triggers: list[TriggerHit] | None = None,
    part: int = 1,
) -> ClaimProposal | None:
    """A claim for one sentence, or None when the sentence bears no checkable fact.

    Offsets of `mentions` and `dates` are relative to the sentence; the claim's are absolute.
    `triggers` are the sentence's `find_triggers`, when the caller has them already.
    """
    if not is_fact_bearing(sentence, mentions, attribution, triggers, dated=bool(dates)):
        return None
    event_proposals = [event for _, event in events]
    subject, predicate, object_actor, object_country, value, event_kind = _structure(
        sentence.text, mentions, event_proposals, ctx, triggers
    )
    reported = [i for i, e in events if e.kind == event_kind] or [
        i for i, e in events if not e.link_only
    ]
    if not predicate and attribution.attributed:
        predicate = "stated"
    actors = list(
        dict.fromkeys(
            target
            for m in mentions
            if (
                target := m.target
                if m.target_type == "actor"
                # "the government of Mali" names the state as one who acts; so does a
                # country's name that is no place ("France said", "thanks the French
                # Republic", "Turkey and Qatar offered to mediate").
                else ctx.as_actor(m.target)
                if m.kind == "description" or _names_the_state(sentence.text, m)
                else None
            )
        )
    )
    countries = list(
        dict.fromkeys(
            m.target
            if m.target_type == "country"
            else ctx.country_of[m.target]  # "Malian troops": the army, and Mali
            for m in mentions
            if m.target_type == "country"
            or (
                m.target in ctx.country_of
                and (
                    m.kind == "description"
                    # "French forces", "the Malian army": a national army names its country.
                    or ctx.actor_kinds.get(m.target) == kinds.ARMED_FORCE
                )
            )
        )
    )
    # The claim says when its event happened; a sentence with no event, when all it names.
    event_date = next(
        (e.date for i, e in events if reported and i == reported[0] and e.date is not None),
        None,
    )
    date = event_date if event_date is not None and event_date.resolved else span_of(dates)
    confidence = 0.45
    confidence += 0.1 if date else 0
    confidence += 0.1 if actors else 0
    confidence += 0.05 if countries else 0
    confidence += 0.1 if predicate and (subject or object_actor or object_country) else 0
    confidence += 0.05 if attribution.attributed or attribution.reported_via else 0
    confidence += 0.05 if events else 0
    confidence -= 0.1 if HEDGE.search(sentence.text) or MODAL.search(sentence.text) else 0
    confidence = round(min(0.95, max(0.05, confidence - penalty)), 2)
    prefix, suffix = quote_selectors(text, sentence.start, sentence.end)
    return ClaimProposal(
        sentence_index=sentence.index,
        quote=sentence.text,
        start=sentence.start,
        end=sentence.end,
        prefix=prefix,
        suffix=suffix,
        statement=statement_of(sentence.text),
        fingerprint=fingerprint(sentence.text, occurrence, part),
        confidence=confidence,
        subject=subject,
        predicate=predicate,
        object_actor=object_actor if object_actor != subject else None,
        object_country=object_country,
        object_value=value,
        countries=countries,
        actors=actors,
        claimant=attribution.claimant,
        claimant_text=attribution.claimant_text,
        reported_via=attribution.reported_via,
        date=date,
        date_text=date.text if date else next((d.text for d in dates if not d.resolved), ""),
        event_index=reported[0] if reported else None,
    )
