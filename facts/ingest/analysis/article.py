"""Steps 2–8 for one document, composed: everything the importer proposes, without a database."""

import re
from dataclasses import dataclass, field, replace

from facts.anchors import fingerprint_key
from facts.ingest.analysis import kinds, lang
from facts.ingest.analysis.claims import ClaimProposal, find_attribution, propose_claim
from facts.ingest.analysis.cleaning import CleanedArticle, clean_article
from facts.ingest.analysis.context import ExtractionContext
from facts.ingest.analysis.dates import (
    DAY,
    MONTH,
    DateMention,
    dateline_end,
    find_dates,
    parse_dateline,
)
from facts.ingest.analysis.descriptions import resolve_descriptions
from facts.ingest.analysis.events import (
    DEADLY_KINDS,
    EventProposal,
    find_triggers,
    home_country,
    propose_events,
    title_home,
)
from facts.ingest.analysis.fatalities import find_fatalities
from facts.ingest.analysis.gazetteer import Entry, Mention, tokenize
from facts.ingest.analysis.limits import MAX_CLAIMS_PER_ARTICLE, MAX_SENTENCE_CHARS, time_budget
from facts.ingest.analysis.metadata import ArticleMetadata, extract_metadata
from facts.ingest.analysis.organisations import (
    ProposedOrganisation,
    find_organisations,
    propose_organisations,
)
from facts.ingest.analysis.people import PersonMention, find_titled_people, with_surnames
from facts.ingest.analysis.sentences import Sentence, split_sentences
from facts.ingest.reading import Document, ReadError
from facts.ingest.reading.language import detect_language
from facts.names import slug_of

GENERATED_PENALTY = 0.2
_P = lang.process_pack()
# A role word after a body's name: the name belongs to someone's title.
_ROLE_AFTER = re.compile(rf"[ \t]+(?:{'|'.join(_P.APPOSITIVE_ROLES)})\b")


@dataclass
class ProposedPerson:
    target: str  # "actor:<slug>"
    name: str
    title: str
    key: str


@dataclass
class ArticleAnalysis:
    document: Document
    cleaned: CleanedArticle
    metadata: ArticleMetadata
    sentences: list[Sentence]
    mentions: list[Mention]
    people: list[ProposedPerson]
    titles: dict[str, str]  # actor target -> title as written, for people named with one
    events: list[EventProposal]
    claims: list[ClaimProposal]
    flags: dict[str, list[str]] = field(default_factory=dict)
    context: ExtractionContext | None = None
    # The search words of the new article and of each claim, when a worker worked them out.
    search_texts: tuple[str, list[str]] | None = None
    # New organisations, proposed for review like people.
    organisations: list[ProposedOrganisation] = field(default_factory=list)
    # The language the document is written in (ISO 639-1), which its article and claims
    # record; the analysis itself read the pack of lang.analysis_language(language).
    language: str = lang.DEFAULT_LANGUAGE


def _relative(items, start: int, end: int):
    return [
        replace(item, start=item.start - start, end=item.end - start)
        for item in items
        if item.start >= start and item.end <= end
    ]


def _relative_dates(dates: list[DateMention], offset: int) -> list[DateMention]:
    return [
        replace(d, start_offset=d.start_offset - offset, end_offset=d.end_offset - offset)
        for d in dates
    ]


def _people(
    titled: list[PersonMention], mentions: list[Mention], ctx: ExtractionContext
) -> tuple[list[ProposedPerson], dict[str, str], dict[str, str]]:
    """New titled people, titles of all titled people, and full names of every person found."""
    by_span = {(m.start, m.end): m for m in mentions if m.target_type == "actor"}
    proposed: dict[str, ProposedPerson] = {}
    titles: dict[str, str] = {}
    for person in titled:
        known = by_span.get((person.start, person.end)) or next(
            (m for m in mentions if m.start <= person.start and person.end <= m.end), None
        )
        if known is not None:
            titles.setdefault(known.target, person.title)
            continue
        target = f"actor:{slug_of(person.name)[:100] or 'person'}"
        if target not in proposed and target not in ctx.actor_kinds:
            proposed[target] = ProposedPerson(target, person.name, person.title, person.key)
        titles.setdefault(target, person.title)
    full_names = {
        m.target: m.text
        for m in mentions
        if m.target_type == "actor" and ctx.actor_kinds.get(m.target) == kinds.PERSON
    }
    full_names.update({p.target: p.name for p in proposed.values()})
    return list(proposed.values()), titles, full_names


