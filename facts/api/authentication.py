"""API tokens that expire, and die with the password they were issued under; a token's
account and role are remembered in the cache for a minute, so a reader's request does not
spend two queries on who is asking."""

import hashlib
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
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


# Any change to accounts, tokens, groups or permissions replaces this value (signals in
# facts.apps), and a remembered credential counts only under the value it was stored with.
# A random value, not a counter: a cache that lost the key must not make an old entry valid.
GENERATION_KEY = "api-credentials-generation"


def _credential_key(key: str) -> str:
    return "api-credentials:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


def forget_credentials(**kwargs) -> None:
    """Receiver of the signals that change who may do what: every remembered token is
    looked up afresh."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _expired() -> exceptions.AuthenticationFailed:
    return exceptions.AuthenticationFailed(
        "Token expired: sign in again at auth/token/ for a new one."
    )


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        from facts.roles import reads_everything

        seconds = settings.API_CREDENTIALS_CACHE_SECONDS
        entry_key = _credential_key(key)
        generation = None
        if seconds:
            found = cache.get_many([entry_key, GENERATION_KEY])
            generation = found.get(GENERATION_KEY)
            entry = found.get(entry_key)
            if generation is None:
                generation = uuid.uuid4().hex
                if not cache.add(GENERATION_KEY, generation, None):
                    generation = None  # another process set one first: store nothing now
            elif entry is not None and entry[0] == generation:
                _, user, token, everything = entry
                if token_expired(token):
                    raise _expired()
                user._facts_reads_everything = everything
                return user, token
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            raise _expired()
        if generation is not None:
            # The generation was read before the account: a change in between replaced it,
            # and this entry is never used.
            cache.set(entry_key, (generation, user, token, reads_everything(user)), seconds)
        return user, token


def revoke_tokens_on_password_change(sender, instance, **kwargs) -> None:
    """pre_save of the user model: a new password (set in the admin, by `changepassword` or
    by `create_user --update`) ends every token issued under the old one."""
    if instance.pk is None:
        return
    stored = type(instance)._base_manager.filter(pk=instance.pk).values_list("password", flat=True)
    if stored and stored[0] != instance.password:
        Token.objects.filter(user_id=instance.pk).delete()
