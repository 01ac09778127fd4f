#!/usr/bin/env python3
"""Django's command-line utility for administrative tasks.

`./manage.py …` (or `python3 manage.py …`) needs no activated virtual environment: when the
project's `.venv` exists and another interpreter started this file, it runs again under the
venv's Python. Settings then read `.env` (see `sahel/settings.py`).
"""

import os
import sys
from pathlib import Path

PROJECT_VENV = Path(__file__).resolve().parent / ".venv"


def run_in_project_venv() -> None:
    python = PROJECT_VENV / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != PROJECT_VENV.resolve():
        os.execv(python, [str(python), __file__, *sys.argv[1:]])


def main() -> None:
    run_in_project_venv()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahel.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