# A wire dateline opens the article's first sentence or one of the next few.
_DATELINE_SENTENCES = 3
_PRESENT_STATEMENT = re.compile(rf"\b(?:{'|'.join(_P.PRESENT_STATEMENTS)})\b", re.I)


def _statements_of_the_day(
    events: list[EventProposal], sentence: str, published: DateMention
) -> list[EventProposal]:
    """A statement in the present tense with no date of its own ("The United States condemns
    the attack") is made on the day the release that carries it is dated: its date is the
    publication date, as the release writes it."""
    if not any(e.kind == "statement" and e.date is None for e in events):
        return events
    if not _PRESENT_STATEMENT.search(sentence):
        return events
    return [
        # Dated now, it is anchored enough to be created (an undated one could only link).
        replace(e, date=replace(published, start_offset=0, end_offset=0), link_only=False)
        if e.kind == "statement" and e.date is None
        else e
        for e in events
    ]


def _with_fatalities(events: list[EventProposal], sentence: str) -> list[EventProposal]:
    """The sentence's events, the first deadly one with the deaths the sentence counts."""
    deadly = next((i for i, e in enumerate(events) if e.kind in DEADLY_KINDS), None)
    if deadly is None:
        return events
    deaths = find_fatalities(sentence)
    if deaths is None:
        return events
    return [replace(e, fatalities=deaths) if i == deadly else e for i, e in enumerate(events)]


def _toll_of_the_last_event(
    events: list[EventProposal], since: int, until: int, triggers, sentence: str
) -> None:
    """A toll in a sentence that names no event of its own ("Thirteen people were killed and
    forty wounded in the attack.", "Over 300 civilians are alleged to have been killed") is
    the toll of the deadly event the paragraph reported last, when that one has none."""
    if not any(t.kind in DEADLY_KINDS for t in triggers):
        return
    last = next(
        (i for i in range(until - 1, since - 1, -1) if events[i].kind in DEADLY_KINDS),
        None,
    )
    if last is None or events[last].fatalities is not None:
        return
    deaths = find_fatalities(sentence)
    if deaths is not None:
        events[last] = replace(events[last], fatalities=deaths)


def _claims_of_other_events(
    claim: ClaimProposal,
    sentence_events: list[EventProposal],
    first_event: int,
    text: str,
    sentence: Sentence,
    mentions: list[Mention],
    dates: list[DateMention],
    attribution,
    occurrence: int,
    ctx: ExtractionContext,
    penalty: float,
    triggers,
) -> list[ClaimProposal]:
    """A sentence that reports several events ("seized power in 2020 and again in 2021") is
    the evidence of each: a claim per event it creates, each quoting the whole sentence, with
    that event's structure and date. The sentence's own claim covers its main event."""
    others = [
        (index, event)
        for index, event in enumerate(sentence_events, start=first_event)
        if index != claim.event_index and not event.link_only
    ]
    extra: list[ClaimProposal] = []
    for part, (index, event) in enumerate(others, start=2):
        companion = propose_claim(
            text=text,
            sentence=sentence,
            mentions=mentions,
            dates=dates,
            events=[(index, event)],
            attribution=attribution,
            occurrence=occurrence,
            ctx=ctx,
            penalty=penalty,
            triggers=triggers,
            part=part,
        )
        if companion is not None and companion.event_index == index:
            extra.append(companion)
    return extra


def with_people(
    ctx: ExtractionContext,
    people: list[ProposedPerson],
    organisations: list[ProposedOrganisation] | None = None,
) -> ExtractionContext:
    """`ctx` with the names and kinds of an article's new people and organisations: the
    article's own context as the steps after the analysis read it (they look names up, never
    search the text)."""
    organisations = organisations or []
    return replace(
        ctx,
        names={
            **ctx.names,
            **{p.target: p.name for p in people},
            **{o.target: o.name for o in organisations},
        },
        actor_kinds={
            **ctx.actor_kinds,
            **{p.target: kinds.PERSON for p in people},
            **{o.target: o.kind for o in organisations},
        },
    )


def _local_entries(
    people: list[ProposedPerson], organisations: list[ProposedOrganisation]
) -> list[Entry]:
    """Gazetteer entries for the article's new actors: their names, and acronyms letter for
    letter."""
    entries = [Entry(p.name, p.target, "actor-name") for p in people]
    for org in organisations:
        entries.append(Entry(org.name, org.target, "actor-name"))
        if org.acronym:
            # Defined in this article, so it means this organisation here even where the
            # reference data gives the same letters to another ("CNSP" in Mali and Niger).
            entries.append(Entry(org.acronym, org.target, "actor-name", case_sensitive=True))
    return entries


