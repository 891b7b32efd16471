"""`ckan dazhou names fix`: readable names for datasets CKAN named `__`, `__-1` … (issue 13).

Renames in the database (no package_update: a harvested record must not fail a local rule
just to get a new URL) and re-indexes each renamed dataset. Links by id keep working.
"""
from __future__ import annotations

import click
import sqlalchemy as sa
from ckan import model
from ckan.lib.search import rebuild

from ckanext.dazhou import names


def munged_packages() -> list[tuple[str, str, str]]:
    """(id, name, title) of every dataset whose name holds no letter but `_` (set-based)."""
    return list(model.Session.execute(
        sa.select(model.Package.id, model.Package.name, model.Package.title)
        .where(model.Package.type == "dataset", model.Package.name.op("~")(r"^[-_0-9]*$"),
               model.Package.name.contains("_", autoescape=True))
        .order_by(model.Package.metadata_created)
    ).all())


def fix(dry_run: bool = False) -> list[tuple[str, str, str]]:
    """Rename each munged dataset to its title's pinyin; returns (id, old, new)."""
    renamed = []
    taken: set[str] = set()
    for package_id, old, title in munged_packages():
        new = names.unique_name(title or "", excluding_id=package_id, taken=taken)
        taken.add(new)
        renamed.append((package_id, old, new))
        if not dry_run:
            model.Session.execute(sa.update(model.Package).where(model.Package.id == package_id)
                                  .values(name=new))
    if not dry_run and renamed:
        model.Session.commit()
        for package_id, _old, _new in renamed:
            rebuild(package_id)
    return renamed


@click.group()
def names_group():
    """Dataset names (URL slugs)."""


@names_group.command("fix")
@click.option("--dry-run", is_flag=True, help="Only list what would be renamed.")
def fix_command(dry_run: bool):
    """Rename datasets named `__`, `__-N` … to the pinyin of their titles."""
    renamed = fix(dry_run)
    for package_id, old, new in renamed:
        click.echo(f"{package_id}\t{old}\t{new}")
    verb = "would rename" if dry_run else "renamed"
    click.echo(f"{verb} {len(renamed)} dataset(s)", err=True)


names_group.name = "names"
