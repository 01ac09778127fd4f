#!/usr/bin/env python3
"""Run every shell and Python block of README.md as written, against a server `make run` set
up.

A user follows README top to bottom after `make run`; this does the same. Each ```sh block
runs in its own `bash -euo pipefail` from the project root, in document order, and each
```python block in the project's virtual environment (whose development requirements hold
what the examples import, pandas among them). `curl` is the
real curl behind a thin check: an HTTP error (4xx/5xx) or an empty list (`"results": []`)
fails the block, so an example that "works" by answering an error is caught. A block is
skipped only when the line before it says why:

    <!-- readme-check: skip: <reason> -->

The server and the blocks share a fresh SQLite database in a temporary folder, so a
developer's own database is never touched. Files the blocks create in the checkout are
removed afterwards; a block that changes a
tracked file fails the check. Standard library only. Exit status 0 only if every block passed.
"""

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SKIP = re.compile(r"<!--\s*readme-check:\s*skip:\s*(?P<reason>.+?)\s*-->")
FENCE = re.compile(r"^```(?P<info>[\w-]*)\s*$")
SHELL = {"sh", "bash", "shell"}
PYTHON = {"python", "py"}
RUNNABLE = SHELL | PYTHON
OUTPUT_SHOWN = 2000  # of a block that passed; a failing block's output is shown whole

CURL_CHECK = r"""#!/usr/bin/env bash
# README examples under CI: the real curl; an HTTP error or an empty list fails the command.
set -uo pipefail
headers=$(mktemp) body=$(mktemp)
trap 'rm -f "$headers" "$body"' EXIT
"{real}" -D "$headers" "$@" > "$body"
rc=$?
cat "$body"
if [ "$rc" -ne 0 ]; then
  echo "readme-check: curl exited $rc: curl $*" >&2; exit "$rc"
fi
status=$(grep -aE '^HTTP/' "$headers" | tail -n 1 | awk '{{print $2}}')
if [ -n "$status" ] && [ "$status" -ge 400 ]; then
  echo "readme-check: HTTP $status from: curl $*" >&2; head -c 600 "$body" >&2; echo >&2
  exit 22
fi
if grep -qaE '"results": ?\[\]' "$body"; then
  echo "readme-check: an empty list from: curl $*" >&2; exit 23
fi
"""


@dataclass
class Block:
    line: int
    info: str
    text: str
    skip: str | None


def blocks(markdown: str) -> list[Block]:
    found, current, pending_skip = [], None, None
    for number, line in enumerate(markdown.splitlines(), start=1):
        if current is not None:
            if line.strip() == "```":
                found.append(current)
                current = None
            else:
                current.text += line + "\n"
            continue
        fence = FENCE.match(line)
        if fence:
            current = Block(number, fence["info"], "", pending_skip)
            pending_skip = None
            continue
        skip = SKIP.search(line)
        if skip:
            pending_skip = skip["reason"]
        elif line.strip():
            pending_skip = None
    if current is not None:
        sys.exit(f"README.md:{current.line}: code block never closed")
    return found


def untracked() -> set[str]:
    out = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.splitlines())


def tracked_changes() -> str:
    """The diff of tracked files against HEAD (compared before and after the blocks)."""
    out = subprocess.run(
        ["git", "diff", "HEAD", "--stat"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout


def wait_for(url: str, server: subprocess.Popen, seconds: int) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"`make run` stopped (exit {server.returncode}) before serving")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"no answer from {url} after {seconds} s")


def main() -> int:
    port = os.environ.get("README_PORT", "8000")
    all_blocks = blocks(README.read_text(encoding="utf-8"))
    runnable = [b for b in all_blocks if b.info in RUNNABLE]
    if not runnable:
        sys.exit("README.md has no shell blocks: nothing to check")
    tools = Path(tempfile.mkdtemp(prefix="readme-check-"))
    # A database of its own, made by `make run`'s set-up: the examples add users, claims and
    # reviews, which have no place in a developer's database, and a second run starts afresh.
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env["DATABASE_URL"] = f"sqlite:///{tools}/readme.sqlite3"
    env["CACHE_URL"] = f"file://{tools}/cache"  # its own throttle and sign-in counts
    real_curl = shutil.which("curl") or sys.exit("curl is not installed")
    (tools / "curl").write_text(CURL_CHECK.format(real=real_curl))
    (tools / "curl").chmod(0o755)
    env["PATH"] = f"{tools}{os.pathsep}{env['PATH']}"

    before = untracked()
    diff_before = tracked_changes()
    log = open(tools / "server.log", "w")  # noqa: SIM115 (open for the server's lifetime)
    server = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"HOST=127.0.0.1:{port}"],
        cwd=ROOT,
        env={**env, "DJANGO_SUPERUSER_PASSWORD": secrets.token_urlsafe(16)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    failed = None
    try:
        wait_for(f"http://127.0.0.1:{port}/api/v1/", server, seconds=600)
        print(f"readme-check: `make run` serves on 127.0.0.1:{port}", flush=True)
        for block in runnable:
            where = f"README.md:{block.line}"
            if block.skip:
                print(f"\n--- {where}: skipped ({block.skip})", flush=True)
                continue
            text = block.text.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
            print(f"\n--- {where}\n{text.rstrip()}\n---", flush=True)
            started = time.monotonic()
            command = (
                [str(ROOT / ".venv" / "bin" / "python"), "-c", text]
                if block.info in PYTHON
                else ["bash", "-euo", "pipefail", "-c", text]
            )
            result = subprocess.run(
                command,
                cwd=ROOT,
                env=env,
                timeout=900,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
            )
            took = time.monotonic() - started
            shown = result.stdout
            if result.returncode == 0 and len(shown) > OUTPUT_SHOWN:
                shown = shown[:OUTPUT_SHOWN] + f"\n[… {len(result.stdout):,} characters in all]"
            print(shown.rstrip(), flush=True)
            if result.returncode != 0:
                failed = f"{where} failed (exit {result.returncode}) after {took:.1f} s"
                break
            print(f"--- {where}: passed in {took:.1f} s", flush=True)
        changed = tracked_changes()
        if failed is None and changed != diff_before:
            failed = f"README blocks changed tracked files:\n{changed}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
        created = sorted(untracked() - before)
        for name in created:
            (ROOT / name).unlink(missing_ok=True)
        if created:
            print(f"readme-check: removed what the examples wrote: {', '.join(created)}")
    if failed:
        print(f"\nreadme-check: {failed}\nserver log (tail):", file=sys.stderr)
        print((tools / "server.log").read_text()[-3000:], file=sys.stderr)
        return 1
    ran = sum(1 for b in runnable if not b.skip)
    print(
        f"\nreadme-check: {ran} README blocks ran as written, "
        f"{len(runnable) - ran} skipped with a reason"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
