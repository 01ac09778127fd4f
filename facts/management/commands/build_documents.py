"""Build the claims' stored documents (facts.models.documents) that are stale, or all."""

import time

from django.core.management.base import BaseCommand

from facts.api.documents import BUILD_CHUNK, build_stale_documents
from facts.models import ClaimDocument


class Command(BaseCommand):
    help = (
        "Build every stale stored claim representation (the claims list serves them; a stale "
        "one is otherwise built when first read). --all rebuilds every one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Mark every document stale first, then build."
        )
        parser.add_argument("--chunk", type=int, default=BUILD_CHUNK, help="claims per query")

    def handle(self, *args, all: bool, chunk: int, **options):
        started = time.perf_counter()
        stored = build_stale_documents(everything=all, chunk=max(1, chunk))
        stale = ClaimDocument.objects.filter(body__isnull=True).count()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{stored:,} claim documents built in {seconds:.1f} s; {stale:,} left stale "
            "(changed while building, or holding text that cannot be stored: served afresh)."
        )
