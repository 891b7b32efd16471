"""`ckan dazhou ...` commands."""
from __future__ import annotations

import click

from ckanext.dazhou.demo import loader

__all__ = ["dazhou"]


@click.group(short_help="达州市公共数据目录 commands")
def dazhou():
    pass


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
