"""Top-level URL routes: the curators' admin and API v1."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Sahel Facts"
admin.site.site_title = "Sahel Facts"
admin.site.index_title = "Curation"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("facts.api.urls", namespace="api")),
]

handler404 = "facts.api.errors.not_found"
handler500 = "facts.api.errors.server_error"
