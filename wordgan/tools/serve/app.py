"""The web page of ``wordgan serve``: a small Starlette app with a plain HTML page.

Routes: ``/`` the page, ``/page.js`` its script, ``/api/info`` the model's description and limits,
``/api/draw`` images and tables for one request (JSON), ``/api/grid.png`` the same request as one PNG to
download. The model is shared by every request and only read; generation runs under one lock because the
embedder is built lazily and torch's CPU kernels already use every thread they are given. Requests for a Host
the server was not asked to answer to, and API requests from other sites' pages, are refused first
(:mod:`wordgan.tools.serve.origin`).
"""
from __future__ import annotations

import logging
import re
import threading
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from wordgan.errors import WordganError
from wordgan.model.limits import MAX_SEED
from wordgan.model.word_model import WordModel
from wordgan.tools.serve.answer import Answer, answer, describe_model
from wordgan.tools.serve.examples import examples
from wordgan.tools.serve.origin import LocalOnly
from wordgan.tools.serve.requests import Limits, parse_request

PAGE_DIR = Path(__file__).parent
logger = logging.getLogger("wordgan.tools.serve")

#: The page loads nothing from anywhere else, and nothing may frame it.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def build_app(model: WordModel, limits: Limits = Limits(), hosts: Sequence[str] = ()) -> Starlette:
    """The app serving ``model``; nothing in it changes after this returns but the lock's state.

    ``hosts``: the names and addresses it answers to beside localhost and loopback addresses: the address it
    listens on, and any name visitors reach it by (see :mod:`wordgan.tools.serve.origin`)."""
    lock = threading.Lock()
    page = (PAGE_DIR / "page.html").read_text(encoding="utf-8")
    script = (PAGE_DIR / "page.js").read_text(encoding="utf-8")
    info = {
        "model": describe_model(model),
        "label_words": model.label_words,
        "image_shape": list(model.image_shape),
        "temperature": model.resolve_temperature("model"),
        "truncation": model.resolve_truncation("model"),
        "examples": examples(model, limits),
        # The largest seed as text: JavaScript's numbers hold whole numbers exactly only up to 2**53.
        "limits": {"text_chars": limits.text_chars, "terms": limits.terms, "n": limits.n, "seed": str(MAX_SEED)},
    }

    def drawn(request: Request) -> Answer:
        """The answer to ``request``; WordganError for bad input (checked before the lock is taken)."""
        if len(request.url.query) > limits.query_chars:
            raise WordganError(f"the request is {len(request.url.query)} characters long; at most {limits.query_chars}")
        asked = parse_request(request.query_params, limits)
        with lock:
            return answer(model, asked)

    def home(request: Request) -> Response:
        return HTMLResponse(page, headers=SECURITY_HEADERS)

    def page_script(request: Request) -> Response:
        return Response(script, media_type="text/javascript", headers=SECURITY_HEADERS)

    def model_info(request: Request) -> Response:
        return JSONResponse(info, headers=SECURITY_HEADERS)

    def draw_json(request: Request) -> Response:
        try:
            return JSONResponse(drawn(request).to_json(), headers=SECURITY_HEADERS)
        except WordganError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400, headers=SECURITY_HEADERS)

    def grid_png(request: Request) -> Response:
        try:
            found = drawn(request)
        except WordganError as exc:
            return Response(str(exc), status_code=400, media_type="text/plain", headers=SECURITY_HEADERS)
        headers = {**SECURITY_HEADERS, "Content-Disposition": _attachment(found.file_name)}
        return Response(found.png(), media_type="image/png", headers=headers)

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/page.js", page_script),
            Route("/api/info", model_info),
            Route("/api/draw", draw_json),
            Route("/api/grid.png", grid_png),
        ],
        exception_handlers={Exception: _internal_error},
        middleware=[Middleware(LocalOnly, hosts=hosts)],
    )
    return app


def _attachment(file_name: str) -> str:
    """A Content-Disposition header for ``file_name``: headers are Latin-1, so a word in another script goes
    in ``filename*`` (RFC 6266), with an ASCII ``filename`` for clients that read only that."""
    plain = re.sub(r"[^A-Za-z0-9.-]+", "_", file_name)
    if plain == file_name:
        return f'attachment; filename="{file_name}"'
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(file_name, safe='')}"


async def _internal_error(request: Request, exc: Exception) -> Response:
    """A bug is logged with its traceback on the server; the visitor gets a one-line message, not the trace."""
    logger.exception("error answering %s", request.url.path)
    return JSONResponse({"error": f"internal error ({exc.__class__.__name__}); see the server's log"}, status_code=500)
