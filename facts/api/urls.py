"""Routes of API v1 (mounted at /api/v1/ under the "api" namespace)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from facts.api import feeds, root, schema, tokens, views  # noqa: F401  (schema: extensions)

app_name = "api"

router = DefaultRouter()
router.include_root_view = False
router.include_format_suffixes = False
router.register("countries", views.CountryViewSet, basename="country")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("events", views.EventViewSet, basename="event")
router.register("places", views.PlaceViewSet, basename="place")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("claims", views.ClaimViewSet, basename="claim")

urlpatterns = [
    path("", root.ApiRootView.as_view(), name="root"),
    path("", include(router.urls)),
    path("changes/", feeds.ChangesView.as_view(), name="changes"),
    path("tombstones/", feeds.TombstonesView.as_view(), name="tombstones"),
    path("auth/token/", tokens.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script, so the
    # page works under a Content-Security-Policy without 'unsafe-inline'.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]

# Links between claims (a router of their own, so the list above stays as it is).
claim_links = DefaultRouter()
claim_links.include_root_view = False
claim_links.include_format_suffixes = False
claim_links.register("claim-links", views.ClaimLinkViewSet, basename="claim-link")
urlpatterns += [path("", include(claim_links.urls))]
