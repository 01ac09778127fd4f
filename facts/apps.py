from django.apps import AppConfig


class FactsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "facts"
    verbose_name = "Sahel facts"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_migrate, pre_save

        from facts.api.authentication import revoke_tokens_on_password_change

        post_migrate.connect(_ensure_search_index, sender=self)
        pre_save.connect(
            revoke_tokens_on_password_change,
            sender=get_user_model(),
            dispatch_uid="facts-revoke-tokens-on-password-change",
        )


def _ensure_search_index(sender, using, **kwargs) -> None:
    # SQLite rebuilds a table to alter it, dropping its triggers: put the index back after
    # every migration run (idempotent on both engines).
    from django.db import connections

    from facts.search import ensure_search_index

    ensure_search_index(connections[using])
