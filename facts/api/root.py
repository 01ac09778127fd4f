"""The API's front door: what resources there are and where the schema and docs live."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

RESOURCES = {
    "countries": "api:country-list",
    "actors": "api:actor-list",
    "events": "api:event-list",
    "places": "api:place-list",
    "articles": "api:article-list",
    "claims": "api:claim-list",
    "changes": "api:changes",
    "tombstones": "api:tombstones",
    "token": "api:token",
}


class ApiRootView(APIView):
    """Links to every resource list, the feeds, the token endpoint, the schema and the docs."""

    permission_classes = [AllowAny]

    @extend_schema(
        summary="The API's resources, schema and documentation",
        responses=inline_serializer(
            "ApiRoot",
            {
                "version": serializers.CharField(),
                "resources": serializers.DictField(child=serializers.URLField()),
                "schema": serializers.URLField(),
                "docs": serializers.URLField(),
            },
        ),
    )
    def get(self, request):
        return Response(
            {
                "version": "v1",
                "resources": {
                    name: reverse(route, request=request) for name, route in RESOURCES.items()
                },
                "schema": reverse("api:schema", request=request),
                "docs": reverse("api:docs", request=request),
            }
        )


RESOURCES["claim-links"] = "api:claim-link-list"
