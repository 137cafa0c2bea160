"""Private links that let a family member read their plan: the links, the short-lived sessions their
tokens are exchanged for, PIN checks, acknowledgements, task updates and misses by unknown tokens.

Only hashes of tokens are stored. Nobody excluded can hold a link (the data layer asks
``network.may_receive`` and the schema refuses too), and excluding a person ends their links.
"""

import hmac
import secrets

from . import hash_token, iso, now, parse
from .network import may_receive

PIN_ATTEMPTS = 5


class LinkRefused(Exception):
    """This link cannot be made; the message says why in plain words."""


def new_link_token():
    """128 random bits as a short URL-safe token (22 characters), and the hash that is all we keep."""
    token = secrets.token_urlsafe(16)
    return token, hash_token(token)


def create(db, case_id, person_id, *, expires_at, pin_hash, user_id, consent_withdrawn):
    """Make a link for a person on the case. Returns (link id, token): the token is never stored."""
    if consent_withdrawn:
        raise LinkRefused("Consent has been withdrawn, so nobody on this case can be sent a link")
    may_receive(db, case_id, person_id)  # raises Excluded
    token, token_hash = new_link_token()
    cursor = db.execute(
        "INSERT INTO family_links (case_id, person_id, token_hash, pin_hash, created_by, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", [case_id, person_id, token_hash, pin_hash, user_id, iso(now()), expires_at])
    return cursor.lastrowid, token


def for_case(db, case_id):
    """Every link on the case, newest first, with the person's name and who made it."""
    return [dict(row) for row in db.query(
        "SELECT l.*, p.name AS person_name, p.excluded AS person_excluded, u.name AS created_by_name "
        "FROM family_links l JOIN people p ON p.id = l.person_id JOIN users u ON u.id = l.created_by "
        "WHERE l.case_id = ? ORDER BY l.id DESC", [case_id])]


def get(db, case_id, link_id):
    rows = list(db.query("SELECT l.*, p.name AS person_name FROM family_links l JOIN people p ON p.id = l.person_id "
                         "WHERE l.case_id = ? AND l.id = ?", [case_id, link_id]))
    return dict(rows[0]) if rows else None


def by_token(db, token):
    """The link a token opens, or None. The lookup is by hash; the hashes are compared again in constant time."""
    token_hash = hash_token(token)
    rows = list(db.query("SELECT * FROM family_links WHERE token_hash = ?", [token_hash]))
    if not rows or not hmac.compare_digest(rows[0]["token_hash"], token_hash):
        return None
    return dict(rows[0])


def state(link, moment=None):
    """'open', 'revoked' or 'expired'."""
    if link["revoked_at"]:
        return "revoked"
    if parse(link["expires_at"]) <= (moment or now()):
        return "expired"
    return "open"


def revoke(db, case_id, link_id, *, user_id, reason="revoked"):
    cursor = db.execute("UPDATE family_links SET revoked_at = ?, revoked_by = ?, revoked_reason = ? "
                        "WHERE case_id = ? AND id = ? AND revoked_at IS NULL",
                        [iso(now()), user_id, reason, case_id, link_id])
    return cursor.rowcount == 1


def record_view(db, link_id):
    db.execute("UPDATE family_links SET view_count = view_count + 1, last_viewed_at = ? WHERE id = ?",
               [iso(now()), link_id])


# PINs

def record_pin_result(db, link_id, ok):
    """Count a PIN attempt. Returns True if the link is locked now: a right PIN never unlocks it."""
    if ok:
        db.execute("UPDATE family_links SET pin_failures = 0 WHERE id = ? AND pin_locked_at IS NULL", [link_id])
    else:
        db.execute("UPDATE family_links SET pin_failures = pin_failures + 1, "
                   "pin_locked_at = CASE WHEN pin_failures + 1 >= ? THEN ? ELSE pin_locked_at END WHERE id = ?",
                   [PIN_ATTEMPTS, iso(now()), link_id])
    row = db.execute("SELECT pin_locked_at FROM family_links WHERE id = ?", [link_id]).fetchone()
    return row[0] is not None


