"""Staff accounts' second factor: the authenticator app's secret (kept encrypted by the caller), the last code
step accepted, and single-use recovery codes (kept as argon2 hashes)."""

from . import iso, now


def get(db, user_id):
    row = db.execute("SELECT totp_secret, totp_confirmed_at, totp_last_step FROM users WHERE id = ?",
                     [user_id]).fetchone()
    return {"secret": row[0], "confirmed_at": row[1], "last_step": row[2]} if row else None


def set_unconfirmed_secret(db, user_id, encrypted):
    db.execute("UPDATE users SET totp_secret = ?, totp_confirmed_at = NULL, totp_last_step = NULL WHERE id = ?",
               [encrypted, user_id])


def set_up(db, user_id, encrypted, step):
    """A newly set-up app becomes the account's. The caller checks, in the same transaction, that it has none."""
    db.execute("UPDATE users SET totp_secret = ?, totp_confirmed_at = ?, totp_last_step = ? WHERE id = ?",
               [encrypted, iso(now()), step, user_id])


def confirm(db, user_id, step):
    db.execute("UPDATE users SET totp_confirmed_at = ?, totp_last_step = ? WHERE id = ?", [iso(now()), step, user_id])


def use_step(db, user_id, step):
    """Accept a code's step once: True unless that step (or a later one) was accepted before."""
    cursor = db.execute("UPDATE users SET totp_last_step = ? WHERE id = ? AND "
                        "(totp_last_step IS NULL OR totp_last_step < ?)", [step, user_id, step])
    return cursor.rowcount == 1


def clear(db, user_id):
    db.execute("UPDATE users SET totp_secret = NULL, totp_confirmed_at = NULL, totp_last_step = NULL WHERE id = ?",
               [user_id])
    db.execute("DELETE FROM recovery_codes WHERE user_id = ?", [user_id])


def replace_recovery_codes(db, user_id, hashes):
    db.execute("DELETE FROM recovery_codes WHERE user_id = ?", [user_id])
    stamp = iso(now())
    for code_hash in hashes:
        db.execute("INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)",
                   [user_id, code_hash, stamp])


def unused_recovery_codes(db, user_id):
    return [tuple(row) for row in db.execute(
        "SELECT id, code_hash FROM recovery_codes WHERE user_id = ? AND used_at IS NULL ORDER BY id", [user_id])]


def use_recovery_code(db, code_id):
    """Spend a code once: True unless it was spent already."""
    cursor = db.execute("UPDATE recovery_codes SET used_at = ? WHERE id = ? AND used_at IS NULL", [iso(now()), code_id])
    return cursor.rowcount == 1


def recovery_codes_left(db, user_id):
    return db.execute("SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
                      [user_id]).fetchone()[0]


def ready(db, user_id):
    """Whether the account has a confirmed authenticator app."""
    found = get(db, user_id)
    return bool(found and found["secret"] and found["confirmed_at"])
