"""Errors the services raise: messages meant for the curator who caused them."""

from django.core.exceptions import ValidationError


class ReviewError(ValidationError):
    """The requested change breaks a curation rule."""


class StaleVersionError(ReviewError):
    """Someone saved the object since the caller read it: refusing to overwrite their work."""

    def __init__(self, *, obj, expected: int, changes: list[dict]):
        self.obj = obj
        self.expected = expected
        self.current = obj.version
        self.changes = changes
        who = ", ".join(sorted({c["user"] for c in changes if c["user"]})) or "someone"
        fields = ", ".join(sorted({f for c in changes for f in c["fields"]})) or "some fields"
        super().__init__(
            f"{obj._meta.verbose_name.capitalize()} was changed by {who} while you were editing "
            f"(version {expected} → {obj.version}; changed: {fields}). Your changes were not "
            "saved: reload, check their changes, and apply yours again."
        )
