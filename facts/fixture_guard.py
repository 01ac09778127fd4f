"""What loading a fixture would overwrite.

`loaddata` saves each object of a fixture over the row with the same natural key, silently: a
curator's changed description is reverted, its version reset, and no history row says so.
These functions find the rows a fixture would change, so the command can refuse and say which.
"""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Overwrite:
    label: str  # "facts.Actor"
    key: str  # the natural key, or the primary key
    fields: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.label} {self.key}: {', '.join(self.fields)}"


def _compared_fields(model: type[models.Model]) -> list[models.Field]:
    # Timestamps kept by Django itself move on any save; the fields beside them tell the story.
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    ]


def fixture_overwrite(instance: models.Model, *, using: str) -> Overwrite | None:
    """The stored fields `instance` (deserialized from a fixture) would change, or None when
    it is new or identical to what is stored."""
    model = type(instance)
    if instance.pk is None:
        return None
    stored = model._base_manager.using(using).filter(pk=instance.pk).first()
    if stored is None:
        return None
    changed = tuple(
        f.name
        for f in _compared_fields(model)
        if f.to_python(getattr(stored, f.attname)) != f.to_python(getattr(instance, f.attname))
    )
    if not changed:
        return None
    natural = getattr(stored, "natural_key", None)
    key = "/".join(map(str, natural())) if natural else f"pk={stored.pk}"
    return Overwrite(label=model._meta.label, key=key, fields=changed)
