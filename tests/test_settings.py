"""Settings come from the environment and production settings pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py in a child process that sees only the environment a deployment would set."""
    inherited = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**inherited, "DJANGO_SETTINGS_MODULE": "sahel.settings", "ENV_FILE": "", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issues_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="facts.example.org",
        CSRF_TRUSTED_ORIGINS="https://facts.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", DEBUG="0", ALLOWED_HOSTS="facts.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_malformed_boolean_setting_is_a_clear_error():
    result = run_manage("check", DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG='perhaps' is not a boolean" in result.stderr


def test_database_url_selects_the_engine():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        DEBUG="1",
        DATABASE_URL="postgres://u:p@db.invalid:5432/facts",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


# makemigrations checks the history of every database it may migrate: the test settings'
# second one (the read-replica tests') too.
@pytest.mark.django_db(databases=["default", "replica1"])
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_manage_py_needs_no_activated_venv_and_reads_the_env_file(tmp_path):
    """Started by the base interpreter (no Django there), manage.py moves into .venv; the
    development settings come from the env file, and the real environment wins over it."""
    env_file = tmp_path / "dev.env"
    env_file.write_text("# development\nDEBUG=1\n")
    base = getattr(sys, "_base_executable", sys.executable)
    plain = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    shown = subprocess.run(
        [
            base,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "import sys; from django.conf import settings; print(sys.prefix, settings.DEBUG)",
        ],
        cwd=ROOT,
        env={**plain, "ENV_FILE": str(env_file)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    prefix, debug = shown.stdout.split()
    assert Path(prefix).resolve() == (ROOT / ".venv").resolve() and debug == "True"
    production = run_manage("check", DEBUG="0", ENV_FILE=str(env_file))
    assert "SECRET_KEY must be set when DEBUG is off" in production.stderr


def test_cors_origins_come_from_the_environment_and_a_malformed_one_is_refused():
    show = (
        "from django.conf import settings; "
        "print(settings.CORS_ALLOWED_ORIGINS, settings.CORS_ALLOW_ALL_ORIGINS)"
    )
    listed = run_manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        DEBUG="1",
        API_CORS_ORIGINS="https://a.example.org, https://b.example.org",
    )
    assert listed.stdout.strip() == "['https://a.example.org', 'https://b.example.org'] False"
    anyone = run_manage("shell", "--no-imports", "-c", show, DEBUG="1", API_CORS_ORIGINS="*")
    assert anyone.stdout.strip() == "[] True"
    unset = run_manage("shell", "--no-imports", "-c", show, DEBUG="1")
    assert unset.stdout.strip() == "[] False"
    malformed = run_manage("check", DEBUG="1", API_CORS_ORIGINS="notebooks.example.org")
    assert malformed.returncode != 0
    assert "CORS_ALLOWED_ORIGINS" in malformed.stderr
