"""Server-side sign-in sessions: the cookie carries a random token, the table its hash.

A session counts only while its row is open, so ending the row ends the session
wherever the cookie has been copied to; and only once its second factor has been given
(``second_factor_at``): before that it is a password accepted, waiting for the code.
"""

from . import hash_token, iso, new_token, now, parse

# Seen-at times are refreshed at most this often, to spare a write on every request.
TOUCH_EVERY_SECONDS = 60


def start(db, user_id, *, ip, user_agent, second_factor):
    """A new session: whole when ``second_factor`` is True (a signed-in person carrying on), else waiting for it."""
    token, token_hash = new_token()
    stamp = iso(now())
    db.execute(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, ip, user_agent, second_factor_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [token_hash, user_id, stamp, stamp, ip, (user_agent or "")[:300], stamp if second_factor else None],
    )
    return token


def find(db, token, *, waiting=False):
    """The open session for ``token`` joined to its user, or None: a whole one, or with ``waiting`` one still
    waiting for its second factor."""
    rows = list(db.query(
        "SELECT s.id AS session_id, s.created_at, s.last_seen_at, u.id, u.email, u.name, u.role, u.dpo, "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        "u.active FROM sessions s JOIN users u ON u.id = s.user_id "
        f"WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.second_factor_at IS {'' if waiting else 'NOT '}NULL",
        [hash_token(token or "")],
    ))
    if not rows:
        return None
    row = rows[0]
    row["created_at"] = parse(row["created_at"])
    row["last_seen_at"] = parse(row["last_seen_at"])
    return row


def setup_secret(db, session_id):
    """The sealed secret of the authenticator app this waiting sign-in offered to set up, or None."""
    row = db.execute("SELECT setup_secret FROM sessions WHERE id = ? AND ended_at IS NULL", [session_id]).fetchone()
    return row[0] if row else None


def offer_setup_secret(db, session_id, sealed):
    db.execute("UPDATE sessions SET setup_secret = ? WHERE id = ? AND ended_at IS NULL", [sealed, session_id])


def complete(db, session_id):
    """The second factor was given: the session is a whole sign-in from now."""
    stamp = iso(now())
    db.execute("UPDATE sessions SET second_factor_at = ?, last_seen_at = ? WHERE id = ? AND ended_at IS NULL",
               [stamp, stamp, session_id])


def touch(db, session_id, moment):
    db.execute("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL",
               [iso(moment), session_id])


def end(db, session_id, reason):
    """End the session (and forget any secret it offered); True if it was open."""
    cursor = db.execute(
        "UPDATE sessions SET ended_at = ?, end_reason = ?, setup_secret = NULL WHERE id = ? AND ended_at IS NULL",
        [iso(now()), reason, session_id],
    )
    return cursor.rowcount == 1


def end_all_for_user(db, user_id, reason):
    """End every open session of the user; returns how many were open."""
    cursor = db.execute(
        "UPDATE sessions SET ended_at = ?, end_reason = ?, setup_secret = NULL WHERE user_id = ? AND ended_at IS NULL",
        [iso(now()), reason, user_id],
    )
    return cursor.rowcount


def open_count(db, user_id):
    return db.execute(
        "SELECT count(*) FROM sessions WHERE user_id = ? AND ended_at IS NULL", [user_id]
    ).fetchone()[0]
