"""ETags on detail responses and If-Match on writes: no lost updates through the API."""

from facts.api.errors import PreconditionFailed, PreconditionRequired


def etag_of(obj) -> str:
    version = getattr(obj, "version", 0)
    stamp = int(obj.updated_at.timestamp() * 1_000_000) if getattr(obj, "updated_at", None) else 0
    return f'"{obj._meta.model_name}-{obj.pk}-{version}-{stamp}"'


def _normalise(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def require_current(request, obj) -> None:
    """428 without If-Match (or with "*"), 412 when it names another version than the one
    stored."""
    header = request.headers.get("If-Match")
    if not header:
        raise PreconditionRequired()
    tags = {_normalise(tag) for tag in header.split(",")}
    if "*" in tags:
        # "*" matches any version: it would let a client overwrite what it never read.
        raise PreconditionRequired(
            "If-Match: * is not accepted here: send the ETag you read with the object."
        )
    if etag_of(obj) not in tags:
        raise PreconditionFailed(
            f"The {obj._meta.verbose_name} changed since you read it (current ETag "
            f"{etag_of(obj)}); read it again and re-apply your change."
        )
