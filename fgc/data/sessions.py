"""Server-side sign-in sessions: the cookie carries a random token, the table its hash.

A session counts only while its row is open, so ending the row ends the session
wherever the cookie has been copied to.
"""

from . import hash_token, iso, new_token, now, parse

# Seen-at times are refreshed at most this often, to spare a write on every request.
TOUCH_EVERY_SECONDS = 60


def start(db, user_id, *, ip, user_agent):
    token, token_hash = new_token()
    stamp = iso(now())
    db.execute(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, ip, user_agent) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [token_hash, user_id, stamp, stamp, ip, (user_agent or "")[:300]],
    )
    return token


def find(db, token):
    """The open session for ``token`` joined to its user, or None."""
    rows = list(db.query(
        "SELECT s.id AS session_id, s.created_at, s.last_seen_at, u.id, u.email, u.name, u.role, "
        "u.active FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ? AND s.ended_at IS NULL",
        [hash_token(token)],
    ))
    if not rows:
        return None
    row = rows[0]
    row["created_at"] = parse(row["created_at"])
    row["last_seen_at"] = parse(row["last_seen_at"])
    return row


def touch(db, session_id, moment):
    db.execute("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL",
               [iso(moment), session_id])


def end(db, session_id, reason):
    db.execute(
        "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
        [iso(now()), reason, session_id],
    )


def end_all_for_user(db, user_id, reason):
    """End every open session of the user; returns how many were open."""
    cursor = db.execute(
        "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? AND ended_at IS NULL",
        [iso(now()), reason, user_id],
    )
    return cursor.rowcount


def open_count(db, user_id):
    return db.execute(
        "SELECT count(*) FROM sessions WHERE user_id = ? AND ended_at IS NULL", [user_id]
    ).fetchone()[0]
