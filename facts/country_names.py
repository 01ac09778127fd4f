"""Which country a reader's value names ("Mali", "MLI", "ML", "466", "Cote d'Ivoire").

Every list filtered by country asks this, so each process keeps a directory of the ~250
countries' codes and names. A change to a country through the ORM clears it in the process
that made it (signals in facts.apps); other processes rebuild theirs within
DIRECTORY_SECONDS. A value the directory does not know is looked up in the database, so a
country added or renamed elsewhere is found by its new name at once.
"""

import re
import threading
import time

from django.db.models import Q

from facts.models import Country
from facts.names import normalize_name

# Reference data: edited a few times a year, read on every filtered request.
DIRECTORY_SECONDS = 60.0

_CODE_PATTERNS = (
    ("alpha2", re.compile(r"[A-Z]{2}")),
    ("alpha3", re.compile(r"[A-Z]{3}")),
    ("numeric", re.compile(r"[0-9]{1,3}")),
)

_directory: tuple[float, dict[str, int]] | None = None
_building = threading.Lock()


def _code_key(text: str) -> str | None:
    code = text.upper()
    for column, pattern in _CODE_PATTERNS:
        if pattern.fullmatch(code):
            return f"{column}:{code.zfill(3) if column == 'numeric' else code}"
    return None


def _names_of(name, official_name, aliases) -> set[str]:
    names = [name, official_name, *(aliases if isinstance(aliases, list) else [])]
    return {normalize_name(str(n)) for n in names if n} - {""}


def _build() -> dict[str, int]:
    entries: dict[str, int] = {}
    rows = Country.objects.values_list(
        "pk", "alpha2", "alpha3", "numeric", "name", "official_name", "aliases"
    )
    for pk, alpha2, alpha3, numeric, name, official_name, aliases in rows:
        for column, code in (("alpha2", alpha2), ("alpha3", alpha3), ("numeric", numeric)):
            if code:
                entries.setdefault(f"{column}:{code}", pk)
        # In the table's order, as a scan finds them: the first country with a name wins.
        for key in _names_of(name, official_name, aliases):
            entries.setdefault(f"name:{key}", pk)
    return entries


def _current() -> dict[str, int]:
    global _directory
    held = _directory
    if held is not None and time.monotonic() - held[0] < DIRECTORY_SECONDS:
        return held[1]
    with _building:
        held = _directory
        if held is None or time.monotonic() - held[0] >= DIRECTORY_SECONDS:
            started = time.monotonic()
            held = (started, _build())
            _directory = held
    return held[1]


def forget_countries(**kwargs) -> None:
    """Receiver of a country's save or delete: the next lookup reads the table afresh."""
    global _directory
    _directory = None


def _from_database(text: str, code_key: str | None) -> int | None:
    if code_key is not None:
        column, code = code_key.split(":", 1)
        found = Country.objects.filter(Q(**{column: code})).values_list("pk", flat=True).first()
        if found is not None:
            return found
    key = normalize_name(text)
    if not key:
        return None
    rows = Country.objects.values_list("pk", "name", "official_name", "aliases")
    for pk, name, official_name, aliases in rows.iterator():
        if key in _names_of(name, official_name, aliases):
            return pk
    return None


def country_named(value: str) -> int | None:
    """The id of the country a value names: its ISO alpha-2, alpha-3 or numeric code, else
    its English name, official name or an alias in any case or accent; None if none."""
    text = (value or "").strip()
    code_key = _code_key(text)
    directory = _current()
    if code_key is not None and code_key in directory:
        return directory[code_key]
    key = normalize_name(text)
    if key and f"name:{key}" in directory:
        return directory[f"name:{key}"]
    return _from_database(text, code_key)
