from django.apps import AppConfig


class FactsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "facts"
    verbose_name = "Sahel facts"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_migrate,
            post_save,
            pre_save,
        )
        from rest_framework.authtoken.models import Token

        from facts.api.authentication import forget_credentials, revoke_tokens_on_password_change
        from facts.country_names import forget_countries
        from facts.models import Country

        post_migrate.connect(_ensure_search_index, sender=self)
        pre_save.connect(
            revoke_tokens_on_password_change,
            sender=get_user_model(),
            dispatch_uid="facts-revoke-tokens-on-password-change",
        )
        for signal in (post_save, post_delete):
            signal.connect(
                forget_countries,
                sender=Country,
                dispatch_uid=f"facts-forget-countries-{signal is post_save}",
            )
        user_model = get_user_model()
        for model in (user_model, Token, Group, Permission):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_credentials,
                    sender=model,
                    dispatch_uid=f"facts-forget-credentials-{signal is post_save}-{model.__name__}",
                )
        for through in (
            user_model.groups.through,
            user_model.user_permissions.through,
            Group.permissions.through,
        ):
            m2m_changed.connect(
                forget_credentials,
                sender=through,
                dispatch_uid=f"facts-forget-credentials-{through.__name__}",
            )


def _ensure_search_index(sender, using, **kwargs) -> None:
    # SQLite rebuilds a table to alter it, dropping its triggers: put the index back after
    # every migration run (idempotent on both engines).
    from django.db import connections

    from facts.models.document_triggers import ensure_document_triggers
    from facts.search import ensure_search_index

    ensure_search_index(connections[using])
    ensure_document_triggers(connections[using])
