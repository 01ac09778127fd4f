"""History shows what changed and who changed it, nothing else: a review touches status,
reason, reviewer and time, and the history says exactly that."""

import re

from django.test import TestCase
from django.urls import reverse

from facts.bootstrap import initial_data_load
from facts.models import Claim
from facts.services import claim_review
from facts.services.history import changes_since
from tests.base import import_seeds, make_staff


def _history_cells(html: str) -> list[str]:
    """The text of each entry of the admin history's "Changes" column, newest first."""
    table = html[html.index('id="change-history"') :]
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S) if "<td" in r]
    cells = []
    for row in rows:
        changes = re.findall(r"<li>(.*?)</li>", row, flags=re.S)
        texts = [re.sub(r"\s+", " ", re.sub("<[^>]+>", "", c)).strip() for c in changes]
        cells.append(" | ".join(texts))
    return cells


class ReviewHistory:
    """Shared: verify one claim that mentions countries, then read its history."""

    def claim_with_mentions(self) -> Claim:
        return Claim.objects.filter(countries__isnull=False).distinct().order_by("pk").first()

    def test_verifying_shows_only_the_review_fields_and_the_reviewer(self):
        claim = self.claim_with_mentions()
        assert claim is not None and claim.countries.exists()
        curator = make_staff("curator", "hawa")
        claim_review(claim=claim, user=curator, status="disputed", reason="Other sources differ")
        self.client.force_login(make_staff("lead", "boss"))
        page = self.client.get(reverse("admin:facts_claim_history", args=[claim.pk]))
        assert page.status_code == 200
        newest = _history_cells(page.content.decode())[0]
        assert "Countries" not in newest and "Actors" not in newest, newest
        assert "Deleted user" not in newest and "pk=None" not in newest, newest
        assert "Status: " in newest and "disputed" in newest.lower(), newest
        assert "hawa" in newest, newest  # Reviewed by: None → hawa
        recorded = changes_since(Claim.objects.get(pk=claim.pk), version=claim.version)
        assert len(recorded) == 1 and recorded[0]["user"] == "hawa"
        assert {"status", "status_reason", "reviewed_by"} <= set(recorded[0]["fields"])
        assert not {"countries", "actors"} & set(recorded[0]["fields"]), recorded


class TestHistoryOfSeedSet(ReviewHistory, TestCase):
    """Claims loaded from the curated seed set (fixture loading)."""

    @classmethod
    def setUpTestData(cls):
        initial_data_load()


class TestHistoryOfImportedClaims(ReviewHistory, TestCase):
    """Claims written by the importer."""

    @classmethod
    def setUpTestData(cls):
        import_seeds()

    def claim_with_mentions(self) -> Claim:
        return (
            Claim.objects.filter(countries__isnull=False, status="unreviewed")
            .distinct()
            .order_by("pk")
            .first()
        )
