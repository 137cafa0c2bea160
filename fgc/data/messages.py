"""Messages (table ``messages``) and task-reminder choices (``reminder_choices``).

The rules (who may be sent what, quiet hours, retries) are in ``fgc.domain.messages``; this is the SQL.
"""

import json

from . import iso

PAGE_SIZE = 50
COLUMNS = ("m.id, m.case_id, m.kind, m.audience, m.channel, m.person_id, m.professional_id, m.user_id, m.meeting_id, "
           "m.address, "
           "m.language, m.personalisation, m.secret, m.calendar, m.status, m.status_reason, m.gateway, "
           "m.gateway_id, m.reference, m.dedupe, m.attempts, m.send_after, m.queued_by, m.queued_at, m.sent_at, "
           "m.finished_at, m.updated_at")
# Who it went to, by name as the record says now, and the case's reference.
NAMES = ("COALESCE(p.name, pr.name, u.name, '') AS recipient_name, c.reference AS case_reference, "
         "q.name AS queued_by_name")
JOINS = ("LEFT JOIN people p ON p.id = m.person_id LEFT JOIN professionals pr ON pr.id = m.professional_id "
         "LEFT JOIN users u ON u.id = m.user_id LEFT JOIN cases c ON c.id = m.case_id "
         "LEFT JOIN users q ON q.id = m.queued_by")
OPEN = ("queued", "sending")


def _row(row):
    if row is None:
        return None
    found = dict(row)
    found["personalisation"] = json.loads(found["personalisation"])
    found["secret"] = json.loads(found["secret"]) if found["secret"] else None
    return found


def add(db, *, case_id, kind, audience, channel, address, language, personalisation, secret, calendar, reference,
        dedupe, send_after, queued_by, at, person_id=None, professional_id=None, user_id=None, meeting_id=None):
    """A queued message; returns its id, or None when ``dedupe`` says it was queued before. Inside a write
    transaction (the caller's)."""
    cursor = db.execute(
        "INSERT INTO messages (case_id, kind, audience, channel, person_id, professional_id, user_id, meeting_id, "
        "address, language, personalisation, secret, calendar, reference, dedupe, send_after, queued_by, queued_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe) DO NOTHING",
        [case_id, kind, audience, channel, person_id, professional_id, user_id, meeting_id, address, language,
         json.dumps(personalisation, ensure_ascii=False, sort_keys=True),
         json.dumps(secret, ensure_ascii=False) if secret else None, calendar, reference, dedupe, iso(send_after),
         queued_by, iso(at), iso(at)])
    return cursor.lastrowid if cursor.rowcount else None


def get(db, message_id):
    rows = db.query(f"SELECT {COLUMNS}, {NAMES} FROM messages m {JOINS} WHERE m.id = ?", [message_id])  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
    return _row(next(iter(rows), None))


def for_case(db, case_id, *, page=1, size=PAGE_SIZE):
    """A page of the case's messages, newest first, and how many there are in all."""
    rows = [_row(row) for row in db.query(
        f"SELECT {COLUMNS}, {NAMES} FROM messages m {JOINS} WHERE m.case_id = ? ORDER BY m.id DESC LIMIT ? OFFSET ?",  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        [case_id, size, (page - 1) * size])]
    total = db.execute("SELECT count(*) FROM messages WHERE case_id = ?", [case_id]).fetchone()[0]
    return rows, total


def for_service(db, *, status=None, page=1, size=PAGE_SIZE):
    """A page of every message (optionally in one status), newest first, and how many there are."""
    where, params = ("WHERE m.status = ?", [status]) if status else ("", [])
    rows = [_row(row) for row in db.query(
        f"SELECT {COLUMNS}, {NAMES} FROM messages m {JOINS} {where} ORDER BY m.id DESC LIMIT ? OFFSET ?",  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        [*params, size, (page - 1) * size])]
    total = db.execute(f"SELECT count(*) FROM messages m {where}", params).fetchone()[0]  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
    return rows, total


def sending(db, message_id, *, at):
    """Mark a queued message as being sent (counting the attempt); False if it is no longer waiting."""
    cursor = db.execute(
        "UPDATE messages SET status = 'sending', attempts = attempts + 1, updated_at = ? "
        "WHERE id = ? AND status IN ('queued', 'sending')", [iso(at), message_id])
    return cursor.rowcount == 1


def delay(db, message_id, *, until, reason, at):
    """Still waiting: to be tried again (``reason`` says why) or held back until ``until``."""
    db.execute("UPDATE messages SET status = 'queued', status_reason = ?, send_after = ?, updated_at = ? "
               "WHERE id = ? AND status IN ('queued', 'sending')", [reason, iso(until), iso(at), message_id])


def sent(db, message_id, *, status, gateway, gateway_id, reason, at):
    """Handed over (``sent``), or kept on this machine (``kept``): the secret goes."""
    db.execute(
        "UPDATE messages SET status = ?, gateway = ?, gateway_id = ?, status_reason = ?, secret = NULL, sent_at = ?, "
        "finished_at = CASE WHEN ? = 'sent' THEN NULL ELSE ? END, updated_at = ? "
        "WHERE id = ? AND status IN ('queued', 'sending')",
        [status, gateway, gateway_id, reason, iso(at), status, iso(at), iso(at), message_id])


