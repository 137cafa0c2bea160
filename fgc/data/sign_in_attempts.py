"""Failed sign-ins, counted to slow guessing down, and the browsers and addresses each account signs in from.

Accounts, addresses and browsers are stored only as keys made by the caller (keyed hashes, an address's
network), so a password typed into the email box is never kept. An attempt is counted *before* its password
is checked, inside one locked transaction, so parallel guesses cannot slip past a limit; a right password
then forgives it.

Three scopes are counted (see docs/security.md): an account with a browser or address it has signed in from
before (``pair``); an account from anywhere else (``account``); an address across accounts, from anywhere
it has not signed in before (``address``).
"""

from . import iso

_WHERE = {
    "pair": "account_key = :account_key AND client_key = :client_key",
    "account": "account_key = :account_key AND known = 0",
    "address": "ip_key = :ip_key AND known = 0",
}


def failures(db, scope, keys, since):
    """The failures in ``scope`` since ``since``: their times, oldest first."""
    rows = db.execute(
        f"SELECT at FROM sign_in_attempts WHERE {_WHERE[scope]} AND kind = 'failure' AND at > :since ORDER BY at",  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        dict(keys, since=iso(since)),
    )
    return [row[0] for row in rows]


def add_failure(db, keys, moment):
    cursor = db.execute(
        "INSERT INTO sign_in_attempts (account_key, ip_key, client_key, known, kind, at) "
        "VALUES (:account_key, :ip_key, :client_key, :known, 'failure', :at)",
        dict(keys, at=iso(moment)),
    )
    return cursor.lastrowid


def note_refusal(db, keys, scope_key, since, moment):
    """Remember that ``scope_key`` was refused; True if it is the first time since ``since``."""
    seen = db.execute(
        "SELECT 1 FROM sign_in_attempts WHERE kind = 'refused' AND scope = ? AND at > ? LIMIT 1",
        [scope_key, iso(since)],
    ).fetchone()
    if seen:
        return False
    db.execute(
        "INSERT INTO sign_in_attempts (account_key, ip_key, client_key, known, kind, scope, at) "
        "VALUES (:account_key, :ip_key, :client_key, :known, 'refused', :scope, :at)",
        dict(keys, scope=scope_key, at=iso(moment)),
    )
    return True


def forgive(db, attempt_id, account_key, client_key):
    """A right password (and second factor): this attempt was no failure, and nor were this browser's or address's
    earlier tries at this account. Guesses from anywhere else still count."""
    db.execute("DELETE FROM sign_in_attempts WHERE id = ?", [attempt_id])
    db.execute("DELETE FROM sign_in_attempts WHERE kind = 'failure' AND account_key = ? AND client_key = ?",
               [account_key, client_key])


def known_client(db, account_key, client_keys, since):
    """The first of ``client_keys`` this account has signed in from since ``since``, or None."""
    for client_key in client_keys:
        if client_key and db.execute(
                "SELECT 1 FROM sign_in_known WHERE account_key = ? AND client_key = ? AND last_at > ?",
                [account_key, client_key, iso(since)]).fetchone():
            return client_key
    return None


def remember(db, account_key, client_keys, moment):
    for client_key in client_keys:
        if client_key:
            db.execute(
                "INSERT INTO sign_in_known (account_key, client_key, last_at) VALUES (?, ?, ?) "
                "ON CONFLICT (account_key, client_key) DO UPDATE SET last_at = excluded.last_at",
                [account_key, client_key, iso(moment)],
            )


def prune(db, attempts_before, known_before):
    db.execute("DELETE FROM sign_in_attempts WHERE at < ?", [iso(attempts_before)])
    db.execute("DELETE FROM sign_in_known WHERE last_at < ?", [iso(known_before)])
