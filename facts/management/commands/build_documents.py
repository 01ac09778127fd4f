"""Build the claims' stored documents (facts.models.documents) that are stale, or all."""

import time

from django.core.management.base import BaseCommand

from facts.api.documents import BUILD_CHUNK, KINDS, build_stale_documents


class Command(BaseCommand):
    help = (
        "Build every stale stored representation of claims and events (their lists serve "
        "them; a stale one is otherwise built when first read). --all rebuilds every one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Mark every document stale first, then build."
        )
        parser.add_argument("--chunk", type=int, default=BUILD_CHUNK, help="claims per query")

    def handle(self, *args, all: bool, chunk: int, **options):
        for kind in KINDS:
            started = time.perf_counter()
            stored = build_stale_documents(kind, everything=all, chunk=max(1, chunk))
            stale = kind.model.objects.filter(body__isnull=True).count()  # type: ignore[attr-defined]
            seconds = time.perf_counter() - started
            name = kind.model._meta.verbose_name_plural
            self.stdout.write(
                f"{name}: {stored:,} built in {seconds:.1f} s; {stale:,} left stale (changed "
                "while building, or holding text that cannot be stored: served afresh)."
            )
