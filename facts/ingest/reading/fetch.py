"""Fetching one web page over HTTP(S), within bounds, with a precise reason for each refusal.

An import is given addresses by people, and pages answer with redirects of their own, so
every bound holds for the whole fetch, whatever the server does:

- time: one deadline for everything (resolving, connecting, each redirect, every read), kept
  by a timer that cuts the connection, so a server that trickles a byte at a time cannot hold
  the run for longer than the policy's timeout;
- size: the run's --max-bytes, before and after any decompression;
- where: http and https only; at most five redirects, each to http or https and each
  checked again; no address of the machine itself or of private networks (addresses.py);
- what: only text/html and text/plain (the formats the readers take).

The standard library does the HTTP (http.client): urllib.request would resolve the host
again after the check, follow redirects to other schemes, read proxy settings from the
environment and bound only each read, not the whole.
"""

import http.client
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from facts.ingest.reading.addresses import IPAddress, resolve
from facts.ingest.reading.document import ReadError, Received
from facts.ingest.reading.registry import media_types

SCHEMES = ("http", "https")
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 20.0
DEFAULT_USER_AGENT = (
    "SahelFacts-importer/1.0 (news article importer; fetches only the pages it is given)"
)
MAX_ADDRESS_LENGTH = 2000  # Article.url and Article.fetched_url hold this many characters
_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024
_ACCEPT = "text/html, text/plain;q=0.9"


@dataclass(frozen=True)
class FetchPolicy:
    """The bounds of a fetch (the IMPORT_FETCH_* settings)."""

    timeout: float = DEFAULT_TIMEOUT  # seconds for the whole fetch, redirects included
    allow_private: bool = False  # loopback and private addresses (for tests on 127.0.0.1)
    user_agent: str = DEFAULT_USER_AGENT
    max_redirects: int = MAX_REDIRECTS


DEFAULT_POLICY = FetchPolicy()


@dataclass(frozen=True)
class _Target:
    url: str
    https: bool
    host: str  # as resolved (IDNA-encoded)
    port: int
    host_header: str
    path: str


def is_address(path: str) -> bool:
    """Whether an import's argument is a web address rather than a file."""
    return path[:8].lower().startswith(("http://", "https://"))


def fetch(url: str, *, max_bytes: int, policy: FetchPolicy) -> tuple[bytes, Received]:
    """The page at `url` and what came with it; ReadError with the reason when it is refused
    or cannot be had."""
    deadline = time.monotonic() + policy.timeout
    try:
        return _follow(url, max_bytes, policy, deadline)
    except TimeoutError:
        raise ReadError(f"timed out after {policy.timeout:g} s") from None
    except (http.client.HTTPException, OSError) as error:
        if time.monotonic() >= deadline:  # the timer cut the connection
            raise ReadError(f"timed out after {policy.timeout:g} s") from None
        raise ReadError(_failure(error)) from None


def _follow(
    url: str, max_bytes: int, policy: FetchPolicy, deadline: float
) -> tuple[bytes, Received]:
    current = url
    for _ in range(policy.max_redirects + 1):
        target = _target(current)
        with _exchange(target, policy, deadline) as (response, sock):
            if response.status in _REDIRECTS:
                current = _redirect(current, response)
                continue
            if response.status not in (200, 203):
                raise ReadError(f"HTTP {response.status} {response.reason}".strip())
            media_type, charset = _content_type(response)
            raw = _body(response, sock, max_bytes, deadline)
        return raw, Received(media_type=media_type, charset=charset, url=current, fetched_url=url)
    raise ReadError(f"too many redirects (more than {policy.max_redirects})")


def _target(url: str) -> _Target:
    if len(url) > MAX_ADDRESS_LENGTH:
        raise ReadError(f"address too long (over {MAX_ADDRESS_LENGTH:,} characters)")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise ReadError(f"{scheme or 'an address without a scheme'}: refused (http and https only)")
    if parts.username is not None or parts.password is not None:
        raise ReadError("refused: addresses with a user name or password are not fetched")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError) as error:
        raise ReadError(f"not a valid address ({error})") from None
    if not host:
        raise ReadError("not a valid address (no host)")
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~")
    if parts.query:
        path += "?" + quote(parts.query, safe="/?%:@!$&'()*+,;=~")
    shown = f"[{host}]" if ":" in host else host
    default = 443 if scheme == "https" else 80
    return _Target(
        url=url,
        https=scheme == "https",
        host=host,
        port=port,
        host_header=shown if port == default else f"{shown}:{port}",
        path=path,
    )


def _redirect(current: str, response: http.client.HTTPResponse) -> str:
    location = (response.getheader("Location") or "").strip()
    if not location:
        raise ReadError(f"redirect (HTTP {response.status}) without a Location")
    following = urljoin(current, location)
    scheme = urlsplit(following).scheme.lower()
    if scheme not in SCHEMES:
        raise ReadError(f"redirect to {scheme or 'an address without a scheme'}: refused")
    return following


