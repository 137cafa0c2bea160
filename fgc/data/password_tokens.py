"""One-time set-password links. Only the SHA-256 hash of a link's token is stored."""

from . import hash_token, iso, new_token, now


def issue(db, user_id, *, created_by, lifetime):
    """Create a link token, retiring any earlier unused ones for the user."""
    token, token_hash = new_token()
    moment = now()
    db.execute(
        "UPDATE password_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
        [iso(moment), user_id],
    )
    db.execute(
        "INSERT INTO password_tokens (token_hash, user_id, created_by, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [token_hash, user_id, created_by, iso(moment), iso(moment + lifetime)],
    )
    return token, moment + lifetime


def find_usable(db, token):
    """The unused, unexpired token row for an active user, or None."""
    rows = list(db.query(
        "SELECT t.id, t.user_id, t.expires_at, u.email, u.name FROM password_tokens t "
        "JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = ? AND t.used_at IS NULL AND t.expires_at > ? AND u.active = 1",
        [hash_token(token), iso(now())],
    ))
    return rows[0] if rows else None


def use(db, token_id):
    """Mark the token used; False if someone used it first."""
    cursor = db.execute(
        "UPDATE password_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL",
        [iso(now()), token_id],
    )
    return cursor.rowcount == 1


def retire_all_for_user(db, user_id):
    db.execute(
        "UPDATE password_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
        [iso(now()), user_id],
    )
