"""Step 3: title, subtitle, byline, publication date and reading time, as the page states them."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from facts.ingest.analysis import lang
from facts.ingest.analysis.cleaning import (
    BYLINE,
    BYLINE_WORD,
    REVISION_STAMP,
    CleanedArticle,
    Role,
)
from facts.ingest.analysis.dates import (
    DAY,
    DateMention,
    find_dates,
    heading_date,
    parse_date_line,
    parse_dateline,
    parse_source_line,
)

_P = lang.process_pack()
_TITLE_WORDS = 14
_NAME = re.compile(r"^(?P<name>(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+)\b")
_READING = re.compile(r"(\d+)")
# A wire dateline opens one of the first paragraphs of the body.
_DATELINE_PARAGRAPHS = 3


@dataclass
class ArticleMetadata:
    title: str
    subtitle: str = ""
    author: str = ""
    published: DateMention | None = None
    published_text: str = ""
    reading_time_minutes: int | None = None
    # The date is a source trailer's ("Source …, le 9 juin 2021"): when the source posted the
    # text, which may be days after it was written or said, so "yesterday" and the present
    # tense are not read against it.
    posted_later: bool = False
    flags: dict[str, list[str]] = field(default_factory=dict)
    # Set only when supplied with the file or the import (curators set them otherwise).
    url: str = ""
    publisher: str = ""


def derive_title(body: str) -> str:
    """A title for an article that has none: its first sentence, shortened at a word."""
    first = re.split(r"(?<=[.!?])\s", body.strip(), maxsplit=1)[0] if body.strip() else ""
    words = first.split()
    if not words:
        return _P.UNTITLED
    title = " ".join(words[:_TITLE_WORDS]).rstrip(".,;:")
    return title + ("…" if len(words) > _TITLE_WORDS else "")


def _author(cleaned: CleanedArticle) -> str:
    for line in cleaned.lines_with(Role.BYLINE):
        match = BYLINE.match(line)
        if match:
            return match.group("name").strip()
        if not BYLINE_WORD.match(line):
            return line.strip()
    for line in cleaned.lines_with(Role.BIO):
        if BYLINE_WORD.match(line):
            continue
        match = _NAME.match(line)
        if match:
            return match.group("name")
    return ""


def _revision_date(line: str) -> DateMention | None:
    """The date of a wiki permanent link's stamp ("… as edited by X at 00:42, 29 July 2024."),
    at its offsets in the line."""
    stamp = REVISION_STAMP.match(line)
    if stamp is None:
        return None
    dates = find_dates(line[stamp.end() :])
    first = dates[0] if dates else None
    if first is None or not first.resolved or first.start_offset != 0:
        return None
    return replace(
        first,
        start_offset=first.start_offset + stamp.end(),
        end_offset=first.end_offset + stamp.end(),
    )


def _publication_date(
    cleaned: CleanedArticle,
) -> tuple[DateMention | None, str, list[str], bool]:
    """The stated publication date; the words as written; notes on what could not be used;
    whether the date is a source trailer's."""
    notes: list[str] = []
    datelines = cleaned.lines_with(Role.DATELINE)
    stated = [d for line in datelines if (d := parse_date_line(line) or _revision_date(line))]
    # A source trailer is the last witness of the date lines ("Source …, le 9 juin 2021").
    trailers = [d for line in datelines if (d := parse_source_line(line))]
    stated += trailers
    # "BAMAKO, Mali, March 22, 2025 (Reuters) - …": a dateline in the body's first lines.
    stated += [
        d
        for line in cleaned.lines_with(Role.BODY)[:_DATELINE_PARAGRAPHS]
        if (d := parse_dateline(line))
    ]
    # Disclaimers often repeat the date ("analysis from 05/02/2026"): a second witness.
    witnesses = [
        d
        for line in cleaned.lines_with(Role.DISCLAIMER)
        for d in find_dates(line)
        if d.resolved and d.precision == DAY
    ]
    # A document's heading: "Attacks on MINUSMA (14 April 2018)", "Letter dated 5 May 2021".
    first_line = cleaned.lines[0].text if cleaned.lines else ""
    headed = [d for d in [heading_date(first_line)] if d is not None]
    candidates = stated or headed or witnesses
    if candidates:
        chosen = candidates[0]
        for other in [*stated, *headed, *witnesses][1:]:
            if other.start != chosen.start:
                notes.append(f"'{other.text}' disagrees with '{chosen.text}'")
        return chosen, chosen.text, notes, any(chosen is t for t in trailers)
    relative = cleaned.lines_with(Role.RELATIVE_DATE)
    if relative:
        words = re.sub(r"\s+\d+$", "", relative[0])
        notes.append(f"'{words}' with nothing to count from")
        return None, words, notes, False
    notes.append("no publication date found")
    return None, "", notes, False


