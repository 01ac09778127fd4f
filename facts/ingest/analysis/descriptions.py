"""Step 5d: descriptions that stand for an actor, resolved to it after the gazetteer's passes.

- A country's government: "Mali's government", "the Malian transitional government", "the
  government of Niger", "the authorities in Bamako" are the state (a country mention, which
  stands for its state like "Mali" does, marked `description` so the events read it as an
  actor and not as a place).
- A country's army: "Malian troops", "Niger's armed forces", "the army of Burkina Faso" are the
  national army when the reference data has exactly one: an armed force of that country whose
  parent is the state. Otherwise the words stay the country's (its state).
- The junta: "the junta", "Niger's junta" are the body that ruled the country at the article's
  date, when the context knows exactly one (a government body of the country that someone
  `leads` at that date). Without a country, a date or such a body it stays unresolved.
- The army command: "the army command" is the national army of the country the article
  names most, when one country is named most and has one ("the army" alone is not read: in a
  report on several armies it is any of them).
- Seats of power: "the Kremlin", "the Élysée", "the White House" stand for a country's state
  (a small table in the language pack).
- A body named again by its head word: "the Council", "the Mission", "the Commission" are the
  last actor named before whose name has that head word ("the Security Council … the
  Council"), when one has; otherwise they stay unresolved.
"""

import re
from collections import Counter
from datetime import date

from facts.ingest.analysis import kinds, lang
from facts.ingest.analysis.context import ExtractionContext
from facts.ingest.analysis.gazetteer import Mention

_P = lang.process_pack()

DESCRIPTION = "description"  # the kind of the mentions this step adds
_COUNTRY_KINDS = {"country-name", "demonym", "capital"}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_POSS = rf"(?:{_alternation(_P.POSSESSIVE_ENDINGS)})"
_QUAL = rf"(?:(?:{_alternation(_P.GOVERNMENT_QUALIFIERS)})\s+)?"
_GOV = rf"(?:{_alternation(_P.GOVERNMENT_NOUNS)})"
_ARMY = rf"(?:{_alternation(_P.ARMY_NOUNS)})"
_JUNTA = rf"(?:{_alternation(_P.JUNTA_NOUNS)})"
_THE = re.escape(_P.DEFINITE_ARTICLE)
_OF, _IN = re.escape(_P.DESCRIPTION_OF), re.escape(_P.DESCRIPTION_IN)

# After a demonym ("Malian government") or a possessive name ("Mali's government").
GOVERNMENT_AFTER = {
    "demonym": re.compile(rf"[ \t]+{_QUAL}{_GOV}\b"),
    "name": re.compile(rf"{_POSS}[ \t]+{_QUAL}{_GOV}\b"),
}
ARMY_AFTER = {
    "demonym": re.compile(rf"[ \t]+{_ARMY}\b"),
    "name": re.compile(rf"{_POSS}[ \t]+{_ARMY}\b"),
}
JUNTA_AFTER = {
    "demonym": re.compile(rf"[ \t]+{_JUNTA}\b"),
    "name": re.compile(rf"{_POSS}[ \t]+{_JUNTA}\b"),
}
# Before a name: "the government of Mali", "the authorities in Bamako", "the army of Niger".
GOVERNMENT_BEFORE = re.compile(rf"\b{_THE}[ \t]+{_QUAL}{_GOV}[ \t]+(?:{_OF}|{_IN})[ \t]+$", re.I)
ARMY_BEFORE = re.compile(rf"\b{_THE}[ \t]+{_ARMY}[ \t]+{_OF}[ \t]+$", re.I)
THE_JUNTA = re.compile(rf"\b{_THE}[ \t]+{_JUNTA}\b", re.I)
# "The army command declares …": a country's army, named without the country.
THE_ARMY = re.compile(
    rf"\b{_THE}[ \t]+(?:{_alternation(_P.BARE_ARMY_NOUNS)})\b(?![ \t]+(?:{_OF}|{_IN})\b)", re.I
)
# "the Council", "the Mission": a capitalised head word alone, not the start of a longer name
# ("the Council of Ministers", "the Mission Support Centre").
THE_HEAD = re.compile(
    rf"\b(?i:{_THE})[ \t]+(?P<head>{_alternation(_P.ORG_HEADS)})\b(?![ \t]+(?:{_OF}\b|[A-Z]))"
)
METONYM = re.compile(
    rf"\b(?:(?i:{_THE})[ \t]+)?(?P<seat>{_alternation(_P.METONYMS)})(?![\w’'-])", re.UNICODE
)


def national_army(ctx: ExtractionContext, country: str) -> str | None:
    """The country's national army: its one armed force whose parent is its state."""
    state = ctx.state_of_country.get(country)
    if state is None:
        return None
    armies = [
        child
        for child in ctx.children.get(state, [])
        if ctx.actor_kinds.get(child) == kinds.ARMED_FORCE and ctx.country_of.get(child) == country
    ]
    return armies[0] if len(armies) == 1 else None


