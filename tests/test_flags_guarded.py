"""An importer's quality flag cannot be renamed in place to lift the grading rule; flags
keep a history of who added or removed them."""

import pytest
from django.test import TestCase
from django.urls import reverse

from facts.models import ArticleFlag
from facts.services import ReviewError, article_grade
from tests.base import import_seeds, make_staff


class TestFlags(TestCase):
    @classmethod
    def setUpTestData(cls):
        import_seeds()
        cls.curator = make_staff("curator")
        cls.lead = make_staff("lead")
        cls.flag = ArticleFlag.objects.filter(code="generation-artifacts").first()

    def test_a_curator_cannot_rename_a_flag_and_then_grade_above_d(self):
        self.client.force_login(self.curator)
        url = reverse("admin:facts_articleflag_change", args=[self.flag.pk])
        self.client.post(url, {"article": self.flag.article_id, "code": "opinion", "detail": ""})
        self.flag.refresh_from_db()
        assert self.flag.code == "generation-artifacts"
        with pytest.raises(ReviewError):
            article_grade(
                article=self.flag.article, user=self.curator, reliability="A", reason="fine"
            )

    def test_the_article_page_shows_flags_without_fields_to_edit_them(self):
        self.client.force_login(self.curator)
        page = self.client.get(reverse("admin:facts_article_change", args=[self.flag.article_id]))
        html = page.content.decode()
        assert "generation-artifacts" in html or "Text-generator leftovers" in html
        assert 'name="flags-0-code"' not in html

    def test_removing_a_flag_is_recorded_with_who_did_it(self):
        self.client.force_login(self.lead)
        url = reverse("admin:facts_articleflag_delete", args=[self.flag.pk])
        self.client.post(url, {"post": "yes"})
        assert not ArticleFlag.objects.filter(pk=self.flag.pk).exists()
        removed = ArticleFlag.history.get(id=self.flag.pk, history_type="-")
        assert removed.history_user == self.lead
