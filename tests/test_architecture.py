"""The layer rules of docs/architecture.md hold, and the check that enforces them in CI
(`lint-imports`, contracts in pyproject.toml) would catch a break: each test below copies the
package, adds one forbidden import and expects the check to name the broken contract."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the package and its contracts, to break on purpose."""
    shutil.copytree(
        ROOT / "facts", tmp_path / "facts", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_import(tree: Path, module: str, line: str) -> None:
    path = tree / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_code_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        (  # curation's services must not depend on the importer
            "facts.services.review",
            "from facts.ingest.writing import fields  # noqa",
            "Interfaces over processes over services over models",
        ),
        (  # models know nothing of the API
            "facts.models.claims",
            "from facts.api import serializers  # noqa",
            "Interfaces over processes over services over models",
        ),
        (  # the worker pool must not reach back into the pipeline that starts it
            "facts.ingest.parallel",
            "from facts.ingest import pipeline  # noqa",
            "The importer's stages",
        ),
        (  # analysis is pure: no Django, directly or through another module
            "facts.ingest.analysis.dates",
            "from django.utils import timezone  # noqa",
            "are pure",
        ),
        (
            "facts.ingest.analysis.events",
            "from facts.search import search_words  # noqa",
            "are pure",
        ),
        (  # a cycle between two modules of one stage
            "facts.ingest.writing.fields",
            "from facts.ingest.writing import writer  # noqa",
            "No import cycles",
        ),
    ],
)
def test_a_forbidden_import_breaks_the_check(tree, module, line, contract):
    add_import(tree, module, line)
    result = lint_imports(tree)
    assert result.returncode != 0, result.stdout
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout
