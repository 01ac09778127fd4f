"""Each FilterSet called directly: FilterSet(params, queryset).qs."""

from django.test import TestCase

from facts.bootstrap import initial_data_load
from facts.filtersets import (
    ActorFilterSet,
    ArticleFilterSet,
    ClaimFilterSet,
    CountryFilterSet,
    EventFilterSet,
)
from facts.models import Actor, Article, Claim, Country, Event
from facts.models.evidence import with_evidence


def claims(**params):
    filterset = ClaimFilterSet(params, with_evidence(Claim.objects.all()))
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


class TestFilterSets(TestCase):
    @classmethod
    def setUpTestData(cls):
        initial_data_load()
        cls.niger = Claim.objects.get(quote__startswith="Most recently, Niger")

    def test_claims_by_country_code_of_either_length(self):
        assert set(claims(country="ne")) == set(claims(country="NER"))
        assert self.niger in claims(country="NER") and self.niger not in claims(country="MLI")

    def test_claims_by_country_as_object_only_and_each_once(self):
        from tests.base import make_claim

        chad = Country.objects.get(alpha3="TCD")
        about_chad = make_claim(object_country=chad)  # no mention of Chad, only the object
        about_chad.countries.set([Country.objects.get(alpha3="MLI")])
        both = make_claim(object_country=chad)
        both.countries.set([chad, Country.objects.get(alpha3="NER")])
        found = list(claims(country="TD").values_list("pk", flat=True))
        assert about_chad.pk in found and both.pk in found
        assert len(found) == len(set(found))  # EXISTS, not a join: no row twice
        assert about_chad in claims(country="MLI") and about_chad not in claims(country="NER")

    def test_related_filters_never_repeat_a_row(self):
        from tests.base import make_claim

        bazoum = Actor.objects.get(slug="mohamed-bazoum")
        claim = make_claim(subject=bazoum, claimant=bazoum)
        claim.actors.set([bazoum, Actor.objects.get(slug="niger")])
        for params in ({"actor": "mohamed-bazoum"}, {"mentions": "mohamed-bazoum"}):
            found = list(claims(**params).values_list("pk", flat=True))
            assert claim.pk in found and len(found) == len(set(found)), params
        for filterset, params in (
            (EventFilterSet, {"actor": "ibrahim-traore"}),
            (EventFilterSet, {"country": "BFA"}),
            (ActorFilterSet, {"name": "tra"}),
        ):
            model = filterset._meta.model
            found = list(filterset(params, model.objects.all()).qs.values_list("pk", flat=True))
            assert found and len(found) == len(set(found)), params

    def test_claims_by_actor_in_each_part(self):
        assert self.niger in claims(actor="mohamed-bazoum")  # object
        assert self.niger in claims(actor="abdourahamane-tchiani")  # subject
        assert self.niger in claims(subject="abdourahamane-tchiani")
        assert self.niger not in claims(subject="mohamed-bazoum")
        assert self.niger in claims(object="mohamed-bazoum")
        brennan = claims(claimant="john-brennan")
        assert brennan.count() == 1 and "Brennan" in brennan.get().quote
        assert self.niger in claims(mentions="mohamed-bazoum")

    def test_claims_by_status_event_article_predicate_and_grades(self):
        assert set(claims(status=["disputed"]).values_list("status", flat=True)) == {"disputed"}
        assert self.niger in claims(event="2023-07-coup-in-niger")
        assert self.niger in claims(article=str(self.niger.article_id))
        assert self.niger in claims(predicate=["ousted"])
        assert self.niger in claims(credibility=["1"], reliability=["D"])
        assert self.niger not in claims(credibility_max="0")

    def test_claims_whose_dates_overlap_a_range(self):
        assert self.niger in claims(date_after="2023-07-15", date_before="2023-08-15")
        assert self.niger in claims(date_before="2023-07-01")
        assert self.niger not in claims(date_after="2023-08-01")
        assert not claims(date_after="2023-01-01").filter(date_start__isnull=True).exists()

    def test_claims_by_corroboration_update_time_and_text(self):
        corroborated = claims(min_corroboration="3")
        assert corroborated and all(c.corroborating_articles >= 3 for c in corroborated)
        assert not claims(updated_after="2999-01-01T00:00:00Z").exists()
        assert list(claims(q="Bazoum")) == [self.niger]

    def test_invalid_parameters_are_errors_not_ignored(self):
        filterset = ClaimFilterSet({"date_after": "soon", "status": ["maybe"]}, Claim.objects.all())
        assert not filterset.is_valid()
        assert set(filterset.errors) == {"date_after", "status"}

    def test_events(self):
        def events(**params):
            return EventFilterSet(params, Event.objects.all()).qs

        assert events(kind=["coup"], country="BFA").count() == 2
        assert list(events(actor="ibrahim-traore").values_list("slug", flat=True)) == [
            "2022-09-coup-in-burkina-faso"
        ]
        assert events(status=["disputed"]).count() == 2
        assert [e.slug for e in events(date_after="2023-09-01", date_before="2023-09-30")] == [
            "2023-formation-of-the-alliance-of-sahel-states"
        ]
        assert events(q="Barkhane").get().kind == "withdrawal"

    def test_actors(self):
        def actors(**params):
            return ActorFilterSet(params, Actor.objects.all()).qs

        assert list(actors(name="Goita").values_list("slug", flat=True)) == ["assimi-goita"]
        assert list(actors(name="N'Djamena")) == []
        assert actors(name="AFRICOM").get().slug == "us-africom"
        assert set(actors(kind=["state"], country="ML").values_list("slug", flat=True)) == {"mali"}

    def test_articles(self):
        def articles(**params):
            return ArticleFilterSet(params, Article.objects.all()).qs

        assert articles(flag=["generation-artifacts"]).count() == 2
        assert articles(published_after="2026-01-01").get().title.startswith("US Could Offer")
        assert articles(reliability=["E"]).count() == 1
        assert articles(q="Atallah").count() == 1
        assert not articles(publisher="Reuters").exists()

    def test_countries(self):
        sahel = CountryFilterSet({"region": "sahel"}, Country.objects.all()).qs
        assert set(sahel.values_list("alpha3", flat=True)) == {"MLI", "NER", "BFA", "TCD", "MRT"}


