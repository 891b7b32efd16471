"""`ckan dazhou push-province`."""
from __future__ import annotations

from pathlib import Path

import ckan.plugins.toolkit as tk
import click
from ckanapi import RemoteCKAN
from ckanext.dazhou.feeds import paging
from ckanext.dazhou.push import province


def _local_datasets():
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "ignore_auth": True}
    for page in paging.all_pages(context, province.PAGE):
        yield from page


@click.command("push-province")
@click.option("--url", required=True, help="The provincial CKAN's address.")
@click.option("--token-file", required=True, type=click.Path(exists=True, dir_okay=False),
              help="File holding the API token for the provincial CKAN.")
@click.option("--org", default="dazhou", show_default=True,
              help="The province's organization that holds Dazhou's datasets.")
def push_province(url: str, token_file: str, org: str):
    """Publish the shareable catalog to a provincial CKAN (create, update, delete by
    resource code); safe to rerun, a rerun resumes an interrupted push."""
    token = Path(token_file).read_text(encoding="utf-8").strip()
    remote = RemoteCKAN(url, apikey=token, user_agent="dazhou-catalog push-province")
    try:
        report = province.push(_local_datasets(), remote, org)
    except Exception as error:  # the province unreachable before anything changed
        raise click.ClickException(f"push to {url} failed: {error}") from error
    for code, message in report.failed:
        click.echo(f"failed {code}: {message}", err=True)
    for kind in ("created", "updated", "deleted"):
        for code in getattr(report, kind):
            click.echo(f"{kind} {code}")
    click.echo(report.summary())
    if report.failed:
        raise SystemExit(1)
