"""DNS rebinding and other sites' pages: real HTTP requests with forged Host, Origin and Sec-Fetch-Site headers."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.support import SHIPPED


def fetch(server: str, path: str, **headers: str) -> tuple[int, str, str]:
    """GET ``path`` with ``headers`` (``Host`` replaces the one urllib would send) -> status, type, body."""
    request = urllib.request.Request(server + path, headers={name.replace("_", "-"): v for name, v in headers.items()})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers["content-type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["content-type"], error.read().decode()


def port(server: str) -> str:
    return server.rsplit(":", 1)[1]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "localhost.evil.example:{port}",
                                  "127.0.0.1.nip.io:{port}", "127.0.0.1:{port}@evil.example", "[::1]x:{port}"])
@pytest.mark.parametrize("path", ["/", "/page.js", "/api/info", "/api/draw?word=boots&n=1", "/api/grid.png?word=boots"])
def test_a_host_it_was_not_asked_to_answer_to_is_refused(server, host, path):
    """A page on evil.example that rebinds its name to 127.0.0.1 sends Host: evil.example (it got 200)."""
    status, kind, body = fetch(server, path, Host=host.format(port=port(server)))
    assert status == 403
    reason = json.loads(body)["error"] if path.startswith("/api/") else body
    assert reason.startswith(f"Host {host.format(port=port(server))!r} is not a name this server answers to")
    assert "--allow-host NAME" in reason and "\n" not in reason
    assert kind.startswith("application/json" if path.startswith("/api/") else "text/plain")


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}", "[::1]:{port}",
                                  "127.0.0.2:{port}", "localhost"])
def test_local_names_are_answered(server, host):
    status, _, body = fetch(server, "/api/info", Host=host.format(port=port(server)))
    assert status == 200 and json.loads(body)["label_words"][0] == "t-shirt"


@pytest.mark.parametrize(
    "headers, reason",
    [
        ({"Origin": "http://evil.example"}, "requests from the page at 'http://evil.example' are refused"),
        ({"Origin": "null"}, "requests from the page at 'null' are refused"),
        ({"Origin": "http://localhost:1"}, "requests from the page at 'http://localhost:1' are refused"),
        ({"Sec-Fetch-Site": "cross-site"}, "a cross-site request is refused"),
        ({"Sec-Fetch-Site": "same-site"}, "a same-site request is refused"),
    ],
)
def test_api_requests_from_another_sites_page_are_refused(server, headers, reason):
    """The page at evil.example may send requests here without reading the answers (an <img>, a fetch): the
    server should not draw for it."""
    for path in ("/api/draw?word=boots&n=1", "/api/grid.png?word=boots", "/api/info"):
        status, _, body = fetch(server, path, **headers)
        assert status == 403 and json.loads(body)["error"].startswith(reason)


def test_the_page_itself_and_its_own_origin_are_answered(server):
    assert fetch(server, "/", Sec_Fetch_Site="cross-site")[0] == 200  # a link from elsewhere opens the page
    status, _, body = fetch(server, "/api/draw?word=boots&n=1", Origin=server, Sec_Fetch_Site="same-origin")
    assert status == 200 and json.loads(body)["title"] == "boots"
    assert fetch(server, "/api/info", Sec_Fetch_Site="none")[0] == 200  # typed into the address bar


def test_allow_host_adds_a_name(serve_model):
    server = serve_model(SHIPPED, "--allow-host", "wordgan.test", "--allow-host", "192.168.7.7")
    for host in ("wordgan.test", "WORDGAN.test:80", f"192.168.7.7:{port(server)}", f"127.0.0.1:{port(server)}"):
        assert fetch(server, "/api/info", Host=host)[0] == 200, host
    assert fetch(server, "/api/info", Host="evil.example")[0] == 403
    origin = "http://wordgan.test:8000"
    assert fetch(server, "/api/info", Host="wordgan.test:8000", Origin=origin)[0] == 200
    assert fetch(server, "/api/info", Host="wordgan.test:8000", Origin="http://evil.example")[0] == 403
