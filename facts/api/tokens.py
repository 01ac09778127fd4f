"""Exchanging a username and password for an API token."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from facts.api.authentication import token_for
from facts.signin import LockedOut, client_address, signin_check


class TokenView(APIView):
    """POST username and password; get the token to send as `Authorization: Token …`."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AnonRateThrottle]

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {"username": serializers.CharField(), "password": serializers.CharField()},
        ),
        responses={
            200: inline_serializer("TokenResponse", {"token": serializers.CharField()}),
            429: inline_serializer("LockedOut", {"detail": serializers.CharField()}),
        },
    )
    def post(self, request):
        if not isinstance(request.data, dict):
            return Response(
                {"detail": "Send a JSON object with username and password."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            signin_check(
                username=str(request.data.get("username") or ""),
                address=client_address(request),
            )
        except LockedOut as locked:
            return Response(
                {"detail": str(locked)},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(locked.seconds)},
            )
        credentials = AuthTokenSerializer(data=request.data, context={"request": request})
        if not credentials.is_valid():
            missing = {f for f in ("username", "password") if not request.data.get(f)}
            if missing:
                return Response(credentials.errors, status=status.HTTP_400_BAD_REQUEST)
            return Response(
                {"detail": "Unable to log in with the credentials given."},
                status=status.HTTP_401_UNAUTHORIZED,
            )
        token = token_for(credentials.validated_data["user"])
        return Response({"token": token.key})