class _Connection(http.client.HTTPConnection):
    """An HTTP connection over a socket already connected (to a checked address)."""

    def __init__(self, target: _Target, sock: socket.socket):
        super().__init__(target.host, target.port)
        self.sock = sock

    def connect(self) -> None:  # never again: the next address would not be checked
        raise http.client.NotConnected("the connection was closed")

    def close(self) -> None:
        # http.client closes the socket once a response says "Connection: close", before
        # its body is read; the body's reads still set the socket's timeout, so the socket
        # is closed only when the exchange ends (`_exchange`).
        self.sock = None


@contextmanager
def _exchange(
    target: _Target, policy: FetchPolicy, deadline: float
) -> Iterator[tuple[http.client.HTTPResponse, socket.socket]]:
    """Send the request; yields the response (status and headers read) and its socket."""
    addresses = resolve(
        target.host, target.port, timeout=_left(deadline), allow_private=policy.allow_private
    )
    sock = _connect(target, addresses, deadline)
    # The deadline, for the whole exchange: reads have a timeout each, but a server may
    # send a byte just before each one ends.
    timer = threading.Timer(_left(deadline), _cut, (sock,))
    timer.daemon = True
    timer.start()
    try:
        if target.https:
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=target.host)
            timer.cancel()  # the TLS socket took the connection over: cut that one instead
            timer = threading.Timer(_left(deadline), _cut, (sock,))
            timer.daemon = True
            timer.start()
        connection = _Connection(target, sock)
        connection.request(
            "GET",
            target.path,
            headers={
                "Host": target.host_header,
                "User-Agent": policy.user_agent,
                "Accept": _ACCEPT,
                "Accept-Encoding": "gzip, deflate",
                "Connection": "close",
            },
        )
        response = connection.getresponse()
        try:
            yield response, sock
        finally:
            response.close()
    finally:
        timer.cancel()
        sock.close()


def _connect(target: _Target, addresses: list[IPAddress], deadline: float) -> socket.socket:
    last: OSError | None = None
    for address in addresses:
        try:
            return socket.create_connection((str(address), target.port), timeout=_left(deadline))
        except TimeoutError:
            raise
        except OSError as error:
            last = error
    reason = (last.strerror if last else "") or str(last)
    raise ReadError(f"cannot connect to {target.host_header} ({reason})")


def _cut(sock: socket.socket) -> None:
    """End a connection that has run out of time: the blocked read returns at once."""
    # socket.socket's own shutdown: a TLS socket's would first unwrap the session, which
    # waits on the very peer that ran out of time. Closed already: nothing to cut.
    with suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _content_type(response: http.client.HTTPResponse) -> tuple[str, str]:
    header = response.getheader("Content-Type") or ""
    media_type = header.split(";", 1)[0].strip().lower()
    allowed = ", ".join(sorted(media_types()))
    if not media_type:
        raise ReadError(f"no content type (only {allowed} are imported)")
    if media_type not in media_types():
        raise ReadError(f"not a page to import: content type {media_type} (only {allowed})")
    return media_type, response.headers.get_content_charset("") or ""


def _body(
    response: http.client.HTTPResponse, sock: socket.socket, max_bytes: int, deadline: float
) -> bytes:
    """The response's bytes, decompressed, at most `max_bytes` of them."""
    too_large = ReadError(f"too large (over the limit of {max_bytes:,} bytes; see --max-bytes)")
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise too_large
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise ReadError(f"compressed as {encoding!r}, which the importer does not read")
    # gzip or zlib, told apart by their header (32 + the largest window).
    inflate = zlib.decompressobj(32 + zlib.MAX_WBITS) if encoding != "identity" else None
    body = bytearray()
    try:
        while True:
            sock.settimeout(_left(deadline))
            chunk = response.read(_CHUNK)
            if not chunk:
                break
            if inflate is not None:
                chunk = inflate.decompress(chunk, max_bytes + 1 - len(body))
                if inflate.unconsumed_tail:
                    raise too_large
            body += chunk
            if len(body) > max_bytes:
                raise too_large
        if inflate is not None:
            body += inflate.flush()
    except zlib.error as error:
        raise ReadError(f"the page's {encoding} compression is damaged ({error})") from None
    if len(body) > max_bytes:
        raise too_large
    if time.monotonic() >= deadline:  # the timer ended a body sent without a length
        raise TimeoutError
    if not body:
        raise ReadError(f"empty page (HTTP {response.status} with no content)")
    return bytes(body)


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


def _failure(error: Exception) -> str:
    """One line for a network failure that is not a refusal."""
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"the site's certificate cannot be verified ({error.verify_message})"
    if isinstance(error, ssl.SSLError):
        return f"TLS failed ({error.reason or error})"
    if isinstance(error, http.client.IncompleteRead):
        return "the server closed the connection before the whole page was sent"
    if isinstance(error, http.client.HTTPException):
        return f"the server's answer is not HTTP ({type(error).__name__}: {error})"
    if isinstance(error, OSError):
        return f"cannot be fetched ({error.strerror or error})"
    return str(error)
