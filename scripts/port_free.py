"""Exit 0 if the development server could listen on HOST ("addr:port", or a port alone),
1 with a message saying how to pick another when something already listens there.

`make run` calls it before any set-up, so a busy port is reported before anything else
happens (and before a one-time admin password is shown). Standard library only: it runs
before the virtual environment exists.
"""

import socket
import sys


def split_host(value: str) -> tuple[str, int]:
    address, _, port = value.rpartition(":")
    return (address.strip("[]") or "127.0.0.1"), int(port)


def port_free(address: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address, port))
        except OSError:
            return False
    return True


def main(argv: list[str]) -> int:
    value = argv[1] if len(argv) > 1 else "127.0.0.1:8000"
    try:
        address, port = split_host(value)
    except ValueError:
        print(f"HOST={value!r} is not address:port (e.g. 127.0.0.1:8001).", file=sys.stderr)
        return 2
    if port_free(address, port):
        return 0
    print(
        f"Port {port} on {address} is already in use (another server running?).\n"
        f"Stop it, or serve on another port:  make run HOST={address}:{port + 1}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
