"""Which network addresses the importer may fetch a page from.

An address given to the importer (or a redirect a page answers with) must not reach the
machine itself or its private network: the importer runs inside it, next to the database and
whatever else listens there. So the host is resolved here, every address it resolves to is
checked, and the connection is then made to a checked address, never resolved again (a name
that answers differently the second time would otherwise slip through).
"""

import ipaddress
import socket
import threading

from facts.ingest.reading.document import ReadError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def resolve(host: str, port: int, *, timeout: float, allow_private: bool) -> list[IPAddress]:
    """The addresses of `host`, each one checked: ReadError if any is refused or the name does
    not resolve, TimeoutError if resolving takes longer than `timeout` seconds."""
    addresses = [_checked(address, allow_private) for address in _lookup(host, port, timeout)]
    if not addresses:
        raise ReadError(f"{host} has no address")
    return list(dict.fromkeys(addresses))


def refusal(address: IPAddress) -> str:
    """Why an address is not fetched from ("a private address"), or "" when it may be."""
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:10.0.0.5 is 10.0.0.5
    if mapped is not None:
        return refusal(mapped)
    for kind, test in (
        ("a loopback", address.is_loopback),
        ("a link-local", address.is_link_local),
        ("a multicast", address.is_multicast),
        ("an unspecified", address.is_unspecified),
        ("a private", address.is_private),
        ("a reserved", address.is_reserved),
        # The rest of the special ranges: shared (carrier-grade NAT), documentation,
        # benchmarking, protocol assignments.
        ("a non-public", not address.is_global),
    ):
        if test:
            return f"{kind} address"
    return ""


def _checked(raw: str, allow_private: bool) -> IPAddress:
    address = ipaddress.ip_address(raw.split("%", 1)[0])  # without an IPv6 zone ("%eth0")
    why = refusal(address)
    if why and not allow_private:
        shown = getattr(address, "ipv4_mapped", None) or address
        raise ReadError(f"refused: {shown} is {why}")
    return address


def _lookup(host: str, port: int, timeout: float) -> list[str]:
    """getaddrinfo, within `timeout`: it has no timeout of its own, so it runs in a thread
    that is left behind (it ends when the resolver gives up) if it takes too long."""
    found: list[str] = []
    failed: list[OSError] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.extend(str(info[4][0]) for info in infos)
        except OSError as error:
            failed.append(error)

    worker = threading.Thread(target=lookup, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(max(timeout, 0.0))
    if worker.is_alive():
        raise TimeoutError(f"resolving {host}")
    if failed:
        error = failed[0]
        raise ReadError(f"{host} cannot be resolved ({getattr(error, 'strerror', '') or error})")
    return found
