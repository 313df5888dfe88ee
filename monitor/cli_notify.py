"""Commands of the notify stage: feeds, subscribers and digests."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click

from monitor.cli import App, cli, handle_errors, pass_app
from monitor.feeds import FORMATS, KINDS, FeedFormat, render_feed
from monitor.subscribers import (
    FREQUENCIES,
    Preferences,
    SubscriberStatus,
    confirm,
    list_subscribers,
    subscribe,
    unsubscribe,
)


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


@cli.command()
@click.option("--site", metavar="ID", help="only this site's statements")
@click.option("--kind", type=click.Choice(KINDS), help="only statements with a new finding of this kind")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="rss", show_default=True, help="feed format")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="write to FILE, not stdout")
@pass_app
@handle_errors
def feed(app: App, site: str | None, kind: str | None, fmt: FeedFormat, output: Path | None) -> None:
    """Print the RSS or Atom feed of new and revised statements."""
    if site is not None:
        app.settings.site(site)  # exit 2 naming the configured ids, before touching the database
    with app.database().transaction() as session:
        document = render_feed(session, app.settings, site=site, kind=kind, fmt=fmt)
    if output is None:
        click.echo(document, nl=False)
    else:
        output.write_text(document, encoding="utf-8")


@cli.command("subscribe")
@click.argument("email")
@click.option("--frequency", type=click.Choice(FREQUENCIES), default="daily", show_default=True,
              help="how often digests are sent")
@click.option("--site", "sites", metavar="ID", multiple=True, help="only this site (repeatable; default all)")
@click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True, help="only this kind (repeatable)")
@click.option("--keyword", "keywords", metavar="WORD", multiple=True, help="only findings mentioning WORD (repeatable)")
@click.option("--confirmed", is_flag=True, help="skip the confirmation email (operators only)")
@pass_app
@handle_errors
def subscribe_command(app: App, email: str, frequency: str, sites: tuple[str, ...], kinds: tuple[str, ...],
                      keywords: tuple[str, ...], confirmed: bool) -> None:
    """Subscribe EMAIL to digests (a confirmation link is emailed unless --confirmed)."""
    for site in sites:
        app.settings.site(site)
    preferences = Preferences(frequency=frequency, sites=sites, kinds=kinds, keywords=keywords)
    try:
        result = subscribe(app.database(), app.settings, email, preferences, now=datetime.now(UTC),
                           confirmed=confirmed)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="EMAIL") from None
    verb = "subscribed" if result.created else "updated"
    if result.status == "confirmed":
        click.echo(f"{verb} {result.email} (confirmed)")
    elif result.confirmation_sent:
        click.echo(f"{verb} {result.email}: pending until the link in the confirmation email is opened")
    else:
        click.echo(f"{verb} {result.email}: pending; a confirmation email was sent minutes ago")


@cli.command("confirm")
@click.argument("token")
@pass_app
@handle_errors
def confirm_command(app: App, token: str) -> None:
    """Confirm a subscription with the token from its confirmation link."""
    email = confirm(app.database(), token, now=datetime.now(UTC))
    if email is None:
        _fail("unknown or no longer valid confirmation token; subscribe again to get a new link")
    click.echo(f"confirmed {email}")


@cli.command("unsubscribe")
@click.argument("email")
@pass_app
@handle_errors
def unsubscribe_command(app: App, email: str) -> None:
    """Stop all emails to EMAIL (an address, or the token of an unsubscribe link)."""
    found = unsubscribe(app.database(), email=email if "@" in email else None,
                        token=None if "@" in email else email, now=datetime.now(UTC))
    if found is None:
        _fail(f"no subscriber {email!r}; `monitor subscribers` lists them")
    click.echo(f"unsubscribed {found}")


@cli.command("subscribers")
@click.option("--json", "as_json", is_flag=True, help="print a JSON list")
@pass_app
@handle_errors
def subscribers_command(app: App, as_json: bool) -> None:
    """List subscribers with status, preferences, last digest and last delivery."""
    with app.database().transaction() as session:
        statuses = list_subscribers(session)
    if as_json:
        click.echo(json.dumps([s.to_json() for s in statuses], indent=2))
        return
    if not statuses:
        click.echo("no subscribers")
    for status in statuses:
        click.echo(_subscriber_line(status))


def _subscriber_line(status: SubscriberStatus) -> str:
    prefs = status.preferences
    filters = [f"sites={','.join(prefs.sites) or 'all'}", f"kinds={','.join(prefs.kinds) or 'all'}"]
    if prefs.keywords:
        filters.append(f"keywords={','.join(prefs.keywords)}")
    digest = f"last digest {status.last_digest_at:%Y-%m-%d %H:%M} UTC" if status.last_digest_at else "no digest yet"
    delivery = ""
    if status.last_delivery_status is not None:
        delivery = f"  last email: {status.last_delivery_purpose} {status.last_delivery_status}"
        if status.last_delivery_error:
            delivery += f" ({status.last_delivery_error})"
    return f"{status.email:32s} {status.status:12s} {prefs.frequency:8s} {' '.join(filters)}  {digest}{delivery}"


@cli.command("digest")
@click.option("--dry-run", is_flag=True, help="print what would be sent; send and record nothing")
@pass_app
@handle_errors
def digest_command(app: App, dry_run: bool) -> None:
    """Send the digests that are due now (exit 1 if any could not be sent)."""
    from monitor.digest import send_digests

    outcomes = send_digests(app.database(), app.settings, now=datetime.now(UTC), dry_run=dry_run)
    if not outcomes:
        click.echo("no digest due")
    for outcome in outcomes:
        click.echo(f"{outcome.status:8s} {outcome.email}  {outcome.event_count} events  {outcome.subject}")
        if outcome.error:
            click.echo(f"         {outcome.error}")
        if dry_run:
            click.echo(outcome.text)
    if any(outcome.status == "failed" for outcome in outcomes):
        sys.exit(1)
