"""``wordgan plugins``: every installed plugin, with its distribution, version and load status."""
from __future__ import annotations

import json

import click

from wordgan.plugins import registry
from wordgan.errors import PluginLoadError


@click.command(short_help="List the installed plugins and named models.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@click.option("--check/--no-check", default=True, show_default=True, help="Import each plugin to report broken ones.")
@click.option("-q", "--quiet", is_flag=True, help="Accepted as by every command; plugins prints only its listing anyway.")
def plugins(as_json: bool, check: bool, quiet: bool) -> None:
    """List installed plugins of every kind: embedder, gan, loss, dataset.

    A plugin that fails to import is listed with its error instead of stopping the listing; so are two
    plugins registered under one name (conflict) and installed distributions whose metadata cannot be
    read (broken: no METADATA, a malformed entry_points.txt), by distribution name.

    \b
    Example:
      wordgan plugins
      wordgan plugins --json
    """
    rows = []
    infos = registry.discover()
    clashes = registry.conflicts(infos)
    for info in infos:
        row = info.as_dict()
        others = [d for d in clashes.get((info.kind, info.name), []) if d != info.distribution]
        if others:
            row["status"] = "conflict"
            row["error"] = f"{info.kind} {info.name!r} is also registered by {', '.join(others)}; uninstall one of them"
        elif check:
            try:
                registry.load_info(info)
                row["status"] = "ok"
            except PluginLoadError as exc:
                row["status"] = "error"
                row["error"] = str(exc)
        rows.append(row)
    for problem in registry.problems():  # listed whatever --check says: their plugins cannot even be named
        rows.append({"kind": "?", "name": "?", "value": "", **problem.as_dict(), "status": "broken"})
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("no plugins installed")
        return
    headers = ["kind", "name", "distribution", "version"] + (["status"] if check or any("status" in r for r in rows) else [])
    widths = {h: max(len(h), *(len(r.get(h, "")) for r in rows)) for h in headers}
    click.echo("  ".join(h.upper().ljust(widths[h]) for h in headers).rstrip())
    for row in rows:
        click.echo("  ".join(row.get(h, "").ljust(widths[h]) for h in headers).rstrip())
        if row.get("error"):
            click.echo(f"    {row['error']}")
