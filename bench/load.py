"""HTTP load from a separate process: wrk (C, on loopback) with a Lua report of latency
percentiles, throughput and errors; and the servers under test, started and stopped."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPORT_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\n@@{"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, '
    .. '"timeouts": %d, "p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    e.status, e.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""

MIX_LUA = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def require_wrk() -> str:
    path = shutil.which("wrk")
    if not path:
        raise SystemExit("wrk is needed (Debian: apt-get install wrk); `make bench` installs it.")
    return path


def run_wrk(
    url: str,
    *,
    seconds: float,
    connections: int,
    headers: dict[str, str] | None = None,
    mix: list[str] | None = None,
    timeout_s: int = 10,
) -> dict:
    """One wrk run; `mix` (paths) rotates requests over several endpoints."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        if mix:
            script.write(MIX_LUA % ", ".join(json.dumps(p) for p in mix))
        script.write(REPORT_LUA)
    command = [
        require_wrk(),
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        f"--timeout={timeout_s}s",
        "-s",
        script.name,
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    try:
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    figures = json.loads(output.split("@@", 1)[1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, headers: dict | None = None) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering")
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=30):
                return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return  # it answers; what it answered is the benchmark's business
            time.sleep(0.3)
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url} in time")


@contextmanager
def serving(command: list[str], env: dict, probe_path: str, log: Path, headers=None):
    """Start a server, wait for `probe_path` to answer, yield its base URL, stop it."""
    port = free_port()
    command = [part.replace("{port}", str(port)) for part in command]
    with open(log, "w") as log_file:
        process = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=log_file, stderr=subprocess.STDOUT
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + probe_path, process, headers)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
