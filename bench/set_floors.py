"""Raise the floors of bench/extraction_floor.json to the figures of a scorer run (never
lower one): `extraction_score.py --json OUT`, then `set_floors.py OUT`. Prints what moved."""

import json
import sys
from pathlib import Path

FLOORS = Path(__file__).resolve().parent / "extraction_floor.json"


def raised(floors: dict, figures: dict) -> tuple[dict, list[str]]:
    moved = []
    for name, floor in floors["min"].items():
        value = figures[name]["value"]
        if value > floor:
            floors["min"][name] = value
            moved.append(f"{name}: {floor} -> {value}")
    for name, ceiling in floors["max"].items():
        value = figures[name]["value"]
        if value < ceiling:
            floors["max"][name] = value
            moved.append(f"{name}: at most {ceiling} -> {value}")
    return floors, moved


def main() -> None:
    figures = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))["total"]
    floors, moved = raised(json.loads(FLOORS.read_text(encoding="utf-8")), figures)
    FLOORS.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    print("\n".join(moved) or "no floor moved")


if __name__ == "__main__":
    main()
