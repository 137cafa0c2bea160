"""What fgc holds about one network member or child, read for a subject access export, and the exports made."""

import json

from . import iso, now


def _rows(db, sql, params):
    return [dict(row) for row in db.query(sql, params)]


def person(db, person_id):
    rows = _rows(db, "SELECT p.*, c.reference, c.coordinator_id FROM people p JOIN cases c ON c.id = p.case_id "
                     "WHERE p.id = ?", [person_id])
    return rows[0] if rows else None


def child(db, child_id):
    rows = _rows(db, "SELECT ch.*, c.reference, c.coordinator_id, c.created_by, c.referred_on FROM children ch "
                     "JOIN cases c ON c.id = ch.case_id WHERE ch.id = ?", [child_id])
    return rows[0] if rows else None


def relationships_of_person(db, person_id):
    return _rows(db, "SELECT ch.name AS child, r.relationship FROM relationships r JOIN children ch "
                     "ON ch.id = r.child_id WHERE r.person_id = ? ORDER BY ch.id", [person_id])


def relationships_of_child(db, child_id):
    return _rows(db, "SELECT p.name AS person, r.relationship, p.excluded FROM relationships r JOIN people p "
                     "ON p.id = r.person_id WHERE r.child_id = ? ORDER BY p.id", [child_id])


def exclusion_changes(db, person_id):
    return _rows(db, "SELECT e.change, e.reason, e.approved_by, e.at, u.name AS recorded_by FROM exclusion_changes e "
                     "JOIN users u ON u.id = e.user_id WHERE e.person_id = ? ORDER BY e.at", [person_id])


def attendance(db, person_id):
    return _rows(db, "SELECT m.kind, m.starts_at, a.mode, a.at, u.name AS recorded_by FROM attendance a "
                     "JOIN meetings m ON m.id = a.meeting_id JOIN users u ON u.id = a.recorded_by "
                     "WHERE a.person_id = ? ORDER BY m.starts_at", [person_id])


def all_tasks(db, case_id):
    return _rows(db, "SELECT t.what, t.who_people, t.who_other, t.by_date, t.by_when, t.status, t.updated_at, "
                     "u.name AS updated_by FROM plan_tasks t JOIN plans p ON p.id = t.plan_id JOIN users u "
                     "ON u.id = t.updated_by WHERE p.case_id = ? ORDER BY t.position", [case_id])


def tasks_naming(db, case_id, person_id):
    """The plan tasks (of the case's current plan) that name the person among who does them."""
    return [row for row in all_tasks(db, case_id) if person_id in json.loads(row["who_people"] or "[]")]


def links(db, person_id):
    return _rows(db, "SELECT l.id, l.created_at, l.expires_at, l.revoked_at, l.revoked_reason, l.last_viewed_at, "
                     "l.view_count, l.pin_hash IS NOT NULL AS has_pin, u.name AS created_by FROM family_links l "
                     "JOIN users u ON u.id = l.created_by WHERE l.person_id = ? ORDER BY l.id", [person_id])


def family_activity(db, person_id):
    """What the person did through their links: plans they said they had read, and task updates in their words."""
    read = _rows(db, "SELECT a.number, a.at FROM family_acknowledgements a JOIN family_links l ON l.id = a.link_id "
                     "WHERE l.person_id = ? ORDER BY a.at", [person_id])
    updates = _rows(db, "SELECT f.number, f.task_key, f.done, f.note, f.at FROM family_task_updates f "
                        "JOIN family_links l ON l.id = f.link_id WHERE l.person_id = ? ORDER BY f.at", [person_id])
    return read, updates


def messages_to(db, person_id):
    return _rows(db, "SELECT kind, channel, address, language, status, status_reason, queued_at, finished_at "
                     "FROM messages WHERE person_id = ? ORDER BY id", [person_id])


def reminder_choices(db, person_id):
    return _rows(db, "SELECT r.choice, r.channel, r.asked, r.source, r.at, u.name AS recorded_by "
                     "FROM reminder_choices r LEFT JOIN users u ON u.id = r.recorded_by WHERE r.person_id = ? "
                     "ORDER BY r.id", [person_id])


def scales(db, source, source_id):
    """The 0 to 10 scores a family member (``source`` "family") or a child ("child") gave at meetings."""
    return _rows(db, "SELECT s.score, m.kind, m.starts_at, s.at, u.name AS recorded_by FROM scales s "
                     "JOIN meetings m ON m.id = s.meeting_id JOIN users u ON u.id = s.recorded_by "
                     "WHERE s.source = ? AND s.source_id = ? ORDER BY m.starts_at", [source, source_id])


def child_views(db, child_id):
    rows = _rows(db, "SELECT * FROM child_views WHERE child_id = ?", [child_id])
    return rows[0] if rows else None


def outcomes(db, child_id):
    """The child's outcomes at closure and the follow-ups, with who recorded each."""
    return _rows(db, "SELECT o.point, o.known_on, o.living_with, o.arrangement, o.proceedings, o.legal_order, "
                     "o.notes, u.name AS recorded_by FROM child_outcomes o JOIN users u ON u.id = o.recorded_by "
                     "WHERE o.child_id = ? ORDER BY o.known_on, o.id", [child_id])


def referral(db, case_id):
    rows = _rows(db, "SELECT c.reference, c.referred_on, c.legal_status, c.reason, c.decision_sought, "
                     "c.current_risks, c.past_risks, c.risk_details, c.referrer_name, c.referrer_organisation, "
                     "u.name AS created_by FROM cases c JOIN users u ON u.id = c.created_by WHERE c.id = ?", [case_id])
    return rows[0] if rows else None


def add_export(db, *, kind, subject_id, case_id, content, by):
    cursor = db.execute(
        "INSERT INTO subject_access_exports (subject_kind, subject_id, case_id, content, requested_by, requested_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [kind, subject_id, case_id, json.dumps(content, ensure_ascii=False, sort_keys=True), by, iso(now())])
    return cursor.lastrowid


def export(db, export_id):
    rows = _rows(db, "SELECT e.id, e.subject_kind, e.subject_id, e.case_id, e.content, e.pdf IS NOT NULL AS has_pdf, "
                     "e.pdf_at, e.requested_at, e.requested_by, u.name AS requested_by_name "
                     "FROM subject_access_exports e JOIN users u ON u.id = e.requested_by WHERE e.id = ?", [export_id])
    if not rows:
        return None
    return dict(rows[0], content=json.loads(rows[0]["content"]))


def export_pdf(db, export_id):
    row = db.execute("SELECT pdf FROM subject_access_exports WHERE id = ?", [export_id]).fetchone()
    return bytes(row[0]) if row and row[0] is not None else None


def keep_pdf(db, export_id, pdf):
    db.execute("UPDATE subject_access_exports SET pdf = ?, pdf_at = ? WHERE id = ? AND pdf IS NULL",
               [pdf, iso(now()), export_id])


def exports_about(db, kind, subject_id):
    return _rows(db, "SELECT e.id, e.requested_at, u.name AS requested_by FROM subject_access_exports e "
                     "JOIN users u ON u.id = e.requested_by WHERE e.subject_kind = ? AND e.subject_id = ? "
                     "ORDER BY e.id DESC", [kind, subject_id])
