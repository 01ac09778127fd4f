"""Rows for .ci/schemathesis to spend, added to the scratch database after the seed set.

The lead's run merges and deletes: the seed set's events would run out (23, few of a kind), and
every seed article has claims, so none could be deleted (409). Spare events of one kind and
articles without claims give those writes something to succeed on; the curator's new claims
quote the spare articles too. Run with the scratch database's settings in the environment.
"""

import hashlib
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahel.settings")
django.setup()

from facts.models import Article, Event  # noqa: E402

SPARE_EVENTS = 150
SPARE_ARTICLES = 8


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


for n in range(1, SPARE_EVENTS + 1):
    Event.objects.create(
        slug=f"schemathesis-spare-meeting-{n}",
        kind="meeting",
        title=f"Spare meeting {n} (Schemathesis)",
    )
for n in range(1, SPARE_ARTICLES + 1):
    text = (
        f"Spare article {n}. Delegations from Mali, Niger and Burkina Faso met in Niamey on "
        f"the {n}th day of talks. The ministers agreed on a joint force of {n * 1000} troops. "
        f"Observers from the African Union attended session {n} and issued a statement."
    )
    raw = f"Spare article {n} (Schemathesis)\n\n{text}"
    Article.objects.create(
        sha256=sha256(raw),
        title=f"Spare article {n} (Schemathesis)",
        raw_text=raw,
        text=text,
        text_sha256=sha256(text),
    )
