"""Top-level URL routes: the curators' admin and API v1."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from facts.admin.login import LockoutAdminAuthenticationForm
from facts.api.errors import not_found_under_api

admin.site.site_header = "Sahel Facts"
admin.site.site_title = "Sahel Facts"
admin.site.index_title = "Curation"
# The index opens with the review queue's state, or the next step when it is empty.
admin.site.index_template = "admin/facts/index.html"
admin.site.login_form = LockoutAdminAuthenticationForm

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/", RedirectView.as_view(url="/api/v1/", permanent=False)),
    path("api/v1/", include("facts.api.urls", namespace="api")),
    path("map/", include("facts.web.urls")),
    # Last: any other path under /api/ is a JSON 404, even with DEBUG on.
    re_path(r"^api/", not_found_under_api),
]

handler404 = "facts.api.errors.not_found"
handler500 = "facts.api.errors.server_error"
