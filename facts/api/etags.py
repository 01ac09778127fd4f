"""ETags on detail responses and If-Match on writes: no lost updates through the API."""

from facts.api.errors import PreconditionFailed, PreconditionRequired


def etag_of(obj) -> str:
    version = getattr(obj, "version", 0)
    stamp = int(obj.updated_at.timestamp() * 1_000_000) if getattr(obj, "updated_at", None) else 0
    return f'"{obj._meta.model_name}-{obj.pk}-{version}-{stamp}"'


def _normalise(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def if_match_tags(request) -> set[str]:
    """The ETags If-Match names; 428 without any (or with "*"). Writes call this before they
    look anything up, so a write without If-Match is a 428 whatever else is wrong with it."""
    header = request.headers.get("If-Match")
    tags = {_normalise(tag) for tag in (header or "").split(",")} - {""}
    if not tags:
        raise PreconditionRequired()
    if "*" in tags:
        # "*" matches any version: it would let a client overwrite what it never read.
        raise PreconditionRequired(
            "If-Match: * is not accepted here: send the ETag you read with the object."
        )
    return tags


def require_current(request, obj) -> None:
    """428 without If-Match (or with "*"), 412 when it names another version than the one
    stored."""
    if etag_of(obj) not in if_match_tags(request):
        raise PreconditionFailed(
            f"The {obj._meta.verbose_name} changed since you read it (current ETag "
            f"{etag_of(obj)}); read it again and re-apply your change."
        )
