"""Failed sign-ins, counted per account and per IP address to throttle guessing."""

from . import iso, now


def record(db, *, email, ip):
    db.execute("INSERT INTO sign_in_failures (email, ip, at) VALUES (?, ?, ?)",
               [email.strip().lower()[:320], ip, iso(now())])


def recent(db, *, email, ip, window):
    """How many failures for this account and for this IP address inside the window."""
    since = iso(now() - window)
    by_email = db.execute(
        "SELECT count(*) FROM sign_in_failures WHERE email = ? AND at > ?",
        [email.strip().lower()[:320], since],
    ).fetchone()[0]
    by_ip = db.execute(
        "SELECT count(*) FROM sign_in_failures WHERE ip = ? AND at > ?", [ip, since]
    ).fetchone()[0]
    return by_email, by_ip


def clear_account(db, email):
    db.execute("DELETE FROM sign_in_failures WHERE email = ?", [email.strip().lower()[:320]])


def prune(db, older_than):
    db.execute("DELETE FROM sign_in_failures WHERE at < ?", [iso(now() - older_than)])
