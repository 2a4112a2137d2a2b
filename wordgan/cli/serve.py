"""``wordgan serve``: a web page to type words into and see the model's images."""
from __future__ import annotations

import ipaddress
import socket

import click

from wordgan.cli.toolkit import quiet_option, reports_errors
from wordgan.cli.options import device_option, trust_file_option
from wordgan.cli.loading import load_model


@click.command(short_help="A web page to type words into and see their images.")
@click.argument("model")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default answers this machine only; 0.0.0.0 answers anyone who can reach it.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--max-images", type=click.IntRange(1, 256), default=32, show_default=True,
              help="The most images one request may ask for.")
@click.option("--allow-host", "allowed_hosts", metavar="NAME", multiple=True,
              help="Also answer requests for this host name or address (repeatable). Without it the page answers "
              "localhost, loopback addresses and the --host address only, so no other site's page can reach it "
              "by DNS rebinding.")
@device_option()
@quiet_option("Print only the address, not each request.")
@trust_file_option
@reports_errors
def serve(
    model: str, host: str, port: int, max_images: int, allowed_hosts: tuple[str, ...], device: str, quiet: bool,
    trusted_files: tuple[str, ...],
) -> None:
    """Serve a web page for MODEL (a run directory, a .safetensors checkpoint, or a shipped model's name such
    as fashion-mnist): type a word, phrase or expression ("boots - winter + summer") and see its images, how
    similar it is to each label word and what it was drawn as; sliders for seed, count, truncation, snapping
    temperature and a second word to walk toward; a download of the grid.

    \b
    Example:
      wordgan serve fashion-mnist
      wordgan serve runs/my-run --port 8080
    """
    import uvicorn

    from wordgan.tools.serve import Limits, build_app

    # Bound first: a busy port is one line at once, not after seconds of loading (and --port 0 says which it got).
    listening = _listen(host, port)
    # The embedder and the mapping of new words are built now, not on the first new word, so that no visitor waits.
    loaded = load_model(model, device, quiet=False, trusted_files=trusted_files)
    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can use the page, by the "
                   "names and addresses --allow-host gives", err=True)
    app = build_app(loaded, Limits(n=max_images), hosts=(host, *allowed_hosts))
    config = uvicorn.Config(app, log_level="warning" if quiet else "info", access_log=not quiet)
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"serving {loaded!r} on http://{shown_host}:{listening.getsockname()[1]}/ (Ctrl-C stops)", err=True)
    uvicorn.Server(config).run(sockets=[listening])


def _listen(host: str, port: int) -> socket.socket:
    from wordgan.errors import WordganError

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listening = socket.socket(family, socket.SOCK_STREAM)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
        listening.listen(128)  # listening before the address is printed: connections wait for uvicorn's loop
    except OSError as exc:
        raise WordganError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return listening


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