class TestFilterSetInstancesAreIndependent(TestCase):
    """Filtersets share their declared filters and form class between requests (no deep
    copies): each instance must still filter with its own data and for its own reader."""

    @classmethod
    def setUpTestData(cls):
        from tests.base import make_claim, make_event, make_staff, reviewed

        initial_data_load()
        cls.viewer = make_staff("viewer")
        cls.hidden_event = make_event(status="unreviewed")
        cls.claim = make_claim(event=cls.hidden_event, **reviewed(status="verified"))

    def test_interleaved_instances_keep_their_data_and_readers(self):
        from django.contrib.auth.models import AnonymousUser
        from django.test import RequestFactory

        def request_of(user):
            request = RequestFactory().get("/")
            request.user = user
            return request

        slug = self.hidden_event.slug
        queryset = Claim.objects.all()
        public = ClaimFilterSet({"event": slug}, queryset, request=request_of(AnonymousUser()))
        viewer = ClaimFilterSet({"event": slug}, queryset, request=request_of(self.viewer))
        by_country = ClaimFilterSet({"country": "NER"}, queryset, request=request_of(self.viewer))
        # The viewer's instance is evaluated between the other two's construction and use.
        assert viewer.is_valid(), viewer.errors
        assert list(viewer.qs) == [self.claim]
        assert not public.is_valid()  # an unpublished event names nothing to the public
        assert "event" in public.errors
        assert by_country.is_valid() and self.claim not in by_country.qs
        assert set(by_country.qs) == set(claims(country="NER"))
        # Each instance filters through its own copies, never the declared filters.
        declared = ClaimFilterSet.base_filters["event"]
        assert viewer.filters["event"] is not declared
        assert viewer.filters["event"].parent is viewer and public.filters["event"].parent is public

    def test_only_given_parameters_are_cleaned_and_bad_ones_still_refused(self):
        given = ClaimFilterSet({"date_after": "2023-07-01"}, Claim.objects.all())
        assert given.is_valid(), given.errors
        cleaned = set(given.form.cleaned_data)
        # Absent text, date and key parameters are not cleaned (a multiple choice is, since
        # its widget cannot tell "absent" from "none chosen"; it then filters nothing).
        assert "date_after" in cleaned
        assert not cleaned & {"date_before", "event", "q", "updated_after", "year"}, cleaned
        bad = ClaimFilterSet({"date_after": "July", "credibility": "9"}, Claim.objects.all())
        assert not bad.is_valid()
        assert {"date_after", "credibility"} <= set(bad.errors)

    def test_a_filtersets_form_holds_only_the_parameters_given(self):
        from django.http import QueryDict

        from facts.filtersets import ParametersForm

        query = QueryDict("status=verified&date_after=2023-07-01&q=niger")
        given = ClaimFilterSet(query, Claim.objects.all())
        assert given.is_valid(), given.errors
        # No copies of the thirty fields a request did not name (multiple choices included).
        assert set(given.form.fields) == {"status", "date_after", "q"}
        assert set(given.qs) == set(claims(status=["verified"], date_after="2023-07-01", q="niger"))
        assert set(ClaimFilterSet(QueryDict(), Claim.objects.all()).form.fields) == set()
        # A named parameter with no value still has its field, to carry the error.
        empty = ClaimFilterSet(QueryDict("date_after=&status="), Claim.objects.all())
        assert not empty.is_valid()
        assert {"date_after", "status"} <= set(empty.errors)
        # Without `given_only` (an unbound form, one shown to a person) every field is there.
        form_class = given.get_form_class()
        assert issubclass(form_class, ParametersForm)
        assert set(form_class(query).fields) == set(ClaimFilterSet.base_filters)
        assert set(ClaimFilterSet(None, Claim.objects.all()).form.fields) == set(
            ClaimFilterSet.base_filters
        )
