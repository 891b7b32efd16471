"""`ckan dazhou bulk create FILE.jsonl --user NAME`: many datasets through package_create."""
from __future__ import annotations

import json
import sys
from typing import IO, Any, Iterator

import click

from ckanext.dazhou.bulk import create as bulk_create

__all__ = ["bulk"]


@click.group(short_help="Bulk creation of datasets")
def bulk():
    """Create many datasets through the action API, a batch per transaction."""


def _lines(file: IO[str], part: int, parts: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """This part's lines. A department's datasets all go to one part: its resource-code
    counter row stays locked until a batch commits, so two processes drawing codes of one
    department would take turns instead of working side by side."""
    departments: dict[str, int] = {}  # in order of first appearance: the same in every part
    for number, text in enumerate(file, start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise click.ClickException(f"line {number}: not JSON: {error}")
        if not isinstance(data, dict):
            raise click.ClickException(f"line {number}: not a JSON object (a dataset dict)")
        department = str(data.get("owner_org") or "")
        if departments.setdefault(department, len(departments)) % parts == part:
            yield number, data


def _part(value: str) -> tuple[int, int]:
    try:
        part, parts = (int(n) for n in value.split("/"))
    except ValueError:
        raise click.BadParameter("K/N, e.g. 0/2 for the first of two processes", param_hint="--part")
    if not 0 <= part < parts:
        raise click.BadParameter("K/N needs 0 <= K < N", param_hint="--part")
    return part, parts


@bulk.command("create")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--user", required=True, help="Create as this user (their rights apply).")
@click.option("--batch", "batch_size", default=bulk_create.BATCH, show_default=True,
              help="Datasets per transaction and index pass.")
@click.option("--part", default="0/1", show_default=True,
              help="K/N: this process takes the datasets of every N-th department, counted "
                   "from the K-th in order of appearance (run N side by side).")
@click.option("--skip-existing", is_flag=True, help="Skip lines whose name is taken already.")
def create_command(file, user: str, batch_size: int, part: str, skip_existing: bool):
    """Create the datasets of a JSON-lines file, one package_create dict per line."""
    from ckan import model
    if model.User.get(user) is None:
        raise click.BadParameter(f"no user {user!r}", param_hint="--user")
    # in a request context, as the API runs: the per-request answers (the viewer, the bureau,
    # the user) are then computed once per batch transaction, not once per action call
    with click.get_current_context().meta["flask_app"].test_request_context():
        outcome = bulk_create.create_all(_lines(file, *_part(part)), user, batch_size,
                                         skip_existing)
    for line, name, errors in outcome.refused:
        click.echo(f"line {line} ({name}): refused: {json.dumps(errors, ensure_ascii=False)}",
                   err=True)
    click.echo(f"{outcome.created} created, {outcome.skipped} skipped, "
               f"{len(outcome.refused)} refused, {len(outcome.not_indexed)} not indexed")
    if outcome.not_indexed:
        click.echo("run `ckan dazhou index reconcile` to index the datasets listed above",
                   err=True)
    if outcome.refused or outcome.not_indexed:
        sys.exit(1)
