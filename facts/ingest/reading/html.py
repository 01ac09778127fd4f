"""The web-page reader (.html, .htm, and pages served as text/html): the article a page
carries, as the plain text the rest of the importer reads, and what the page states about it.

trafilatura finds the main text and leaves out the page's furniture (menus, comments, related
links, captions, share buttons, newsletter and cookie boxes); it is asked for precision over
recall, because a line of furniture kept in the body can become a claim, while a lost line is
visible in the stored snapshot. htmldate (through trafilatura) reads the publication date
from the markup only: the original date, not the modified one, and never a date guessed from
the body's prose (an article about the 2023 coup would otherwise be dated by it).

The text follows the importer's plain-text convention: the title on the first line, then each
paragraph, heading or list item on a line of its own, with a blank line between them. What the
page states (title, author, date, canonical address, site name, language) goes into the
metadata under the names the analysis reads (metadata.py), so it is used over what the text
alone suggests, and flagged as supplied.
"""

import re
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html  # type: ignore[import-untyped]
from lxml.etree import LxmlError  # type: ignore[import-untyped]

from facts.ingest.reading.charsets import decode_page
from facts.ingest.reading.document import ReadError, Received
from facts.ingest.reading.registry import Decoded, register

# The htmldate settings: markup only, and the date first published.
DATE_PARAMS = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}
# lxml refuses a Unicode string that still declares a byte encoding; the bytes are decoded.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_LANG = re.compile(r"""<html\b[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.I)
# How a site name is derived from an address when the page states none (trafilatura does
# this): such a name is the host, not what the page says of itself.
_HOST_AS_NAME = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")
# Host prefixes of one site's variants (desktop, mobile, AMP).
_VARIANT_PREFIXES = ("www.", "m.", "amp.", "mobile.")
_SKIPPED_ELEMENTS = ("script", "style", "noscript", "template")
# Furniture trafilatura keeps (its own lists leave paywalls alone, and know no "read next"),
# by class or id: removed from the page before extraction.
_FURNITURE_NAMES = ("read-next", "readnext", "read-also", "lire-aussi", "most-read", "paywall")
PRUNED = [
    "//*["
    + " or ".join(f"contains(@class, '{n}') or contains(@id, '{n}')" for n in _FURNITURE_NAMES)
    + "]",
    # An encyclopedia's "[1]" citation marks and "[edit]" links, inside the sentences.
    "//sup[contains(@class, 'reference')]",
    "//*[contains(@class, 'mw-editsection')]",
]
# A body with no line this long is menu items and buttons the fallback extractors picked up
# from a page without an article, not an article: an article has at least one sentence.
_MIN_SENTENCE_WORDS = 6
# What separates a page's title from its site's name in <title> ("… | Sahel Wire").
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")


@register("html", suffixes=(".html", ".htm"), media_types=("text/html",))
def decode_html(raw: bytes, received: Received) -> Decoded:
    page, charset = decode_page(raw, sent=received.charset)
    page = _XML_DECLARATION.sub("", page, count=1)
    found = _extract(page, received.url)
    title, body = _title_and_body(
        _one_line(found.get("title") or ""), found.get("text") or "", found.get("sitename") or ""
    )
    if not any(len(line.split()) >= _MIN_SENTENCE_WORDS for line in body):
        raise ReadError(f"no article text found in the page ({_what_the_page_has(page)})")
    metadata = {
        "title": title,
        "author": _one_line(found.get("author") or ""),
        "published": found.get("date") or "",
        "url": _address(found.get("url") or "", received.url),
        **_site_name(found.get("sitename") or "", found.get("url") or received.url),
        "language": _language(page),
    }
    text = "\n\n".join([title, *body] if title else body) + "\n"
    return Decoded(
        text,
        {name: value for name, value in metadata.items() if value},
        media_type=f"text/html; charset={charset}",
    )


def _extract(page: str, url: str) -> dict[str, Any]:
    """trafilatura's main text and metadata of a page, as a dict; empty when it finds none."""
    # Imported here: trafilatura takes 0.4 s to import (its language model), which a run of
    # text files, and every worker process, would otherwise pay for nothing.
    from trafilatura import bare_extraction

    try:
        found = bare_extraction(
            page,
            url=url or None,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            # Tables become "| a | b |" rows with a "|---|" rule: an infobox or a table of
            # figures read as sentences gives claims that no sentence states.
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            date_extraction_params=DATE_PARAMS,
            prune_xpath=PRUNED,
        )
    except LxmlError as error:
        raise ReadError(f"the page cannot be parsed as HTML ({error})") from None
    if found is None:
        return {}
    return found if isinstance(found, dict) else found.as_dict()


def _title_and_body(title: str, text: str, site: str) -> tuple[str, list[str]]:
    """The title without the site's name after it, and the body's lines (one paragraph
    each) without the title repeated at their head: a page's <title> often reads "Headline
    | Site", and its main text often opens with the headline itself."""
    lines = [line for line in (_one_line(line) for line in text.splitlines()) if line]
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if not found:
            continue
        opening = lines and _key(lines[0]) == _key(head)
        if opening or (site and _key(tail) == _key(site)):
            title = head
            break
    if lines and title and _key(lines[0]) == _key(title):
        lines = lines[1:]
    return title, lines


def _address(stated: str, page_url: str) -> str:
    """The page's canonical address when it states one on its own site, else where it was
    fetched from. A canonical address on another site is not believed: a page could name
    any site's article as its own and so replace that article's current version."""
    if stated and urlsplit(stated).scheme not in ("http", "https"):
        stated = ""
    if stated and page_url and not same_site(stated, page_url):
        return page_url
    return stated or page_url


def same_site(one: str, other: str) -> bool:
    """Whether two addresses are on one site: the same host, give or take a www., m. or amp.
    prefix, or one a subdomain of the other."""
    a, b = (_bare_host(urlsplit(url).hostname or "") for url in (one, other))
    if not a or not b:
        return False
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def _bare_host(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in _VARIANT_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


def _site_name(name: str, url: str) -> dict[str, str]:
    """The site's name as the page states it (og:site_name, the JSON-LD publisher), which
    is also the publisher the page names; nothing when it is only the host's name."""
    name = _one_line(name)
    derived = _HOST_AS_NAME.match(url or "")
    if not name or (derived and name == derived.group(1)):
        return {}
    return {"site_name": name[:200], "publisher": name[:200]}


def _language(page: str) -> str:
    """The language the page says it is in (`<html lang="fr-FR">`: "fr"), if any."""
    match = _LANG.search(page[:4096])
    return match.group(1).lower() if match else ""


def _what_the_page_has(page: str) -> str:
    """What there was instead of an article, for the refusal's message."""
    try:
        tree = lxml_html.document_fromstring(page)
    except (LxmlError, ValueError):
        return "nothing that parses as HTML"
    for element in list(tree.iter(*_SKIPPED_ELEMENTS)):
        element.drop_tree()
    words = len(tree.text_content().split())
    if words == 0:
        return "the page shows no text at all"
    return f"{words:,} word{'s' if words > 1 else ''} on the whole page, none in an article's body"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    return _one_line(text).casefold().rstrip(".")
