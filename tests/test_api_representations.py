"""The plain-function representations of claims and events (facts.api.representations) give
exactly what DRF's declared fields give, for every claim and event of the curated seed set."""

import json

from rest_framework import serializers
from rest_framework.test import APIRequestFactory
from rest_framework.utils.encoders import JSONEncoder

from facts.api import serializers as s
from facts.api.views import ClaimViewSet, EventViewSet
from facts.models import Event
from tests.test_api import API, APITestCase


def _plain(data) -> object:
    """What a client receives: rendered to JSON and parsed back."""
    return json.loads(json.dumps(data, cls=JSONEncoder))


class TestRepresentations(APITestCase):
    def _compare(self, viewset, serializer_class, path: str) -> int:
        request = APIRequestFactory().get(path, HTTP_HOST="testserver")
        view = viewset(action_map={"get": "list"})
        view.request = view.initialize_request(request)
        view.request.user = self.users["viewer"]
        view.format_kwarg = None
        view.action = "list"
        context = {"request": view.request}
        compared = 0
        for obj in view.get_queryset():
            serializer = serializer_class(obj, context=context)
            generic = serializers.ModelSerializer.to_representation(serializer, obj)
            fast = serializer.data
            assert list(fast) == list(generic), obj.pk
            assert _plain(fast) == _plain(generic), obj.pk
            compared += 1
        return compared

    def test_claims_match_the_declared_fields(self):
        assert self._compare(ClaimViewSet, s.ClaimSerializer, f"{API}/claims/") >= 70

    def test_events_match_the_declared_fields_with_coordinates_and_fatalities(self):
        event = Event.objects.first()
        Event.objects.filter(pk=event.pk).update(
            latitude="12.6392", longitude="-8.00289", fatalities_low=3, fatalities_best=5
        )
        assert self._compare(EventViewSet, s.EventSerializer, f"{API}/events/") >= 20

    def test_urls_follow_the_requesting_host(self):
        response = self.client_for("viewer").get(f"{API}/claims/?page_size=1")
        claim = response.json()["results"][0]
        assert claim["url"] == f"http://testserver{API}/claims/{claim['id']}/"
        assert claim["annotation"] == f"http://testserver{API}/claims/{claim['id']}/annotation/"
        assert claim["article"]["url"].startswith(f"http://testserver{API}/articles/")
