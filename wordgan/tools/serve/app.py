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

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from wordgan.errors import WordganError
from wordgan.model.word_model import WordModel
from wordgan.tools.serve.answer import Answer, answer, png_bytes
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
        "model": f"{model.config.gan} on {model.config.dataset}, {model.embedder_spec.name} conditions, step {model.step}",
        "label_words": model.label_words,
        "temperature": model.resolve_temperature("model"),
        "truncation": model.resolve_truncation("model"),
        "limits": {"text_chars": limits.text_chars, "terms": limits.terms, "n": limits.n},
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
        name = re.sub(r"[^\w.-]+", "_", found.title).strip("._")[:80] or "grid"
        headers = {**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="wordgan-{name}.png"'}
        return Response(png_bytes(found.grid()), media_type="image/png", headers=headers)

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


async def _internal_error(request: Request, exc: Exception) -> Response:
    """A bug is logged with its traceback on the server; the visitor gets a one-line message, not the trace."""
    logger.exception("error answering %s", request.url.path)
    return JSONResponse({"error": f"internal error ({exc.__class__.__name__}); see the server's log"}, status_code=500)
