"""``wordgan plugins``: every installed plugin, with its distribution, version and load status."""
from __future__ import annotations

import json

import click

from wordgan import registry
from wordgan.errors import PluginLoadError


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@click.option("--check/--no-check", default=True, show_default=True, help="Import each plugin to report broken ones.")
def plugins(as_json: bool, check: bool) -> None:
    """List installed plugins of every kind: embedder, gan, loss, dataset.

    A plugin that fails to import is listed with its error instead of stopping the listing.

    \b
    Example:
      wordgan plugins
      wordgan plugins --json
    """
    rows = []
    for info in registry.discover():
        row = info.as_dict()
        if check:
            try:
                registry.load_info(info)
                row["status"] = "ok"
            except PluginLoadError as exc:
                row["status"] = "error"
                row["error"] = str(exc.__cause__ or exc)
        rows.append(row)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("no plugins installed")
        return
    headers = ["kind", "name", "distribution", "version"] + (["status"] if check else [])
    widths = {h: max(len(h), *(len(r[h]) for r in rows)) for h in headers}
    click.echo("  ".join(h.upper().ljust(widths[h]) for h in headers).rstrip())
    for row in rows:
        click.echo("  ".join(row[h].ljust(widths[h]) for h in headers).rstrip())
        if row.get("error"):
            click.echo(f"    {row['error']}")
