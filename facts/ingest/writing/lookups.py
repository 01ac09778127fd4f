"""Rows the writer looks for before it creates any: stored articles, known people, free slugs."""

from django.db import connection

from facts.choices import ActorKind
from facts.models import (
    Actor,
    ActorAlias,
    Article,
)
from facts.names import normalize_name


def stored_article(sha256: str) -> Article | None:
    """The article already stored from these bytes, if any. Most files are new: asking for
    the key first (a plain indexed lookup) spares them building and reading a model query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {Article._meta.db_table} WHERE sha256 = %s", [sha256])
        found = cursor.fetchone()
    return Article.objects.get(pk=found[0]) if found else None


def find_actor_by_name(name: str) -> Actor | None:
    key = normalize_name(name)
    alias = ActorAlias.objects.select_related("actor").filter(normalized=key).first()
    if alias:
        return alias.actor
    for actor in Actor.objects.filter(name__iexact=name):
        return actor
    for actor in Actor.objects.filter(kind=ActorKind.PERSON, name__icontains=name.split()[-1]):
        if normalize_name(actor.name) == key:
            return actor
    return None


def unique_slug(model, base: str) -> str:
    base = base.strip("-") or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[: 190 - len(str(n))]}-{n}"
        n += 1
    return slug


def stored_among(digests: set[str]) -> set[str]:
    """Which of these SHA-256 digests of raw bytes are stored as articles already."""
    if not digests:
        return set()
    return set(Article.objects.filter(sha256__in=digests).values_list("sha256", flat=True))
