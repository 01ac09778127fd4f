"""Quotes highlighted in their article, as safe HTML: the evidence curators check against."""

import itertools
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

PASSAGE_CONTEXT = 400


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    url: str
    label: str
    anchor: str = ""
    # The claim's review status and id, for a colour per status and for scripts.
    status: str = ""
    key: str = ""


def _paragraphs(html: str) -> str:
    return "".join(f"<p>{part}</p>" for part in html.split("\n\n"))


def _mark_class(css_class: str, span: Span) -> str:
    return f"{css_class} status-{span.status}" if span.status else css_class


def highlight(
    text: str, spans: list[Span], *, css_class: str = "claim-quote", paragraphs: bool = True
) -> SafeString:
    """The text with each span marked and linked. Overlapping spans split into segments,
    each marked with every claim that covers it, so no quote is lost or mis-nested.
    Without `paragraphs` the text keeps its line breaks as characters (for a pre-wrap box),
    so offsets counted in the page's text are offsets in `text`."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    out = []
    opened_anchor = set()
    linked: set[int] = set()  # indexes in `valid` of the spans a mark links to
    for start, end in itertools.pairwise(cuts):
        piece = escape(text[start:end])
        covering = [s for s in valid if s.start <= start and end <= s.end]
        if not covering:
            out.append(piece)
            continue
        first = covering[0]
        linked.add(valid.index(first))
        anchors = "".join(
            format_html('<span id="{}"></span>', s.anchor)
            for s in covering
            if s.anchor and s.start == start and s.anchor not in opened_anchor
        )
        opened_anchor |= {s.anchor for s in covering if s.start == start}
        title = " | ".join(s.label for s in covering)
        out.append(
            anchors
            + format_html(
                '<mark class="{}" title="{}" data-claim="{}"><a href="{}">',
                _mark_class(css_class, first),
                title,
                first.key,
                first.url,
            )
            + piece
            + "</a></mark>"
        )
        # Claims that quote exactly the same words (one per event of a sentence that reports
        # several) get a link of their own where their quote ends.
        for span in covering[1:]:
            index = valid.index(span)
            if span.end == end and index not in linked:
                linked.add(index)
                out.append(
                    format_html(
                        '<mark class="{}" title="{}" data-claim="{}">'
                        '<a class="claim-also" href="{}">+</a></mark>',
                        _mark_class(css_class, span),
                        span.label,
                        span.key,
                        span.url,
                    )
                )
    html = "".join(out)
    return mark_safe(_paragraphs(html) if paragraphs else html)


def passage(
    text: str, start: int, end: int, *, url: str, label: str, context: int = PASSAGE_CONTEXT
) -> SafeString:
    """The quote inside the passage around it (`context` characters either side), widened to
    paragraph boundaries: with no context, the quote's own paragraph."""
    left = text.rfind("\n\n", 0, max(0, start - context))
    left = 0 if left < 0 else left + 2
    right = text.find("\n\n", min(len(text), end + context))
    right = len(text) if right < 0 else right
    return highlight(
        text[left:right], [Span(start - left, end - left, url, label)], css_class="claim-quote"
    )
