"""`ckan dazhou ...` commands."""
from __future__ import annotations

from pathlib import Path

import click

from ckanext.dazhou.backup.cli import dump_command, load_command
from ckanext.dazhou.bulk.cli import bulk
from ckanext.dazhou.calendar_cli import calendar
from ckanext.dazhou.supervision.cli import remind
from ckanext.dazhou.demo import loader
from ckanext.dazhou.departments_cli import departments_group
from ckanext.dazhou.feeds.cli import dcat
from ckanext.dazhou.names_cli import names_group
from ckanext.dazhou.push.cli import push_province
from ckanext.dazhou.spreadsheet.cli import catalog
from ckanext.dazhou.index.cli import index
from ckanext.dazhou.usage.cli import usage
from dazhou_vocab import check as vocab_check

__all__ = ["dazhou"]


@click.group(short_help="达州市公共数据目录 commands")
def dazhou():
    pass


dazhou.add_command(bulk)
dazhou.add_command(calendar)
dazhou.add_command(dcat)
dazhou.add_command(departments_group)
dazhou.add_command(push_province)
dazhou.add_command(remind)
dazhou.add_command(catalog)
catalog.add_command(dump_command)  # the portable backup beside the spreadsheets
catalog.add_command(load_command)
dazhou.add_command(names_group)
dazhou.add_command(index)
dazhou.add_command(usage)


@dazhou.group()
def demo():
    """Demo data."""


@demo.command("load")
@click.option("--file", "path", default=None, help="Demo catalog JSON (default: the shipped one).")
def demo_load(path: str | None):
    """Load (or update) the demo organizations and datasets through the action API."""
    summary = loader.load(path)
    click.echo(
        f"demo data: {summary['organizations']} organizations, {summary['datasets']} datasets"
    )


@dazhou.group()
def vocab():
    """Controlled vocabularies (vocab/)."""


@vocab.command("check")
@click.option("--dir", "directory", default=None, type=click.Path(exists=True, file_okay=False),
              help="Folder of *.ttl schemes (default: the installed vocab/).")
def vocab_check_command(directory: str | None):
    """Validate the vocabulary files; exit 1 listing every problem."""
    problems = vocab_check.check(Path(directory)) if directory else vocab_check.check()
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in the vocabularies")
    click.echo("vocabularies OK")
