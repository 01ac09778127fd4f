"""Everything under /api/ answers JSON, errors included, in debug and in production.

DRF turns the errors of its own views into JSON, and `handler404`/`handler500` cover
production. What is left answers Django's HTML pages: a disallowed host (400), a CSRF failure
(403), and, with DEBUG on, the technical 404 and 500 pages. This middleware sits outside all
the others and replaces any HTML error page under /api/ with `{"detail": …}` and the same
status; the traceback of a 500 is still logged by Django before it gets here.
"""

from http import HTTPStatus

from django.http import JsonResponse

API_PREFIX = "/api/"


def _is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


class JsonApiErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and _is_html(response)
        ):
            try:
                reason = HTTPStatus(response.status_code).phrase
            except ValueError:
                reason = response.reason_phrase
            return JsonResponse({"detail": f"{reason}."}, status=response.status_code)
        return response
