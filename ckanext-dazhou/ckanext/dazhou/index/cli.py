"""`ckan dazhou index reconcile`: the search index brought in line with the database."""
from __future__ import annotations

import click

from ckanext.dazhou.index import reconcile as reconciler
from ckanext.dazhou.index import schedule

__all__ = ["index"]


@click.group(short_help="Search index upkeep")
def index():
    """Keep the search index in line with the database."""


@index.command("reconcile")
@click.option("--enqueue", is_flag=True,
              help="Queue the reconciliation as a job that the job worker repeats every "
                   "ckanext.dazhou.index_reconcile_minutes.")
def reconcile_command(enqueue: bool):
    """Re-index datasets whose index entry is missing or older; remove entries of deleted ones."""
    if enqueue:
        job = schedule.enqueue_now()
        click.echo(f"index reconciliation queued ({job.id})")
        return
    outcome = reconciler.reconcile()
    click.echo(f"{len(outcome.reindexed)} re-indexed, {len(outcome.removed)} removed, "
               f"{len(outcome.failed)} failed")
    if outcome.failed:
        raise click.ClickException("some datasets could not be indexed: "
                                   + ", ".join(outcome.failed))
