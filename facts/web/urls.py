"""Routes of the readers' pages (mounted at /map/ by sahel/urls.py)."""

from django.urls import path

from facts.web.views import EventMapView

app_name = "web"

urlpatterns = [
    path("", EventMapView.as_view(), name="event-map"),
]