def ruling_body(ctx: ExtractionContext, country: str, when: date | None) -> str | None:
    """The body that ruled the country on `when`: its one government body that someone
    `leads` on that date, by the context's dated relations. Only a leadership with a known
    start counts: a junta is in power from a date, while an undated head of an office (an
    intelligence agency's director) says nothing about who ruled."""
    if when is None:
        return None
    bodies = {
        r.object
        for r in ctx.relations
        if r.kind == "leads"
        and ctx.actor_kinds.get(r.object) == kinds.GOVERNMENT_BODY
        and ctx.country_of.get(r.object) == country
        and r.start is not None
        and r.start <= when
        and (r.end is None or when <= r.end)
    }
    return next(iter(bodies)) if len(bodies) == 1 else None


def _last_named_with_head(
    mentions: list[Mention], ctx: ExtractionContext, head: str, before: int
) -> str | None:
    """The actor last named before `before` whose name has the head word `head`."""
    for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
        if mention.start >= before or mention.target_type != "actor":
            continue
        if head in ctx.names.get(mention.target, "").split():
            return mention.target
    return None


_COUNTRY_AFTER = re.compile(rf"^[ \t]+(?:{_IN}|{_OF})[ \t]+(?:[a-z]+[ \t]+)?$")


def _country_after(text: str, end: int, mentions: list[Mention]) -> str | None:
    """The country named right after a description ("the junta in neighbouring Niger")."""
    for mention in mentions:
        if (
            mention.kind in _COUNTRY_KINDS
            and 0 < mention.start - end <= 30
            and _COUNTRY_AFTER.match(text[end : mention.start])
        ):
            return mention.target
    return None


def _named_most(mentions: list[Mention]) -> list[str]:
    """The countries an article names most often (several on a tie, none without any)."""
    counts = Counter(m.target for m in mentions if m.kind in _COUNTRY_KINDS)
    most = max(counts.values(), default=0)
    return [country for country, n in counts.items() if n == most and most]


def article_junta(mentions: list[Mention], ctx: ExtractionContext, when: date | None) -> str | None:
    """The ruling body "the junta" means in an article: of the countries it names most, the
    one that had one at its date (none when several had). A country named less is never the
    fallback: an article on Niger dated before Niger's junta took office does not mean
    Burkina Faso's by "the junta"."""
    bodies = {body for c in _named_most(mentions) if (body := ruling_body(ctx, c, when))}
    return next(iter(bodies)) if len(bodies) == 1 else None


def article_army(mentions: list[Mention], ctx: ExtractionContext) -> str | None:
    """The army "the army command" means in an article: the national army of the one country
    it names most (none on a tie, or when that country has no one national army)."""
    most = _named_most(mentions)
    return national_army(ctx, most[0]) if len(most) == 1 else None


def resolve_descriptions(
    text: str, mentions: list[Mention], ctx: ExtractionContext, when: date | None
) -> list[Mention]:
    """`mentions` with the descriptions in `text` resolved, each replacing the country
    mention inside it; `when` is the article's date (for the junta)."""
    found: list[Mention] = []

    def add(start: int, end: int, target: str) -> None:
        found.append(Mention(start, end, text[start:end], target, DESCRIPTION))

    for m in mentions:
        if m.kind not in _COUNTRY_KINDS:
            continue
        form = "demonym" if m.kind == "demonym" else "name"
        if army := ARMY_AFTER[form].match(text, m.end):
            if target := national_army(ctx, m.target):
                add(m.start, army.end(), target)
        elif junta := JUNTA_AFTER[form].match(text, m.end):
            if target := ruling_body(ctx, m.target, when):
                add(m.start, junta.end(), target)
        elif government := GOVERNMENT_AFTER[form].match(text, m.end):
            add(m.start, government.end(), m.target)
        elif m.kind == "demonym":
            continue
        elif before := GOVERNMENT_BEFORE.search(text, max(0, m.start - 60), m.start):
            add(before.start(), m.end, m.target)
        elif (before := ARMY_BEFORE.search(text, max(0, m.start - 40), m.start)) and (
            target := national_army(ctx, m.target)
        ):
            add(before.start(), m.end, target)

    ruling = article_junta(mentions, ctx, when)
    taken = [(d.start, d.end) for d in found]
    for match in THE_JUNTA.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        # "the junta in neighbouring Niger": that country's, not the article's.
        named = _country_after(text, match.end(), mentions)
        body = ruling_body(ctx, named, when) if named else ruling
        if body is not None:
            add(match.start(), match.end(), body)
    taken = [(d.start, d.end) for d in found]
    if articles_army := article_army(mentions, ctx):
        for match in THE_ARMY.finditer(text):
            if not any(s <= match.start() < e for s, e in taken):
                add(match.start(), match.end(), articles_army)
    taken = [(d.start, d.end) for d in found]
    for match in THE_HEAD.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        named = _last_named_with_head(mentions, ctx, match.group("head"), match.start())
        if named is not None:
            add(match.start(), match.end(), named)
    for match in METONYM.finditer(text):
        alpha3 = _P.METONYMS[match.group("seat")]
        if f"country:{alpha3}" in ctx.names:
            add(match.start(), match.end(), f"country:{alpha3}")

    if not found:
        return mentions
    spans = [(d.start, d.end) for d in found]
    kept = [m for m in mentions if not any(s < m.end and m.start < e for s, e in spans)]
    return sorted(kept + found, key=lambda m: (m.start, m.end))
