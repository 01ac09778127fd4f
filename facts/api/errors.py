"""JSON errors everywhere under /api/: DRF's, Django's 404 and 500, and service errors."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.http import HttpResponsePermanentRedirect, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from facts.services import ReviewError, StaleVersionError


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "This write needs an If-Match header with the ETag you last read."
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The object changed since you read it."
    default_code = "precondition_failed"


def _detail(data):
    if isinstance(data, dict):
        return data
    if isinstance(data, list):
        return {"detail": " ".join(str(item) for item in data)}
    return {"detail": str(data)}


def exception_handler(exc, context):
    if isinstance(exc, StaleVersionError):
        return Response(
            {"detail": " ".join(exc.messages), "changes": _jsonable(exc.changes)},
            status=status.HTTP_412_PRECONDITION_FAILED,
        )
    if isinstance(exc, ReviewError | DjangoValidationError):
        if hasattr(exc, "message_dict"):
            return Response(exc.message_dict, status=status.HTTP_400_BAD_REQUEST)
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ProtectedError):
        return Response(
            {"detail": "Other records depend on this one; it cannot be deleted."},
            status=status.HTTP_409_CONFLICT,
        )
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = _detail(response.data)
    return response


def _jsonable(changes):
    return [{**c, "date": c["date"].isoformat()} for c in changes]


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error."}, status=500)
    from django.views.defaults import server_error as html_server_error

    return html_server_error(request)


def not_found_under_api(request, *args, **kwargs):
    """A path under /api/ that names nothing; a missing final slash is pointed out."""
    from django.urls import Resolver404, resolve

    detail = "Not found. The API's resources are listed at /api/v1/."
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found_under_api:
            if request.method in ("GET", "HEAD"):  # what APPEND_SLASH would have done
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(
                    request.path + "/" + (f"?{query}" if query else "")
                )
            detail = f"Not found. API paths end with a slash: {request.path}/"
    return JsonResponse({"detail": detail}, status=404)
