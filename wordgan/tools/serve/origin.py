"""Which requests the page answers: a Host it was not asked to serve, or another site's page, is refused.

DNS rebinding: a page on ``evil.example`` can have ``evil.example`` resolve to 127.0.0.1 and then read this
server's answers as its own, but the browser still sends ``Host: evil.example``. So, as Jupyter does, a request
is answered only if its Host is ``localhost``, a loopback address (127.0.0.1, [::1], ...), the address the
server listens on, or a name the user allowed (``wordgan serve --allow-host NAME``). A request without a Host
comes from no browser and is answered.

Another site's page can also send requests here without reading the answers (an ``<img>``, a ``fetch``), which
would still make the server draw. API requests that say they come from another origin are refused: an
``Origin`` header that is not this server's own (``null`` included), or ``Sec-Fetch-Site: cross-site`` or
``same-site``. Requests with neither header (scripts, curl) are answered.

Every refusal is 403 with a one-line reason.
"""
from __future__ import annotations

import ipaddress
import logging
import re
from typing import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

logger = logging.getLogger("wordgan.serve")

#: The names every server answers to, beside loopback addresses.
LOCAL_NAMES = ("localhost",)
#: A Host header: a name (no brackets, colons, @, slashes or spaces) or a bracketed IPv6 address, then a port.
_HOST = re.compile(r"(\[[0-9a-f:.]+\]|[^\[\]:@/\\?#\s]+)(?::\d{1,5})?", re.IGNORECASE)


class LocalOnly:
    """ASGI middleware answering only requests whose Host is local or allowed, and refusing API requests
    (paths under ``/api/``) from another origin."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str] = ()):
        """``hosts``: names or addresses to answer to beside the local ones (the listening address, and
        ``--allow-host`` names), as typed: ``example.org``, ``192.168.1.5``, ``[fe80::1]`` or ``fe80::1``."""
        self.app = app
        self.hosts = frozenset(LOCAL_NAMES) | {_bare(host) for host in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            reason = self.refusal(Headers(scope=scope), scope["path"])
            if reason is not None:
                logger.warning("refused %s: %s", scope["path"], reason)
                api = scope["path"].startswith("/api/")
                response = JSONResponse({"error": reason}, 403) if api else PlainTextResponse(reason, 403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def refusal(self, headers: Headers, path: str) -> str | None:
        """Why a request with these headers for ``path`` is refused, or None if it is answered."""
        host = headers.get("host")
        if host is None:
            return None
        name = _host_name(host)
        if name is None or not (name in self.hosts or _is_loopback(name)):
            shown = host.encode("ascii", "backslashreplace").decode()[:100]
            return (f"Host {shown!r} is not a name this server answers to (localhost, loopback addresses and the "
                    "address it listens on); if it is yours, start the server with --allow-host NAME")
        if not path.startswith("/api/"):
            return None
        origin = headers.get("origin")
        if origin is not None and not _same_origin(origin, host):
            shown = origin.encode("ascii", "backslashreplace").decode()[:100]
            return f"requests from the page at {shown!r} are refused: the API answers this server's own page only"
        site = headers.get("sec-fetch-site")
        if site in ("cross-site", "same-site"):
            return f"a {site} request is refused: the API answers this server's own page only"
        return None


def _bare(host: str) -> str:
    """A host name as compared: lowercase, an IPv6 address without its brackets."""
    return host.strip().lower().removeprefix("[").removesuffix("]")


def _host_name(host: str) -> str | None:
    """The name in a Host header (``name`` or ``name:port``, ``[v6]:port`` for IPv6) as compared, or None if
    the header is anything else."""
    match = _HOST.fullmatch(host)
    return _bare(match.group(1)) if match else None


def _is_loopback(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _same_origin(origin: str, host: str) -> bool:
    """Whether the ``Origin`` header names this server as the browser reached it (at ``host``)."""
    try:
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower() and not parts.path
    except ValueError:
        return False
