"""The data layer: every SQL statement the app runs lives in this package."""

import hashlib
import secrets
from datetime import datetime, timezone


def now():
    return datetime.now(timezone.utc)


def iso(moment):
    """Timestamps are stored as UTC ISO 8601 text, which sorts and compares as text."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def parse(text):
    return datetime.fromisoformat(text) if text else None


def new_token():
    """A random secret for a URL or cookie, and the SHA-256 hash that is all we store."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token):
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
