"""Import news articles: store each one and propose the facts it reports for review."""

import json
from json import dumps

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from facts.ingest.analysis.limits import DEFAULT_TIME_BUDGET_SECONDS
from facts.ingest.analysis.metadata import supplied_date
from facts.ingest.pipeline import import_sources
from facts.ingest.reading import DEFAULT_MAX_BYTES
from facts.ingest.reading.fetch import FetchPolicy
from facts.ingest.reading.registry import article_suffixes
from facts.ingest.reading.sources import expand_paths
from facts.ingest.writing.reports import FileReport, RunReport
from facts.tasks import QUEUE, JobQueueUnavailable, enqueue_sources, in_turn_with_workers

BAR_WIDTH = 24


class Command(BaseCommand):
    help = (
        "Import article files (plain text, web pages saved as .html), folders of them "
        "(recursively), web pages by their http:// or https:// address, or '-' for stdin. "
        "With no path, imports the seed articles in fixtures/articles/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="files, folders, web addresses, or - for standard input"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="do all the work, report it, write nothing"
        )
        parser.add_argument(
            "--json", action="store_true", help="print a machine-readable report on stdout"
        )
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="re-run extraction on stored articles; curated objects are left as they are",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue one job per article for the import workers (`manage.py procrastinate "
            "worker --queues imports`, on any machine that reaches the database) instead of "
            "importing here; PostgreSQL only",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="processes that read and analyse files while this one writes (default 1)",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=DEFAULT_MAX_BYTES,
            help=f"refuse files and pages larger than this (default {DEFAULT_MAX_BYTES:,})",
        )
        parser.add_argument(
            "--time-budget",
            type=float,
            default=DEFAULT_TIME_BUDGET_SECONDS,
            help="seconds one article's analysis may take before it fails and the run goes on "
            f"(default {DEFAULT_TIME_BUDGET_SECONDS:g}; 0: no limit)",
        )
        parser.add_argument(
            "--published",
            default="",
            help="the publication date of the files ('2025-03-22', '22 March 2025', "
            "'March 2025'), used over the date found in the text; a file's front matter "
            "('published:') comes first",
        )
        parser.add_argument(
            "--publisher",
            default="",
            help="the publisher of the files; a file's front matter ('publisher:') comes first",
        )

    def handle(
        self,
        *args,
        paths,
        dry_run,
        json,
        reextract,
        max_bytes,
        workers,
        time_budget,
        published,
        publisher,
        enqueue,
        verbosity,
        **options,
    ):
        if max_bytes <= 0:
            raise CommandError("--max-bytes must be a positive number of bytes.")
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        if not 0 <= time_budget <= 86400:
            raise CommandError("--time-budget must be between 0 (no limit) and 86400 seconds.")
        if published.strip() and supplied_date(published) is None:
            raise CommandError(
                f"--published {published!r} is not a date (write '2025-03-22' or '22 March 2025')."
            )
        supplied = {
            name: value.strip()
            for name, value in (("published", published), ("publisher", publisher))
            if value.strip()
        }
        fetch_policy = FetchPolicy(
            timeout=settings.IMPORT_FETCH_TIMEOUT,
            allow_private=settings.IMPORT_FETCH_ALLOW_PRIVATE,
            user_agent=settings.IMPORT_FETCH_USER_AGENT,
        )
        sources = list(
            expand_paths(paths or [str(settings.SEED_ARTICLES_DIR)], fetch_policy=fetch_policy)
        )
        if not sources:
            suffixes = ", ".join(f"*{suffix}" for suffix in sorted(article_suffixes()))
            raise CommandError(f"No article files ({suffixes}) found in: {', '.join(paths)}")
        if enqueue:
            self._enqueue(
                sources,
                dry_run=dry_run,
                workers=workers,
                max_bytes=max_bytes,
                time_budget=time_budget,
                reextract=reextract,
                supplied=supplied,
                as_json=json,
            )
            return
        # With --json, stdout carries only the report; progress goes to stderr.
        progress = self.stderr if json else self.stdout
        total = len(sources)
        done = 0

        def on_file(report: FileReport) -> None:
            nonlocal done
            done += 1
            if verbosity >= 1:
                progress.write(self._progress_line(done, total, report, progress))

        with in_turn_with_workers():
            run = import_sources(
                sources,
                dry_run=dry_run,
                reextract=reextract,
                max_bytes=max_bytes,
                on_file=on_file,
                workers=workers,
                time_budget=time_budget,
                supplied=supplied,
            )
        if json:
            self.stdout.write(_json_report(run))
        elif verbosity >= 1:
            self.stdout.write(self._summary(run))
        if run.failed:
            raise CommandError(
                f"{len(run.failed)} of {total} file(s) failed: "
                + "; ".join(f"{f.name}: {f.reason}" for f in run.failed)
            )

    def _enqueue(self, sources, *, dry_run, workers, as_json, **options) -> None:
        if dry_run or workers != 1:
            raise CommandError(
                "--enqueue queues the work: it takes neither --dry-run nor --workers."
            )
        try:
            queued = enqueue_sources(sources, **options)
        except JobQueueUnavailable as error:
            raise CommandError(f"--enqueue: {error}.") from None
        if as_json:
            self.stdout.write(
                dumps(
                    {
                        "queue": QUEUE,
                        "job_ids": queued.job_ids,
                        "already_waiting": queued.already_waiting,
                        "refused": [vars(report) for report in queued.refused],
                    },
                    indent=2,
                )
            )
        else:
            self.stdout.write(
                f"Queued {len(queued.job_ids)} import job(s) on '{QUEUE}'"
                + (
                    f"; {len(queued.already_waiting)} already waiting"
                    if queued.already_waiting
                    else ""
                )
                + f". Workers import them: manage.py procrastinate worker --queues {QUEUE}"
            )
        if queued.refused:
            raise CommandError(
                f"{len(queued.refused)} file(s) could not be queued: "
                + "; ".join(f"{report.name}: {report.reason}" for report in queued.refused)
            )

    def _progress_line(self, done: int, total: int, report: FileReport, stream) -> str:
        style = {
            "created": self.style.SUCCESS,
            "reextracted": self.style.SUCCESS,
            "unchanged": self.style.NOTICE,
            "failed": self.style.ERROR,
        }.get(report.status, str)
        if report.status == "failed":
            detail = report.reason
        elif report.status == "unchanged":
            detail = "already imported"
        else:
            detail = (
                f"{report.claims_proposed} claims, {report.events_proposed} new events "
                f"({report.events_linked} linked), {report.actors_proposed} new actors"
                + (f"; flags: {', '.join(report.flags)}" if report.flags else "")
            )
            if report.previous_version is not None:
                detail += f"; a new version of article {report.previous_version}"
        prefix = f"[{done}/{total}]"
        if getattr(stream, "isatty", lambda: False)() or (
            hasattr(stream, "_out") and getattr(stream._out, "isatty", lambda: False)()
        ):
            filled = round(BAR_WIDTH * done / total)
            prefix = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}"
        notes = "".join(f"\n    {note}" for note in report.notes)
        return f"{prefix} {style(report.status)} {report.name}: {detail}{notes}"

    def _summary(self, run: RunReport) -> str:
        s = run.summary()
        articles = s["articles"]
        flags = ", ".join(f"{code} ×{n}" for code, n in s["flags"].items()) or "none"
        lines = [
            "",
            ("Dry run: nothing was written. " if run.dry_run else "")
            + f"Articles: {articles['created']} created, {articles['reextracted']} re-extracted, "
            f"{articles['unchanged']} unchanged, {articles['failed']} failed.",
            f"Proposed: {s['actors_proposed']} actors, {s['events_proposed']} events "
            f"({s['events_linked']} mentions linked to known events), "
            f"{s['claims_proposed']} claims, {s['links_added']} corroboration links.",
            *(
                [f"New versions of pages imported before: {s['new_versions']}."]
                if s["new_versions"]
                else []
            ),
            f"Flags raised: {flags}.",
        ]
        return "\n".join(lines)


def _json_report(run: RunReport) -> str:
    return json.dumps(
        {"summary": run.summary(), "files": [vars(f) for f in run.files]},
        ensure_ascii=False,
        indent=2,
    )