def analyze(document: Document, ctx: ExtractionContext) -> ArticleAnalysis:
    """Everything the importer proposes for one document, within the article's time budget
    (`limits.time_budget`): BudgetExceeded, a ReadError, fails the file and no other."""
    with time_budget():
        return _analyze(document, ctx)


def _analyze(document: Document, ctx: ExtractionContext) -> ArticleAnalysis:
    cleaned = clean_article(document.text)
    if not cleaned.text.strip():
        raise ReadError("no article text (only page furniture, metadata or generator notes)")
    metadata = extract_metadata(cleaned, document.metadata)
    text = cleaned.text
    sentences = split_sentences(text, cleaned.paragraphs)

    tokens = tokenize(text)  # both passes read the same words
    first_pass = ctx.gazetteer.find(text, tokens)
    titled = find_titled_people(text, first_pass)
    people, titles, full_names = _people(titled, first_pass, ctx)
    title_spans = [(p.title_start, p.start) for p in titled]
    organisations = propose_organisations(
        find_organisations(
            text,
            sentences,
            first_pass,
            [(min(p.title_start, p.start), max(p.end, p.title_start)) for p in titled],
        ),
        set(ctx.actor_kinds) | {p.target for p in people},
    )
    local = replace(
        with_people(ctx, people, organisations),
        gazetteer=with_surnames(
            ctx.gazetteer.extended(_local_entries(people, organisations)), full_names
        ),
    )
    mentions = _no_country_inside_a_person(local.gazetteer.find(text, tokens), local)

    reference = (
        metadata.published.start
        if metadata.published and metadata.published.precision == DAY
        else None
    )
    # "Malian troops", "the government of Niger", "the junta", "the Kremlin".
    when = (
        metadata.published.start
        if metadata.published and metadata.published.precision in {DAY, MONTH}
        else None
    )
    mentions = resolve_descriptions(text, mentions, local, when)
    penalty = GENERATED_PENALTY if "generation-artifacts" in cleaned.flags else 0.0
    # Where the article's unplaced attacks and coups happened: the country it places most of
    # its events in, else the one its title places the story in.
    home = home_country(text, mentions) or title_home(metadata.title, local)
    events: list[EventProposal] = []
    claims: list[ClaimProposal] = []
    unresolved: list[str] = []
    occurrences: dict[str, int] = {}
    overlong: list[str] = []
    capped = 0
    dropped_events = 0  # claims of a sentence's further events past the cap
    context_year: int | None = None
    # The year the current paragraph has spoken of: "in April", "on 12 June" take it. A new
    # paragraph starts without one (the background year of one paragraph is not the year of
    # the news in the next).
    narrative_year: int | None = None
    # The last day or month the text gave: "the following day", "a week later" count from it,
    # across paragraphs ("… on 6 November. ¶ A week later, …").
    context_date: DateMention | None = None
    paragraph_events = 0  # the index in `events` where the current paragraph's begin
    paragraph_ends = iter(sorted(p.end for p in cleaned.paragraphs))
    paragraph_end = next(paragraph_ends, None)
    for sentence in sentences:
        while paragraph_end is not None and sentence.start >= paragraph_end:
            paragraph_end = next(paragraph_ends, None)
            narrative_year = None
            paragraph_events = len(events)
        if len(claims) >= MAX_CLAIMS_PER_ARTICLE:
            capped += 1
            continue
        if len(sentence.text) > MAX_SENTENCE_CHARS:
            overlong.append(f"{len(sentence.text):,} characters from offset {sentence.start}")
            continue
        local_mentions = _relative(mentions, sentence.start, sentence.end)
        dates = find_dates(
            sentence.text,
            reference=reference,
            context_year=context_year,
            narrative_year=None if reference is not None else narrative_year,
            context_date=context_date,
            day_of_writing=not metadata.posted_later,
        )
        if sentence.index < _DATELINE_SENTENCES and (line := parse_dateline(sentence.text)):
            # "BAMAKO, Mali, Aug 19, 2020 (Reuters) - …": the dateline dates the article, not
            # what the sentence reports.
            dates = [
                d
                for d in dates
                if d.end_offset <= line.start_offset or d.start_offset >= line.end_offset
            ]
        for date in dates:
            start, end = date.start, date.end
            if start is not None and end is not None and date.precision != "decade":
                context_year = end.year if start.year != end.year else start.year
                narrative_year = context_year
            elif not date.resolved and not sentence.is_heading:
                unresolved.append(f"'{date.text}': {date.note}")
            if start is not None and date.precision in {DAY, MONTH}:
                context_date = date
        if sentence.is_heading:
            continue
        attribution = find_attribution(sentence.text, local_mentions, local)
        triggers = find_triggers(sentence.text)  # read by both the events and the claim
        # The person quoted, and the titles of people ("AFRICOM" in "AFRICOM Commander
        # General Michael Langley"), take no part in the events the sentence reports.
        not_participants = (
            [attribution.span]
            + [
                (span[0] - sentence.start, span[1] - sentence.start)
                for span in title_spans
                if sentence.start <= span[0] < sentence.end
            ]
            # "Stuttgart, Germany — …": where the story was filed.
            + (
                [(0, filed)]
                if sentence.index < _DATELINE_SENTENCES
                and (filed := dateline_end(sentence.text)) is not None
                else []
            )
            # "Presidential Guard commander General Tchiani": the body names a role.
            + [
                (m.start, m.end)
                for m in local_mentions
                if m.target_type == "actor" and _ROLE_AFTER.match(sentence.text, m.end)
            ]
        )
        sentence_events = propose_events(
            sentence.index,
            sentence.text,
            local_mentions,
            dates,
            local,
            exclude=not_participants,
            triggers=triggers,
            home=home,
        )
        first_event = len(events)
        if (
            metadata.published is not None
            and metadata.published.precision == DAY
            and not metadata.posted_later
        ):
            sentence_events = _statements_of_the_day(
                sentence_events, sentence.text, metadata.published
            )
        events.extend(_with_fatalities(sentence_events, sentence.text))
        if not any(e.kind in DEADLY_KINDS and not e.link_only for e in sentence_events):
            _toll_of_the_last_event(events, paragraph_events, first_event, triggers, sentence.text)
        # Counted as the fingerprint reads the sentence: a pull-quote that repeats a body
        # sentence behind "> " or "**" is its second occurrence, a claim with its own key.
        key = fingerprint_key(sentence.text)
        occurrences[key] = occurrences.get(key, 0) + 1
        claim = propose_claim(
            text=text,
            sentence=sentence,
            mentions=local_mentions,
            dates=dates,
            events=list(enumerate(sentence_events, start=first_event)),
            attribution=attribution,
            occurrence=occurrences[key],
            ctx=local,
            penalty=penalty,
            triggers=triggers,
        )
        if claim:
            claims.append(claim)
            companions = _claims_of_other_events(
                claim, sentence_events, first_event, text, sentence, local_mentions, dates,
                attribution, occurrences[key], local, penalty, triggers,
            )  # fmt: skip
            # The cap holds for the claims of events too: one sentence cannot pass it.
            room = MAX_CLAIMS_PER_ARTICLE - len(claims)
            claims += companions[:room]
            dropped_events += len(companions[room:])

    flags = {**cleaned.flags, **metadata.flags}
    if overlong:
        flags["overlong-sentences"] = [
            f"{len(overlong)} sentence(s) over {MAX_SENTENCE_CHARS:,} characters not analysed",
            *overlong[:20],
        ]
    if capped or dropped_events:
        flags["too-many-claims"] = [
            f"stopped at {MAX_CLAIMS_PER_ARTICLE} claims; {capped} later sentence(s) not read"
            + (
                f"; {dropped_events} claim(s) of further events not written"
                if dropped_events
                else ""
            )
        ]
    if unresolved:
        flags["unresolved-dates"] = unresolved
    if not claims:
        flags["no-claims"] = ["no sentence named a known country or actor"]
    return ArticleAnalysis(
        document=document,
        cleaned=cleaned,
        metadata=metadata,
        sentences=sentences,
        mentions=mentions,
        people=people,
        titles=titles,
        events=events,
        claims=claims,
        flags=flags,
        context=local,
        organisations=organisations,
        language=detect_language(document.text),
    )


def _no_country_inside_a_person(mentions: list[Mention], ctx: ExtractionContext) -> list[Mention]:
    """Mentions without the countries read inside a person's name: "Sahrawi" in "Adnan Abu
    Walid al-Sahrawi" names no country, while "Malian" in "Malian Armed Forces" does."""
    people = [
        (m.start, m.end)
        for m in mentions
        if m.target_type == "actor" and ctx.actor_kinds.get(m.target) == kinds.PERSON
    ]
    if not people:
        return mentions
    return [
        m
        for m in mentions
        if m.target_type != "country"
        or not any(start <= m.start and m.end <= end for start, end in people)
    ]
