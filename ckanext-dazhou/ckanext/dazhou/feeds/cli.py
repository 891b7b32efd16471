"""`ckan dazhou dcat ...`: the DCAT feeds from the command line."""
from __future__ import annotations

import time

import click
from ckan import model
from ckanext.dazhou.feeds import audience
from ckanext.dazhou.feeds import export as feed_export


@click.group(short_help="DCAT-AP feeds of the catalog")
def dcat():
    """DCAT-AP feeds of the catalog."""


@dcat.command("export")
@click.argument("output", type=click.Path(dir_okay=False, writable=True))
@click.option("--feed", type=click.Choice(["public", "gov"]), default="public", show_default=True,
              help="public: what anyone may see; gov: the government sharing feed.")
@click.option("--user", "user_name", default=None,
              help="gov feed as seen by this user (default: the site user, who sees all).")
@click.option("--format", "fmt", type=click.Choice(sorted(feed_export.STREAMABLE)),
              default="ttl", show_default=True)
@click.option("--rows", default=500, show_default=True, help="Datasets per page.")
@click.option("--modified-since", default=None, help="Only datasets modified since (ISO 8601).")
@click.option("--profile", "profiles", multiple=True,
              help="RDF profile(s) instead of ckanext.dcat.rdf.profiles (e.g. euro_dcat_ap_3).")
def export_command(output, feed, user_name, fmt, rows, modified_since, profiles):
    """Write a whole feed to OUTPUT, page by page (any catalog size)."""
    if feed == "public":
        context = audience.public_context()
    elif user_name:
        user = model.User.get(user_name)
        if user is None:
            raise click.ClickException(f"no user {user_name!r}")
        context = audience.user_context(audience.government_user(user))
    else:
        context = audience.site_context()
    started = time.monotonic()
    count = feed_export.export(context, output, fmt, rows, modified_since,
                               list(profiles) or None)
    click.echo(f"{count} datasets written to {output} in {time.monotonic() - started:.1f}s")
