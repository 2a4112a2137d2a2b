"""The lookup every built-in dataset shares, and downloads checked against the server's reported MD5."""
from __future__ import annotations

import base64
import hashlib
import http.server
import threading

import pytest

from wordgan.plugins.builtin.datasets.download import DataLookup, download
from wordgan.errors import DatasetNotFoundError, WordganError

pytestmark = pytest.mark.usefixtures("no_data_env")


def lookup(tmp_path, **options):
    return DataLookup(title="Test", folder="test-data", how_to_get="Ask.", cache_dir=tmp_path / "cache", **options)


def test_folders_are_searched_in_the_documented_order(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDGAN_DATA", str(tmp_path / "data"))
    found = lookup(tmp_path, system_dirs=[tmp_path / "system"]).candidate_dirs()
    assert found == [tmp_path / "data" / "test-data", tmp_path / "data", tmp_path / "system", tmp_path / "cache"]
    (tmp_path / "mine").mkdir()
    assert lookup(tmp_path, data_dir=tmp_path / "mine").candidate_dirs() == [tmp_path / "mine"]
    with pytest.raises(DatasetNotFoundError, match="does not exist"):
        lookup(tmp_path, data_dir=tmp_path / "nowhere").candidate_dirs()


def test_all_files_of_a_request_come_from_one_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDGAN_DATA", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "images.gz").write_bytes(b"a")  # images only: not used with labels from elsewhere
    (tmp_path / "cache").mkdir()
    for name in ("images", "labels"):
        (tmp_path / "cache" / name).write_bytes(b"b")
    paths = lookup(tmp_path).locate([("images.gz", "images"), ("labels.gz", "labels")])
    assert paths == [tmp_path / "cache" / "images", tmp_path / "cache" / "labels"]
    with pytest.raises(DatasetNotFoundError, match="has no labels.gz") as caught:
        lookup(tmp_path, data_dir=tmp_path / "data").locate([("images.gz",), ("labels.gz",)])
    assert "\n" not in str(caught.value) and "Ask." in str(caught.value)


class _Handler(http.server.BaseHTTPRequestHandler):
    body, reported = b"", ""

    def do_GET(self):  # noqa: N802 (the standard library's name)
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.send_header("x-goog-hash", self.reported)
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/cat.npy"
    httpd.shutdown()
    httpd.server_close()


def test_a_download_without_a_pinned_hash_is_checked_against_the_reported_md5(server, tmp_path):
    _Handler.body = b"drawings" * 1000
    md5 = base64.b64encode(hashlib.md5(_Handler.body).digest()).decode()
    _Handler.reported = f"crc32c=n03x6A==, md5={md5}"
    assert download(server, tmp_path / "ok.npy").read_bytes() == _Handler.body
    _Handler.reported = f"crc32c=n03x6A==, md5={base64.b64encode(hashlib.md5(b'other').digest()).decode()}"
    with pytest.raises(WordganError, match="MD5"):
        download(server, tmp_path / "bad.npy")
    assert not (tmp_path / "bad.npy").exists()
