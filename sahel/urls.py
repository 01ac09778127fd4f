"""Top-level URL routes: the curators' admin (the API joins under /api/v1/)."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Sahel Facts"
admin.site.site_title = "Sahel Facts"
admin.site.index_title = "Curation"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
]
