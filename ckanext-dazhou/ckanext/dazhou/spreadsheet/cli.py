"""`ckan dazhou catalog export|import`: catalog spreadsheets from the command line."""
from __future__ import annotations

import sys

import click

import ckan.plugins.toolkit as tk

from ckanext.dazhou.spreadsheet import export as exporter
from ckanext.dazhou.spreadsheet import importer
from ckanext.dazhou.spreadsheet.stored import site_context

__all__ = ["catalog"]


@click.group(short_help="Catalog spreadsheets (national guide layout)")
def catalog():
    """Export and import the catalog as spreadsheets."""


def _context(user: str | None) -> dict:
    return {"user": user} if user else site_context()


def _in_request():
    """A request context, so messages come in the site's language (ckan.locale_default)."""
    return click.get_current_context().meta["flask_app"].test_request_context()


@catalog.command("export")
@click.option("--org", "org", default=None,
              help="Organization (department) name; default: city-wide.")
@click.option("--format", "fmt", type=click.Choice(exporter.FORMATS), default="xlsx",
              show_default=True)
@click.option("--output", "output", required=True, type=click.Path(dir_okay=False, writable=True))
@click.option("--user", "user", default=None,
              help="Export what this user may see (default: everything).")
def export_command(org: str | None, fmt: str, output: str, user: str | None):
    """Write the catalog to OUTPUT (XLSX with sheets 信息资源目录, 信息项, 资源; or one CSV table)."""
    org_id = None
    if org:
        try:
            org_id = tk.get_action("organization_show")(_context(user), {"id": org})["id"]
        except (tk.ObjectNotFound, tk.NotAuthorized):
            raise click.ClickException(f"no organization {org}")
    count = exporter.export(_context(user), fmt, output, org_id)
    click.echo(f"{count} datasets written to {output}")


@catalog.command("import")
@click.argument("file", type=click.File("rb"))
@click.option("--user", "user", default=None, help="Act as this user (default: the site user).")
def import_command(file, user: str | None):
    """Import FILE (XLSX): all rows or none; prints the report, exit 1 when rejected."""
    with _in_request():
        report = importer.run(file, user or site_context()["user"])
        for line in report.lines():
            click.echo(line)
    if not report.accepted:
        sys.exit(1)
