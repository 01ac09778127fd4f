"""Export streaming: the memory an export takes must not grow with the number of rows.

Fills a scratch SQLite database with N claims for several N, streams
/api/v1/claims/export/{csv,jsonl}/ through Django's handler, and prints rows, bytes, time and
the peak of Python allocations (tracemalloc) while the body is consumed.

    .venv/bin/python bench/export_bench.py            # 1,000 / 10,000 / 40,000 claims
"""

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(sizes=(1_000, 10_000, 40_000)) -> None:
    scratch = tempfile.mkdtemp()
    os.environ.update(
        DATABASE_URL=f"sqlite:///{scratch}/export.sqlite3",
        DEBUG="1",
        API_ANON_RATE="1000000/minute",
        ALLOWED_HOSTS="testserver",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahel.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client

    from facts.models import Article, Claim

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="viewer"))
    text = "Mali, Niger and Burkina Faso left ECOWAS in January 2025. " * 4
    article = Article.objects.create(
        sha256="e" * 64, title="Bench", raw_text=text, text=text, text_sha256="f" * 64
    )
    quote = "Mali, Niger and Burkina Faso left ECOWAS in January 2025."
    client = Client()
    client.force_login(user)
    print(f"{'claims':>8} {'format':>6} {'rows':>8} {'MiB out':>8} {'seconds':>8} {'peak MiB':>9}")
    made = 0
    for size in sizes:
        Claim.objects.bulk_create(
            [
                Claim(
                    article=article,
                    fingerprint=f"{i:032x}",
                    quote=quote,
                    quote_start=0,
                    quote_end=len(quote),
                    anchor_text_sha256="f" * 64,
                    statement=f"Statement number {i} about the AES withdrawal from ECOWAS.",
                    status="verified",
                    reviewed_at=article.created_at,
                    status_reason="bench",
                )
                for i in range(made, size)
            ],
            batch_size=5000,
        )
        made = size
        for fmt in ("csv", "jsonl"):
            tracemalloc.start()
            started = time.perf_counter()
            response = client.get(f"/api/v1/claims/export/{fmt}/")
            total = rows = 0
            for chunk in response.streaming_content:
                total += len(chunk)
                rows += chunk.count(b"\n")
            elapsed = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            rows -= 1 if fmt == "csv" else 0  # header
            print(
                f"{size:>8} {fmt:>6} {rows:>8} {total / 2**20:>8.1f} {elapsed:>8.2f} "
                f"{peak / 2**20:>9.1f}"
            )


if __name__ == "__main__":
    main()
