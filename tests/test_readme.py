"""README and docs stand on their own: every link resolves inside the repository, and every
shell block is either run by `.ci/readme.py` or skipped with a stated reason."""

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", ROOT / "SECURITY.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def _readme_check():
    spec = importlib.util.spec_from_file_location("readme_check", ROOT / ".ci" / "readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_relative_link_resolves_inside_the_repository():
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        assert str(Path("..") / "shared") not in text, document.name  # a clone has no such folder
        for match in LINK.finditer(text):
            target = match["target"].split("#")[0]
            if not target or re.match(r"[a-z]+:", target):
                continue
            resolved = (document.parent / target).resolve()
            assert resolved.is_relative_to(ROOT), (document.name, target)
            assert resolved.exists(), (document.name, target)


def test_readme_links_the_architecture_page():
    assert "](docs/architecture.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_shell_block_runs_or_says_why_not():
    check = _readme_check()
    blocks = check.blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    shell = [b for b in blocks if b.info in check.RUNNABLE]
    assert len([b for b in shell if not b.skip]) >= 5
    for block in blocks:
        assert block.info, f"README.md:{block.line}: say what the block is (sh, text, …)"
    for block in shell:
        assert "python manage.py" not in block.text, f"README.md:{block.line}: use ./manage.py"


def test_block_parser_reads_skip_markers_and_languages():
    check = _readme_check()
    text = (
        "<!-- readme-check: skip: needs a terminal -->\n```sh\nmake run\n```\n\n"
        "Then:\n\n```sh\ncurl -s x\n```\n```text\noutput\n```\n"
    )
    first, second, third = check.blocks(text)
    assert (first.skip, first.text) == ("needs a terminal", "make run\n")
    assert (second.skip, second.info, second.line) == (None, "sh", 8)
    assert third.info == "text"
