"""`ckan dazhou catalog dump|load`: the portable catalog backup (README: Backup)."""
from __future__ import annotations

import sys

import click

from ckanext.dazhou.backup import dump as dumper
from ckanext.dazhou.backup import load as loader

__all__ = ["dump_command", "load_command"]


@click.command("dump")
@click.argument("file", type=click.File("w", encoding="utf-8"))
def dump_command(file):
    """Write every active and draft dataset (closed ones too), organizations and groups to
    FILE as JSON lines (`-` for standard output)."""
    counts = dumper.dump(file)
    click.echo(f"{counts['organization']} organizations, {counts['group']} groups, "
               f"{counts['dataset']} datasets written", err=True)


@click.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def load_command(file):
    """Create or update what FILE (from `dump`) holds; exit 1 unless every record loaded."""
    # a request context, so field errors come in the site's language (ckan.locale_default)
    with click.get_current_context().meta["flask_app"].test_request_context():
        report = loader.load(file)
    for line in report.failures:
        click.echo(line, err=True)
    loaded = report.loaded
    click.echo(f"{loaded['organization']} organizations, {loaded['group']} groups, "
               f"{loaded['dataset']} datasets loaded; {len(report.failures)} failed")
    if not report.ok:
        sys.exit(1)
