"""Failed sign-ins, counted per account and per IP address to throttle guessing.

Accounts and addresses are stored only as keys made by the caller (keyed hashes), so
a password typed into the email box is never kept. An attempt is counted *before*
its password is checked, inside one locked transaction, so parallel guesses cannot
slip past the limit; a correct password then forgives it.
"""

from . import iso, now


def reserve(db, *, account_key, ip_key, window, account_limit, ip_limit):
    """Count one attempt, or refuse it when either limit is reached.

    Call inside ``write()``. Returns ``(attempt_id, None)`` when allowed, or
    ``(None, first)`` when throttled, where ``first`` is True for the first refusal
    of this account or address in the window (so it can be audited once).
    """
    since = iso(now() - window)
    by_account = _count(db, "account_key", account_key, "failure", since)
    by_ip = _count(db, "ip_key", ip_key, "failure", since)
    if by_account >= account_limit or by_ip >= ip_limit:
        first = (_count(db, "account_key", account_key, "throttled", since) == 0
                 and _count(db, "ip_key", ip_key, "throttled", since) == 0)
        if first:
            _insert(db, account_key, ip_key, "throttled")
        return None, first
    return _insert(db, account_key, ip_key, "failure"), None


def _count(db, column, value, kind, since):
    return db.execute(
        f"SELECT count(*) FROM sign_in_attempts WHERE {column} = ? AND kind = ? AND at > ?",
        [value, kind, since],
    ).fetchone()[0]


def _insert(db, account_key, ip_key, kind):
    cursor = db.execute(
        "INSERT INTO sign_in_attempts (account_key, ip_key, kind, at) VALUES (?, ?, ?, ?)",
        [account_key, ip_key, kind, iso(now())],
    )
    return cursor.lastrowid


def forgive(db, attempt_id, account_key):
    """A correct password: this attempt was no failure, and the account's count starts again.

    Earlier failures still count against the IP address.
    """
    db.execute("DELETE FROM sign_in_attempts WHERE id = ?", [attempt_id])
    db.execute("UPDATE sign_in_attempts SET account_key = '' WHERE account_key = ?", [account_key])


def prune(db, older_than):
    db.execute("DELETE FROM sign_in_attempts WHERE at < ?", [iso(now() - older_than)])
