"""The data layer: every SQL statement the app runs lives in this package."""

import hashlib
import re
import secrets
from datetime import datetime, timezone

_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


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


def identifiers(names):
    """Column names about to be written into a statement's text: each must be a plain lower-case identifier, so
    nothing a person typed can ever become SQL (values are always bound as parameters). Raises ValueError."""
    names = list(names)
    for name in names:
        if not isinstance(name, str) or not _IDENTIFIER.fullmatch(name):
            raise ValueError(f"not a column name: {name!r}")
    return names
