"""Analysis time of hostile inputs as they grow: the importer must stay linear, and no input up
to --max-bytes may keep one article's analysis past its time budget (10 s by default).

    .venv/bin/python bench/hostile_bench.py                  # sizes 12 KB .. 1.9 MB
    .venv/bin/python bench/hostile_bench.py --sizes 12000 48000

For each input it prints the seconds at each size, "budget" where the analysis hit the budget
(the file would fail with that reason), and the growth from the smallest to the largest size
against the growth of the size itself (1.0 = linear). No database: the reference fixtures give
the gazetteer. Run by hand; nothing here is asserted.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from facts.ingest.analysis import analyze, limits  # noqa: E402
from facts.ingest.reading import ReadError, read_document  # noqa: E402
from tests.base import fixture_context  # noqa: E402

SEED = (ROOT / "fixtures" / "articles" / "003_a33a895daf8ffad1.txt").read_text(encoding="utf-8")
INPUTS = {
    "[ a": "[ a",
    "{{": "{{ a ",
    "sentence then {{": "the coup in Mali. {{",
    "one-line seed": SEED.replace("\n", " ") + " ",
    "seed paragraphs": SEED + "\n\n",
    "short sentences": "In Bamako, Goïta met Tchiani on July 9. ",
    "no full stops": "Mali Niger coup in July 2023 said ",
}


def measure(ctx, text: str) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        result = analyze(read_document("bench.txt", text.encode()), ctx)
        outcome = f"{len(result.claims)} claims"
    except limits.BudgetExceeded:
        outcome = "budget"
    except ReadError as error:
        outcome = f"refused: {error}"[:30]
    return time.perf_counter() - started, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12_000, 96_000, 1_900_000])
    args = parser.parse_args()
    ctx = fixture_context()
    print(f"time budget {limits.time_budget_seconds():g} s; sizes {args.sizes}")
    for name, unit in INPUTS.items():
        cells, seconds = [], []
        for size in args.sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            took, outcome = measure(ctx, text)
            seconds.append(took)
            cells.append(f"{size:>9,}: {took:6.2f} s ({outcome})")
        growth = (seconds[-1] / max(seconds[0], 1e-6)) / (args.sizes[-1] / args.sizes[0])
        print(f"{name:<18} " + " | ".join(cells) + f" | growth vs linear {growth:.2f}")


if __name__ == "__main__":
    main()
