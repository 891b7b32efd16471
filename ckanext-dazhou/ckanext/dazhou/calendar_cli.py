"""`ckan dazhou calendar ...`: the official working-day calendar deadlines run on."""
from __future__ import annotations

import datetime as dt

import click



def _dates(text: str) -> list[dt.date]:
    try:
        return [dt.date.fromisoformat(d.strip()) for d in text.split(",") if d.strip()]
    except ValueError as error:
        raise click.BadParameter(f"dates are YYYY-MM-DD separated by commas ({error})")


@click.group(short_help="Official working-day calendar")
def calendar():
    """Holidays and make-up workdays (调休) of the Chinese official calendar."""


@calendar.command("add-year")
@click.argument("year", type=int)
@click.option("--holidays", required=True, help="Holiday dates, comma-separated YYYY-MM-DD.")
@click.option("--workdays", "make_up", default="", help="Make-up workdays on weekends, comma-separated.")
def add_year(year: int, holidays: str, make_up: str):
    """Record YEAR's schedule as published by the State Council."""
    from ckanext.dazhou.supervision import calendar_table, official_years

    try:
        official_years.record(year, _dates(holidays), _dates(make_up), "ckan dazhou calendar")
    except ValueError as error:
        raise click.ClickException(str(error))
    click.echo(f"calendar {year} recorded in the database")

    click.echo(f"{calendar_table.rebuild()} days written to the database calendar")


@calendar.command("show")
@click.argument("year", type=int)
def show(year: int):
    """List YEAR's days off on weekdays and working weekend days."""
    from ckanext.dazhou.supervision import official_years

    cal = official_years.calendar()
    if year not in cal.known_years:
        click.echo(f"{year}: no official calendar, Monday-Friday assumed", err=True)
    for day, working in cal.days(dt.date(year, 1, 1), dt.date(year, 12, 31)):
        if working != (day.weekday() < 5):
            click.echo(f"{day} {'workday' if working else 'holiday'}")


@calendar.command("sync")
def sync():
    """Refill the database's calendar table (dazhou_calendar_day) from the calendar data."""
    from ckanext.dazhou.supervision import calendar_table

    click.echo(f"{calendar_table.rebuild()} days written")
