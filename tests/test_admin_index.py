"""The admin's front page says what waits for review, or how to get something to review."""

import re

from django.test import TestCase

from facts.bootstrap import initial_data_load
from facts.models import Claim
from tests.base import make_staff


def _summary(html: str) -> str:
    box = re.search(r'<div class="module" id="review-queue-summary">(.*?)</div>', html, re.S)
    assert box, "no review-queue summary on the admin index"
    return re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", box.group(1)))


class TestAdminIndex(TestCase):
    @classmethod
    def setUpTestData(cls):
        initial_data_load()
        cls.curator = make_staff("curator")
        cls.viewer = make_staff("viewer")

    def test_fresh_install_says_how_to_import_instead_of_zero_claims(self):
        assert not Claim.objects.filter(status="unreviewed").exists()
        self.client.force_login(self.curator)
        text = _summary(self.client.get("/admin/").content.decode())
        assert "Nothing waits for review" in text
        assert "./manage.py import_articles path/to/article.txt" in text
        assert "0 claims" not in text
        self.client.force_login(self.viewer)  # viewers cannot import: they are told who does
        text = _summary(self.client.get("/admin/").content.decode())
        assert "import_articles" not in text and "when a curator imports" in text

    def test_waiting_claims_are_counted_and_linked_to_the_queue(self):
        Claim.objects.filter(pk__in=Claim.objects.values("pk")[:3]).update(status="unreviewed")
        self.client.force_login(self.viewer)
        html = self.client.get("/admin/").content.decode()
        assert "3 claims wait for review" in _summary(html)
        assert 'href="/admin/facts/claim/?status__exact=unreviewed"' in html

    def test_every_queue_is_counted_and_my_reviews_only_for_who_may_review(self):
        self.client.force_login(self.viewer)
        text = _summary(self.client.get("/admin/").content.decode())
        for queue in [
            "Unreviewed claims",
            "Disputed claims",
            "Contradicted claims",
            "Unreviewed events",
            "New actors proposed by the importer",
        ]:
            assert re.search(rf"{queue} [\d,]+", text), queue
        assert "My reviews today" not in text  # a viewer reviews nothing
        self.client.force_login(self.curator)
        assert "My reviews today 0" in _summary(self.client.get("/admin/").content.decode())
