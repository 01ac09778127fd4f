"""The plain-function representations of claims and events (facts.api.representations) give
exactly what DRF's declared fields give, for every claim and event of the curated seed set:
lists (read as flat rows) and single objects (read as instances) alike."""

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
    def _declared(self, viewset, serializer_class, path: str) -> dict[int, tuple[dict, dict]]:
        """id -> (what the declared DRF fields give, what the serializer gives), per object
        of the detail queryset."""
        request = APIRequestFactory().get(path)
        view = viewset(action_map={"get": "retrieve"})
        view.request = view.initialize_request(request)
        view.request.user = self.users["viewer"]
        view.format_kwarg = None
        view.action = "retrieve"
        context = {"request": view.request}
        outputs = {}
        for obj in view.get_queryset():
            serializer = serializer_class(obj, context=context)
            generic = serializers.ModelSerializer.to_representation(serializer, obj)
            outputs[obj.pk] = (generic, serializer.data)
        return outputs

    def _assert_same(self, declared: dict, fast: dict) -> None:
        assert list(fast) == list(declared), declared["id"]
        assert _plain(fast) == _plain(declared), declared["id"]

    def test_claims_match_the_declared_fields_in_lists_and_details(self):
        declared = self._declared(ClaimViewSet, s.ClaimSerializer, f"{API}/claims/")
        listed = self.client_for("viewer").get(f"{API}/claims/?page_size=500").json()["results"]
        assert len(listed) == len(declared) >= 70
        for row in listed:
            generic, single = declared[row["id"]]
            self._assert_same(generic, row)
            self._assert_same(generic, single)

    def test_events_match_the_declared_fields_with_coordinates_and_fatalities(self):
        event = Event.objects.first()
        Event.objects.filter(pk=event.pk).update(
            latitude="12.6392", longitude="-8.00289", fatalities_low=3, fatalities_best=5
        )
        declared = self._declared(EventViewSet, s.EventSerializer, f"{API}/events/")
        listed = self.client_for("viewer").get(f"{API}/events/?page_size=500").json()["results"]
        assert len(listed) == len(declared) >= 20
        for row in listed:
            generic, single = declared[row["id"]]
            self._assert_same(generic, row)
            self._assert_same(generic, single)
        assert declared[event.pk][1]["latitude"] == "12.63920"

    def test_urls_follow_the_requesting_host(self):
        response = self.client_for("viewer").get(f"{API}/claims/?page_size=1")
        claim = response.json()["results"][0]
        assert claim["url"] == f"http://testserver{API}/claims/{claim['id']}/"
        assert claim["annotation"] == f"http://testserver{API}/claims/{claim['id']}/annotation/"
        assert claim["article"]["url"].startswith(f"http://testserver{API}/articles/")
