"""`ckan dazhou remind` and `ckan dazhou calendar sync`."""
from __future__ import annotations

import click

import ckan.plugins.toolkit as tk

from ckanext.dazhou.supervision import reminders


@click.command("remind")
@click.option("--dry-run", is_flag=True, help="List what would be sent; send and record nothing.")
@click.option("--enqueue", is_flag=True,
              help="Run it as a CKAN background job (`ckan jobs worker`) instead of now.")
def remind(dry_run: bool, enqueue: bool):
    """Mail departments about answers due within 2 working days and overdue ones (idempotent)."""
    if enqueue:
        job = tk.enqueue_job(reminders.send, kwargs={"dry_run": dry_run}, title="dazhou remind")
        click.echo(f"reminders queued as job {job.id}")
        return
    sent = reminders.send(dry_run=dry_run)
    for r in sent:
        state = "overdue" if r.days_left < 0 else f"{r.days_left} working days left"
        click.echo(f"{r.item_type}\t{r.item_id}\tdue {r.due}\t{state}\t{r.package_title or ''}")
    click.echo(f"{len(sent)} reminder(s) {'would be sent' if dry_run else 'sent'}")