def unlock_pin(db, case_id, link_id, pin_hash):
    """The coordinator sets a new PIN (after a lock-out, say), which also clears the count. A revoked or expired
    link takes none: returns whether it did."""
    cursor = db.execute("UPDATE family_links SET pin_hash = ?, pin_failures = 0, pin_locked_at = NULL "
                        "WHERE case_id = ? AND id = ? AND revoked_at IS NULL AND expires_at > ?",
                        [pin_hash, case_id, link_id, iso(now())])
    return cursor.rowcount == 1


# Sessions: the cookie a token is exchanged for

def start_session(db, link_id, lifetime):
    token = secrets.token_urlsafe(32)
    token_hash = hash_token(token)
    stamp = now()
    db.execute("INSERT INTO family_sessions (link_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
               [link_id, token_hash, iso(stamp), iso(stamp + lifetime)])
    return token


def session(db, token):
    """(session, link) for a cookie token still in date, else None."""
    if not token:
        return None
    token_hash = hash_token(token)
    rows = list(db.query("SELECT * FROM family_sessions WHERE token_hash = ?", [token_hash]))
    if not rows or not hmac.compare_digest(rows[0]["token_hash"], token_hash):
        return None
    found = dict(rows[0])
    if parse(found["expires_at"]) <= now():
        return None
    link = dict(next(iter(db.query("SELECT * FROM family_links WHERE id = ?", [found["link_id"]]))))
    return found, link


def pass_pin(db, session_id):
    db.execute("UPDATE family_sessions SET pin_passed = 1 WHERE id = ?", [session_id])


def end_session(db, token):
    db.execute("DELETE FROM family_sessions WHERE token_hash = ?", [hash_token(token)])


# What the family says

def acknowledge(db, link_id, plan_id, number):
    db.execute("INSERT INTO family_acknowledgements (link_id, plan_id, number, at) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (link_id, plan_id, number) DO NOTHING", [link_id, plan_id, number, iso(now())])


def acknowledgement(db, link_id, plan_id, number):
    row = db.execute("SELECT at FROM family_acknowledgements WHERE link_id = ? AND plan_id = ? AND number = ?",
                     [link_id, plan_id, number]).fetchone()
    return row[0] if row else None


def add_task_update(db, link_id, plan_id, number, task_key, *, done, note):
    db.execute("INSERT INTO family_task_updates (link_id, plan_id, number, task_key, done, note, at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)", [link_id, plan_id, number, task_key, 1 if done else 0, note,
                                                iso(now())])


def task_updates(db, plan_id):
    """Every update the family gave on the plan's tasks, newest first, with who gave it."""
    return [dict(row) for row in db.query(
        "SELECT t.*, p.name AS person_name FROM family_task_updates t JOIN family_links l ON l.id = t.link_id "
        "JOIN people p ON p.id = l.person_id WHERE t.plan_id = ? ORDER BY t.id DESC", [plan_id])]


def acknowledgements(db, plan_id):
    return [dict(row) for row in db.query(
        "SELECT a.*, p.name AS person_name FROM family_acknowledgements a JOIN family_links l ON l.id = a.link_id "
        "JOIN people p ON p.id = l.person_id WHERE a.plan_id = ? ORDER BY a.id DESC", [plan_id])]


# Unknown tokens

def record_miss(db, ip_key):
    db.execute("INSERT INTO family_link_misses (ip_key, at) VALUES (?, ?)", [ip_key, iso(now())])


def misses(db, ip_key, window):
    return db.execute("SELECT count(*) FROM family_link_misses WHERE ip_key = ? AND at > ?",
                      [ip_key, iso(now() - window)]).fetchone()[0]


def prune_misses(db, older_than):
    db.execute("DELETE FROM family_link_misses WHERE at < ?", [iso(now() - older_than)])