def _minutes(reading_time: str) -> int | None:
    """The minutes of a reading-time line ("4 min read")."""
    match = _READING.search(reading_time)
    return int(match.group(1)) if match else None


def supplied_date(value: str) -> DateMention | None:
    """A supplied publication date ("2025-03-22", "22 March 2025", "March 2025", "2025"): one
    resolved date that is not a range, at the precision it is written with."""
    mention = parse_date_line(value)
    if mention is not None:
        return mention
    found = find_dates(value.strip())
    if len(found) == 1 and found[0].resolved and found[0].note != "range":
        rest = (value[: found[0].start_offset] + value[found[0].end_offset :]).strip(" ,.")
        if not rest:
            return found[0]
    return None


def _apply_supplied(meta: ArticleMetadata, supplied: Mapping[str, str]) -> None:
    """What the file or the import states goes over what the text shows, and is flagged
    `supplied-metadata` with what it replaced."""
    notes: list[str] = []
    for name, limit in (("title", 500), ("subtitle", 5000), ("author", 200)):
        value = supplied.get(name, "").strip()
        if value:
            found = getattr(meta, name)
            setattr(meta, name, value[:limit])
            notes.append(
                f"{name}: {value[:limit]}"
                + (f" (the text gives '{found}')" if found and found != value[:limit] else "")
            )
            if name == "title":
                meta.flags.pop("untitled", None)
    for name, limit in (("url", 2000), ("publisher", 200)):
        value = supplied.get(name, "").strip()
        if value:
            setattr(meta, name, value[:limit])
            notes.append(f"{name}: {value[:limit]}")
    published = supplied.get("published", "").strip()
    if published:
        mention = supplied_date(published)
        if mention is None:
            notes.append(f"published: '{published}' is not a date; the text's date is kept")
        else:
            found = meta.published
            meta.published, meta.published_text = mention, published
            meta.posted_later = False
            meta.flags.pop("undated", None)
            meta.flags.pop("conflicting-dates", None)
            disagrees = found is not None and (found.start, found.end) != (
                mention.start,
                mention.end,
            )
            notes.append(
                f"published: {published}"
                + (f" (the text gives '{found.text}')" if disagrees and found else "")
            )
    if notes:
        meta.flags["supplied-metadata"] = notes


def extract_metadata(
    cleaned: CleanedArticle, supplied: Mapping[str, str] | None = None
) -> ArticleMetadata:
    """The article's metadata as the page states it, with what was `supplied` (a file's
    front matter, the import's options) over it."""
    meta = _extract_metadata(cleaned)
    if supplied:
        _apply_supplied(meta, supplied)
    return meta


def _extract_metadata(cleaned: CleanedArticle) -> ArticleMetadata:
    flags: dict[str, list[str]] = {}
    titles = cleaned.lines_with(Role.TITLE)
    if titles:
        title = titles[0].strip()
    else:
        title = derive_title(cleaned.text)
        flags["untitled"] = [f"derived: {title}"]
    published, published_text, notes, posted_later = _publication_date(cleaned)
    if published is None:
        flags["undated"] = notes
    elif notes:
        flags["conflicting-dates"] = notes
    reading = cleaned.lines_with(Role.READING_TIME)
    subtitles = cleaned.lines_with(Role.SUBTITLE)
    return ArticleMetadata(
        title=title[:500],
        subtitle=subtitles[0] if subtitles else "",
        author=_author(cleaned)[:200],
        published=published,
        published_text=published_text,
        posted_later=posted_later,
        reading_time_minutes=_minutes(reading[0]) if reading else None,
        flags={code: notes for code, notes in flags.items() if notes},
    )
