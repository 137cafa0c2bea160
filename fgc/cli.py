"""Command-line tools: ``flask --app fgc COMMAND``. ``init-db`` lives in db.py."""

import datetime
import os
import secrets
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import with_appcontext

from . import db
from .data import users as user_data
from .db import get_db, write
from .domain import accounts, audit, passwords, second_factor
from .domain.vocabulary import STAFF_ROLES


def _read_new_password(email, name):
    password = os.environ.get("FGC_NEW_PASSWORD")
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    advice = passwords.problem(password, related=(email, name))
    if advice:
        raise click.ClickException(advice)
    return password


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option("--name", required=True, help="The person's full name.")
@click.option("--role", required=True, type=click.Choice(tuple(STAFF_ROLES)), help="Their one role.")
def create_user_command(email, name, role):
    """Create a user. The password comes from FGC_NEW_PASSWORD or a hidden prompt."""
    password_hash = passwords.hash_password(_read_new_password(email, name))
    outcome = accounts.create_user(get_db(), email=email, name=name, role=role, password_hash=password_hash, by=None,
                                   actor="cli")
    if not outcome.done:
        raise click.ClickException(f"An account with the email address {email} already exists")
    click.echo(f"Created {role} {name} <{email}>.")


@click.command("reset-second-factor")
@with_appcontext
@click.argument("email")
def reset_second_factor_command(email):
    """Take away a person's authenticator app and recovery codes, for when no other admin can (the only admin
    has lost their phone). They are signed out, told by email, and set up their app again at their next sign-in."""
    database = get_db()
    user = user_data.get_by_email(database, email)
    if user is None:
        raise click.ClickException(f"There is no account with the email address {email}")
    ended = accounts.reset_second_factor(database, user["id"], by=None, actor="cli").value
    click.echo(f"The second factor of {user['name']} <{user['email']}> has been reset; {ended} sessions ended. "
               "They set up their authenticator app again at their next sign-in.")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only load demo data into a database with no accounts.")
@with_appcontext
def seed_demo_command(if_empty):
    """Create fictional demo accounts of every role and demo cases, and print the sign-ins.

    Existing demo accounts are enabled and get a new password and a new authenticator app
    key, so the sign-ins printed always work. The password is FGC_DEMO_PASSWORD if set,
    otherwise random; each account's key is random. Demo cases at every stage are added only
    while the database has no cases.
    """
    from .demo import seed_cases
    from .demo.content.cases import DEMO_TEAMS, DEMO_USERS

    database = get_db()
    if if_empty and user_data.count(database):
        demo = [email for email, _, _ in DEMO_USERS if user_data.get_by_email(database, email)]
        click.echo("The database already has accounts, so no demo data was loaded.")
        if demo:
            click.echo(f"Demo sign-ins: {', '.join(demo)}. Their password and authenticator keys were printed when "
                       "they were created;")
            click.echo("run `flask --app fgc seed-demo` to give them a new one.")
        return
    password = os.environ.get("FGC_DEMO_PASSWORD") or f"demo-{secrets.token_urlsafe(12)}"
    advice = passwords.problem(password)
    if advice:
        raise click.ClickException(f"FGC_DEMO_PASSWORD: {advice}")
    password_hash = passwords.hash_password(password)
    keys = {email: second_factor.new_secret() for email, _, _ in DEMO_USERS}
    with write(database):
        for email, name, role in DEMO_USERS:
            existing = user_data.get_by_email(database, email)
            if existing is None:
                user_id = user_data.create(database, email=email, name=name, role=role, password_hash=password_hash,
                                           team=DEMO_TEAMS.get(email, ""))
            else:
                user_id = existing["id"]
                user_data.set_password_hash(database, user_id, password_hash)
                user_data.set_active(database, user_id, True)
            second_factor.set_up_known(database, user_id, keys[email])
            # The demo manager is also the data protection officer, so the access records and subject access
            # exports can be tried.
            user_data.set_dpo(database, user_id, role == "manager")
        users = {email: user_data.get_by_email(database, email) for email, _, _ in DEMO_USERS}
        tokens = []
        cases = seed_cases(database, users, datetime.datetime.now(ZoneInfo("Europe/London")).date(),
                           uid_domain=current_app.config["INVITE_UID_DOMAIN"], family_link_tokens=tokens)
        audit.record("demo.seeded", user=None, actor="cli", detail={"accounts": len(DEMO_USERS), "cases": cases})
    if cases:
        click.echo(f"Created {cases} demo cases.")
    else:
        click.echo("The database already has cases, so no demo cases were added.")
    click.echo("Demo sign-ins (fictional people), each with the key to add to an authenticator app for its codes:")
    for email, name, role in DEMO_USERS:
        click.echo(f"  {role:<14} {email:<34} {name:<18} key: {second_factor.grouped(keys[email])}")
    click.echo("  (the manager is also the data protection officer: Access records and subject access exports)")
    click.echo(f"  password for all of them: {password}")
    click.echo("  (Without an app: python -c \"import pyotp; print(pyotp.TOTP('KEY WITHOUT SPACES').now())\")")
    if tokens:
        click.echo("Demo family links (fictional families; open them at the app's address, such as "
                   "http://127.0.0.1:5000, and make more on a case's Family links page):")
        for reference, name, token in tokens:
            click.echo(f"  /f/{token}  {name}, {reference}")


@click.command("backup")
@with_appcontext
@click.argument("path", type=click.Path(dir_okay=False))
def backup_command(path):
    """Write an online, consistent copy of the database to PATH and check its integrity."""
    if os.path.exists(path):
        raise click.ClickException(f"{path} already exists: choose a new file name")
    # Create it private before any data goes in.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    result = db.backup(current_app.config["DATABASE"], path)
    audit.record("database.backup", user=None, actor="cli", detail={"integrity_check": result})
    if result != "ok":
        raise click.ClickException(f"Backup written to {path} but integrity_check reported:\n{result}")
    click.echo(f"Backup written to {path}. integrity_check: ok")


def init_app(app):
    for command in (create_user_command, reset_second_factor_command, seed_demo_command, backup_command):
        app.cli.add_command(command)
