"""What an import run tells its caller: one report per file, and the run's totals."""

from dataclasses import dataclass, field


@dataclass
class FileReport:
    name: str
    status: str  # created, unchanged, reextracted, failed
    reason: str = ""
    article_id: int | None = None
    title: str = ""
    actors_proposed: int = 0
    events_proposed: int = 0
    events_linked: int = 0
    claims_proposed: int = 0
    claims_kept: int = 0
    links_added: int = 0
    flags: list[str] = field(default_factory=list)
    # A web page imported again with a changed text: the article it supersedes.
    previous_version: int | None = None
    # What the person importing should know and no flag says: the previous version's quotes
    # this one no longer has, a page whose bytes changed but not its text.
    notes: list[str] = field(default_factory=list)
    # Failed on a conflict with another importer writing at the same time (a unique key it
    # took first, a deadlock): the same file imports when tried again.
    retryable: bool = False


@dataclass
class RunReport:
    files: list[FileReport] = field(default_factory=list)
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "failed"]

    def summary(self) -> dict:
        flags: dict[str, int] = {}
        for report in self.files:
            for flag in report.flags:
                flags[flag] = flags.get(flag, 0) + 1
        return {
            "dry_run": self.dry_run,
            "articles": {
                status: self.count(status)
                for status in ("created", "reextracted", "unchanged", "failed")
            },
            "actors_proposed": sum(f.actors_proposed for f in self.files),
            "events_proposed": sum(f.events_proposed for f in self.files),
            "events_linked": sum(f.events_linked for f in self.files),
            "claims_proposed": sum(f.claims_proposed for f in self.files),
            "links_added": sum(f.links_added for f in self.files),
            "new_versions": sum(1 for f in self.files if f.previous_version is not None),
            "flags": dict(sorted(flags.items())),
        }