def finish(db, message_id, *, status, reason, at, only_from=OPEN):
    """The end of a message's road: delivered, failed or cancelled. Returns whether it changed."""
    marks = ", ".join("?" for _ in only_from)
    cursor = db.execute(
        f"UPDATE messages SET status = ?, status_reason = ?, secret = NULL, finished_at = ?, updated_at = ? "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        f"WHERE id = ? AND status IN ({marks})", [status, reason, iso(at), iso(at), message_id, *only_from])
    return cursor.rowcount == 1


def cancel_for_case(db, case_id, *, reason, at):
    """Stop every message waiting to go to the family or professionals of a case. Returns their ids."""
    ids = [row[0] for row in db.execute(
        "SELECT id FROM messages WHERE case_id = ? AND audience IN ('family', 'professional') "
        "AND status IN ('queued', 'sending')", [case_id])]
    for message_id in ids:
        finish(db, message_id, status="cancelled", reason=reason, at=at)
    return ids


def counts_by_status(db, case_id):
    return {row[0]: row[1] for row in db.execute(
        "SELECT status, count(*) FROM messages WHERE case_id = ? GROUP BY status", [case_id])}


# Task reminders: who chose them

def record_choice(db, person_id, *, choice, channel, asked, recorded_by, source, at):
    db.execute("INSERT INTO reminder_choices (person_id, choice, channel, asked, recorded_by, source, at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)", [person_id, choice, channel, asked, recorded_by, source, iso(at)])


def choice(db, person_id):
    """The reminder choice in force for a person (the newest), or None if none was ever recorded."""
    rows = db.query("SELECT r.*, u.name AS recorded_by_name FROM reminder_choices r "
                    "LEFT JOIN users u ON u.id = r.recorded_by WHERE r.person_id = ? ORDER BY r.id DESC LIMIT 1",
                    [person_id])
    return next(iter(rows), None)


def choices_for_case(db, case_id):
    """{person id: the choice in force} for everyone on a case who ever made one."""
    rows = db.query(
        "SELECT r.*, u.name AS recorded_by_name FROM reminder_choices r JOIN people p ON p.id = r.person_id "
        "LEFT JOIN users u ON u.id = r.recorded_by WHERE p.case_id = ? AND r.id = "
        "(SELECT max(id) FROM reminder_choices WHERE person_id = r.person_id)", [case_id])
    return {row["person_id"]: row for row in rows}


def opted_in(db):
    """Everyone whose reminder choice in force is 'in', with their case: (person id, case id, channel)."""
    return list(db.query(
        "SELECT r.person_id, p.case_id, r.channel FROM reminder_choices r JOIN people p ON p.id = r.person_id "
        "WHERE r.choice = 'in' AND r.id = (SELECT max(id) FROM reminder_choices WHERE person_id = r.person_id)"))


def told_about_meeting(db, meeting_id):
    """{("person"|"professional", id)} already sent (or sending) an invitation or change for a meeting."""
    rows = db.execute(
        "SELECT person_id, professional_id FROM messages WHERE meeting_id = ? "
        "AND kind IN ('meeting_invitation', 'meeting_changed') AND status NOT IN ('cancelled', 'failed')",
        [meeting_id])
    return {("person", row[0]) if row[0] is not None else ("professional", row[1]) for row in rows}


def tasks_due_for_reminders(db, *, start, end):
    """Tasks of agreed plans due between ``start`` and ``end`` (ISO dates), not done, of people who chose reminders,
    on cases still open: (task id, by_date, person id, case id, channel)."""
    return list(db.query(
        "SELECT t.id AS task_id, t.by_date, p.id AS person_id, p.case_id, r.channel "
        "FROM reminder_choices r JOIN people p ON p.id = r.person_id JOIN plans pl ON pl.case_id = p.case_id "
        "JOIN cases c ON c.id = p.case_id JOIN plan_tasks t ON t.plan_id = pl.id "
        "WHERE r.choice = 'in' AND r.id = (SELECT max(id) FROM reminder_choices WHERE person_id = r.person_id) "
        "AND pl.status = 'agreed' AND c.stage NOT IN ('closed', 'withdrawn') AND p.excluded = 0 "
        "AND t.status != 'done' AND t.by_date BETWEEN ? AND ? "
        "AND EXISTS (SELECT 1 FROM json_each(t.who_people) WHERE value = p.id) ORDER BY t.id, p.id",
        [start, end]))


def reviews_due_for_reminders(db, *, start, end):
    """Plans whose review date is between ``start`` and ``end`` on open cases with a coordinator: (plan id, case
    id, review_on, coordinator id, whether a review meeting is arranged)."""
    return list(db.query(
        "SELECT pl.id AS plan_id, pl.case_id, pl.review_on, c.coordinator_id, EXISTS (SELECT 1 FROM meetings m "
        "WHERE m.case_id = pl.case_id AND m.kind = 'review' AND m.status = 'scheduled') AS review_meeting "
        "FROM plans pl JOIN cases c ON c.id = pl.case_id WHERE pl.review_on BETWEEN ? AND ? "
        "AND c.stage NOT IN ('closed', 'withdrawn', 'draft') AND c.coordinator_id IS NOT NULL ORDER BY pl.id",
        [start, end]))
