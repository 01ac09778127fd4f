"""Routes of the readers' pages (mounted at /map/ by sahel/urls.py)."""

from django.urls import path, re_path

from facts.web.views import EventMapView, actor_timeline_view, country_timeline_view

app_name = "web"

urlpatterns = [
    path("", EventMapView.as_view(), name="event-map"),
    re_path(
        r"^timeline/country/(?P<iso2>[A-Za-z]{2})/$",
        country_timeline_view,
        name="country-timeline",
    ),
    path("timeline/actor/<slug:slug>/", actor_timeline_view, name="actor-timeline"),
]
