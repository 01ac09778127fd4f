"""API tokens that expire, and die with the password they were issued under."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def token_expired(token: Token) -> bool:
    lifetime = settings.API_TOKEN_LIFETIME_DAYS
    return bool(lifetime) and token.created < timezone.now() - timedelta(days=lifetime)


def token_for(user) -> Token:
    """The user's token, a fresh one when the old one has expired."""
    token, created = Token.objects.get_or_create(user=user)
    if not created and token_expired(token):
        token.delete()
        token = Token.objects.create(user=user)
    return token


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            raise exceptions.AuthenticationFailed(
                "Token expired: sign in again at auth/token/ for a new one."
            )
        return user, token


def revoke_tokens_on_password_change(sender, instance, **kwargs) -> None:
    """pre_save of the user model: a new password (set in the admin, by `changepassword` or
    by `create_user --update`) ends every token issued under the old one."""
    if instance.pk is None:
        return
    stored = type(instance)._base_manager.filter(pk=instance.pk).values_list("password", flat=True)
    if stored and stored[0] != instance.password:
        Token.objects.filter(user_id=instance.pk).delete()
