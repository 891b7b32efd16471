"""`ckan dazhou departments check`."""
from __future__ import annotations

import click

from ckanext.dazhou.access import department_check


@click.group("departments")
def departments_group():
    """Departments (organizations) and their department codes."""


@departments_group.command("check")
def check():
    """List organizations that are not real departments; exit 1 if there are any."""
    findings = department_check.not_departments()
    for finding in findings:
        click.echo(f"{finding.name}\t{finding.title}\t{'; '.join(finding.reasons)}")
    if findings:
        raise click.ClickException(
            f"{len(findings)} organization(s) are not real departments: give them a valid "
            "department code, or move their datasets and delete them")
    click.echo("every organization is a department")
