"""Signing the benchmarks' staff in: a password, then a code from an authenticator app.

The benchmark files' accounts are given a known authenticator secret (sealed with the ``SECRET_KEY`` the app is
served with) just before a run, and each sign-in enters a code from a step the app has not accepted before, as a
person's app would (waiting for the next 30-second step if the account signed in moments ago). Files made for a
checkout from before the second factor have nowhere to keep one: their sign-ins end at the password.
"""

import sqlite3
import time

from flask import Flask

from fgc.db import connect, write
from fgc.domain import second_factor

SECRET = "BENCHMARKSTAFFAPPBENCHMARKSTAFF2"


def give_apps(database, secret_key, emails):
    """Set up an authenticator app with :data:`SECRET` for each account of ``emails`` in the file ``database``."""
    keys = Flask("benchmark keys")
    keys.config["SECRET_KEY"] = secret_key
    db = connect(str(database))
    try:
        columns = {row[1] for row in db.execute("PRAGMA table_info(users)")}
        if "totp_secret" not in columns:
            return
        with keys.app_context(), write(db):
            for email in emails:
                row = db.execute("SELECT id FROM users WHERE email = ?", [email]).fetchone()
                if row:
                    second_factor.set_up_known(db, row[0], SECRET)
    finally:
        db.close()


def code(database, email):
    """A code for ``email``'s app that the app has not accepted yet."""
    connection = sqlite3.connect(str(database))
    try:
        last = connection.execute("SELECT totp_last_step FROM users WHERE email = ?", [email]).fetchone()[0]
    finally:
        connection.close()
    while True:
        now = time.time()
        step = second_factor.current_step(now)
        for candidate in ([step - 1] if now % 30 < 20 else []) + [step, step + 1]:
            if last is None or candidate > last:
                return second_factor.code_for(SECRET, candidate)
        time.sleep(30 - now % 30 + 0.05)


def uses_codes(database):
    connection = sqlite3.connect(str(database))
    try:
        return "totp_secret" in {row[1] for row in connection.execute("PRAGMA table_info(users)")}
    finally:
        connection.close()


def sign_in_client(app, email, password):
    """A Flask test client of ``app`` signed in as ``email``: password, then code."""
    import re

    database = app.config["DATABASE"]
    give_apps(database, app.config["SECRET_KEY"], [email])
    client = app.test_client()

    def post(url, data):
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)
        return client.post(url, data={"csrf_token": token, **data})

    response = post("/sign-in", {"email": email, "password": password})
    assert response.status_code == 302, response.status_code
    if response.location == "/sign-in/code":
        response = post("/sign-in/code", {"code": code(database, email)})
        assert response.status_code == 302 and not response.location.startswith("/sign-in"), response.location
    return client
