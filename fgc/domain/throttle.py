"""Throttling of password guesses, per account and per IP address, shared by every worker.

Each attempt is counted before its password is checked (see data/sign_in_attempts.py).
Accounts are keyed by an HMAC of the normalised email, so what people type in the
email box (sometimes their password) is never stored; IPv6 clients are counted per
/64, the block one household or host usually holds.
"""

import hashlib
import hmac
import ipaddress
import unicodedata

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from ..data import sign_in_attempts
from ..db import get_db, write

MESSAGE = _l("You have tried to sign in too many times. Wait 15 minutes, then try again")


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


def reserve(email):
    """Count this attempt. Returns ``(attempt_id, None)``, or ``(None, first_refusal)`` when throttled.

    Call inside ``write()`` so the caller can audit in the same transaction.
    """
    config = current_app.config
    db = get_db()
    attempt, first = sign_in_attempts.reserve(
        db, account_key=account_key(email), ip_key=ip_key(), window=config["THROTTLE_WINDOW"],
        account_limit=config["THROTTLE_ACCOUNT_FAILURES"], ip_limit=config["THROTTLE_IP_FAILURES"])
    # Old rows go as new ones come, so the table stays small whoever is knocking.
    sign_in_attempts.prune(db, config["THROTTLE_WINDOW"] * 4)
    return attempt, first


def forgive(attempt_id, email):
    db = get_db()
    with write(db):
        sign_in_attempts.forgive(db, attempt_id, account_key(email))
