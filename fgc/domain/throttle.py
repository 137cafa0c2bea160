"""Slowing down password and code guesses without locking anyone out (the policy is in docs/security.md).

Every sign-in attempt, and every second-factor code, is counted before it is checked, inside one locked
transaction, so parallel guesses cannot outrun the count; a right answer forgives it. Who an attempt is counted
with depends on where it comes from:

- from a **browser or address this account has signed in from before** (the ``fgc_browser`` cookie, or the
  address, in the last 90 days): only with that account's other attempts from there (``pair``), so someone
  guessing from elsewhere never slows the real person down;
- from **anywhere else**: with every such attempt at the account (``account``), and with every such attempt
  from the address at any account (``address``), which stops one address spraying passwords across accounts.

Each scope has some free tries, then a growing wait before each next try (30 seconds, doubling, at most 15
minutes), then a stop until the oldest failure is an hour old. Accounts are keyed by an HMAC of the normalised
email, so what people type in the email box (sometimes their password) is never stored; IPv6 clients are
counted per /64, the block one household or host usually holds.
"""

import hashlib
import hmac
import ipaddress
import math
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app, g, request
from flask_babel import ngettext

from ..data import now, parse, sign_in_attempts
from ..db import get_db, write

BROWSER_COOKIE = "fgc_browser"
BROWSER_COOKIE_DAYS = 400
_BROWSER_VALUE = re.compile(r"[A-Za-z0-9_-]{32,64}")


@dataclass(frozen=True)
class Attempt:
    """One counted attempt (``id``), or a refusal: in which scope, for how long, and whether it is that scope's
    first refusal in the window (so it is audited, and alerted, once)."""

    keys: dict
    id: int | None = None
    refused: str | None = None
    wait: timedelta = field(default=timedelta(0))
    first: bool = False

    @property
    def allowed(self):
        return self.id is not None

    def message(self):
        minutes = max(1, math.ceil(self.wait.total_seconds() / 60))
        return ngettext("You have tried to sign in too many times. Wait %(num)d minute, then try again",
                        "You have tried to sign in too many times. Wait %(num)d minutes, then try again", minutes)


def account_key(email):
    normalised = unicodedata.normalize("NFKC", email or "").strip().casefold()
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(secret, normalised.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def ip_key(address=None):
    address = address if address is not None else (request.remote_addr or "unknown")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def browser_cookie_name():
    """``fgc_browser``, or ``__Host-fgc_browser`` over HTTPS (kept only for this host, and only if sent securely)."""
    return ("__Host-" if current_app.config["HTTPS"] else "") + BROWSER_COOKIE


def browser_cookie():
    """This browser's ``fgc_browser`` value: the one it sent, or a new one for the view to set when a sign-in
    succeeds. It says nothing but "this browser"; only a hash of it is kept."""
    if "browser_cookie" not in g:
        sent = request.cookies.get(browser_cookie_name(), "")
        g.browser_cookie = sent if _BROWSER_VALUE.fullmatch(sent) else secrets.token_urlsafe(32)
        g.browser_cookie_is_new = g.browser_cookie != sent
    return g.browser_cookie


def _browser_key():
    sent = request.cookies.get(browser_cookie_name(), "")
    if not _BROWSER_VALUE.fullmatch(sent):
        return None
    return "browser:" + hashlib.sha256(sent.encode()).hexdigest()[:32]


def wait_for(times, free, stop, moment):
    """How long before the next try, given the failures' times (oldest first) in the window."""
    config = current_app.config
    count = len(times)
    waits = [timedelta(0)]
    if count >= stop:
        waits.append(parse(times[count - stop]) + config["THROTTLE_WINDOW"] - moment)
    if count >= free:
        delay = min(config["THROTTLE_FIRST_WAIT"] * 2 ** (count - free), config["THROTTLE_LONGEST_WAIT"])
        waits.append(parse(times[-1]) + delay - moment)
    return max(waits)


def _keys(db, email, moment):
    account = account_key(email)
    address = "address:" + ip_key()
    browser = _browser_key()
    known = sign_in_attempts.known_client(db, account, [browser, address],
                                          moment - current_app.config["THROTTLE_KNOWN_FOR"])
    return {"account_key": account, "ip_key": ip_key(), "client_key": known or browser or address,
            "known": int(bool(known))}


def _scope_key(scope, keys):
    return {"pair": f"pair:{keys['account_key']}:{keys['client_key']}", "account": f"account:{keys['account_key']}",
            "address": f"address:{keys['ip_key']}"}[scope]


def reserve(email):
    """Count one attempt at ``email``'s account from this request, or refuse it. Call inside ``write()``, so the
    caller can audit in the same transaction."""
    config = current_app.config
    db = get_db()
    moment = now()
    keys = _keys(db, email, moment)
    since = moment - config["THROTTLE_WINDOW"]
    for scope in (("pair",) if keys["known"] else ("account", "address")):
        free, stop = config["THROTTLE_LIMITS"][scope]
        wait = wait_for(sign_in_attempts.failures(db, scope, keys, since), free, stop, moment)
        if wait > timedelta(0):
            first = sign_in_attempts.note_refusal(db, keys, _scope_key(scope, keys), since, moment)
            return Attempt(keys=keys, refused=scope, wait=wait, first=first)
    attempt_id = sign_in_attempts.add_failure(db, keys, moment)
    # Old rows go as new ones come, so the tables stay small whoever is knocking.
    sign_in_attempts.prune(db, moment - 4 * config["THROTTLE_WINDOW"], moment - config["THROTTLE_KNOWN_FOR"])
    return Attempt(keys=keys, id=attempt_id)


def forgive(attempt):
    """A right answer: this attempt, and this browser's or address's earlier ones at the account, were not
    guesses."""
    db = get_db()
    with write(db):
        sign_in_attempts.forgive(db, attempt.id, attempt.keys["account_key"], attempt.keys["client_key"])


def remember(email):
    """A whole sign-in succeeded: this browser and this address are now known for the account. Call inside
    ``write()``."""
    browser = "browser:" + hashlib.sha256(browser_cookie().encode()).hexdigest()[:32]
    sign_in_attempts.remember(get_db(), account_key(email), [browser, "address:" + ip_key()], now())
