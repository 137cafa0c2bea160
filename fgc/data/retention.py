"""Retention: which ended cases are due for review, and disposing of one in place.

Disposal keeps each table's rows that counting needs (stage dates, meetings held, who took part and how, outcomes,
scores) and blanks every column that says who anyone is or what they said; rows that are nothing but personal
data (messages, family links and what was done through them, reminder choices, subject access exports, kept PDFs,
background jobs' payloads) go. Each entry of :data:`BLANK` is a table, how its rows belong to a case, and its
personal columns; a test fills every one of them with a marker and checks none survives.
"""

from . import iso, now

ENDED = ("closed", "withdrawn", "declined_by_family")
_PEOPLE = "person_id IN (SELECT id FROM people WHERE case_id = :case)"
_PLANS = "plan_id IN (SELECT id FROM plans WHERE case_id = :case)"

# (table, the rows of the case, {column: what it becomes})
BLANK = [
    ("cases", "id = :case", dict.fromkeys(
        ("urgency_reason", "referrer_name", "referrer_contact", "risk_details", "reason", "decision_sought",
         "cultural_needs", "coordinator_preferences", "manager_name", "closure_notes", "retention_note"), "")),
    ("children", "case_id = :case", {"name": "", "needs": "", "date_of_birth": None}),
    ("pr_holders", "case_id = :case", {"name": "", "relationship": ""}),
    ("stage_changes", "case_id = :case", {"note": ""}),
    ("offers", "case_id = :case", {"exception_reason": "", "exception_decided_by": ""}),
    ("child_outcomes", "case_id = :case", {"notes": ""}),
    ("consents", "case_id = :case", {"given_by": "", "may_share": "", "share_with": "", "withdrawn_by": ""}),
    ("baselines", "case_id = :case", {"attendees": "", "objective": ""}),
    ("baseline_items", "case_id = :case", {"text": ""}),
    ("meetings", "case_id = :case", {"venue": "", "address": "", "access_notes": "", "remote_details": ""}),
    ("meeting_changes", "meeting_id IN (SELECT id FROM meetings WHERE case_id = :case)",
     {"venue": "", "reason": ""}),
    ("people", "case_id = :case", dict.fromkeys(
        ("name", "phone", "email", "address", "needs", "written_views", "exclusion_reason", "exclusion_approved_by"),
        "")),
    ("exclusion_changes", _PEOPLE, {"reason": "", "approved_by": ""}),
    ("relationships", _PEOPLE, {"relationship": ""}),
    ("professionals", "case_id = :case", dict.fromkeys(
        ("name", "role", "contact", "worried", "working_well", "needs_to_happen", "scale_reason", "resources"), "")),
    ("danger_statements", "professional_id IN (SELECT id FROM professionals WHERE case_id = :case)",
     {"danger": "", "safety_goal": ""}),
    ("child_views", "child_id IN (SELECT id FROM children WHERE case_id = :case)",
     {"wishes": "", "gathered_note": "", "advocate_name": ""}),
    ("plans", "case_id = :case", {"contingency": "", "monitoring": "", "returned_reason": "",
                                  "pending_decision": None}),
    ("plan_tasks", _PLANS, {"what": "", "who_other": "", "by_when": "", "checker": ""}),
    ("plan_resources", _PLANS, {"what": "", "detail": "", "sign_off_note": ""}),
    ("plan_item_decisions", _PLANS, {"decision": ""}),
    ("plan_versions", _PLANS, {"content": "{}", "sha256": ""}),
    ("plan_reviews", _PLANS, {"changes": ""}),
    ("plan_review_tasks", "review_id IN (SELECT id FROM plan_reviews WHERE plan_id IN "
                          "(SELECT id FROM plans WHERE case_id = :case))", {"comment": ""}),
]
_LINKS = "link_id IN (SELECT id FROM family_links WHERE case_id = :case)"
# Rows that are nothing but personal data, children before parents.
REMOVE = [
    ("family_sessions", _LINKS),
    ("family_acknowledgements", _LINKS),
    ("family_task_updates", _LINKS),
    ("family_links", "case_id = :case"),
    ("reminder_choices", _PEOPLE),
    ("messages", "case_id = :case"),
    ("subject_access_exports", "case_id = :case"),
    ("kept_pdfs", _PLANS),
    ("plan_pdfs", "version_id IN (SELECT id FROM plan_versions WHERE plan_id IN "
                  "(SELECT id FROM plans WHERE case_id = :case))"),
    ("jobs", "case_id = :case"),
    ("case_search", "rowid = :case"),
]


def reviews(db, *, years, child_age, due_by=None, case_id=None, limit=500):
    """Ended cases not disposed of, with when each ended and its review date, oldest review first: all of them, those
    due on or before ``due_by``, or one case. The review date is the one a manager chose, else ``years`` after the
    case ended or (with ``child_age``) when its youngest child turns ``child_age``, whichever is later."""
    rule = "date(ended_on, :years)"
    if child_age:
        rule = "max(date(ended_on, :years), coalesce(date(youngest_born, :age), ''))"
    review = f"coalesce(retention_review_on, {rule})"
    sql = (
        f"SELECT *, {review} AS review_on FROM ("  # nosec B608 # fixed SQL
        "SELECT c.id, c.reference, c.stage, c.retention_review_on, c.retention_note, "
        "coalesce(c.closed_on, (SELECT substr(max(s.at), 1, 10) FROM stage_changes s WHERE s.case_id = c.id "
        "AND s.to_stage = c.stage)) AS ended_on, "
        "(SELECT max(date_of_birth) FROM children ch WHERE ch.case_id = c.id) AS youngest_born "
        f"FROM cases c WHERE c.stage IN {ENDED} AND c.disposed_at IS NULL"
        f"{' AND c.id = :case' if case_id is not None else ''}) "
        f"WHERE ended_on IS NOT NULL{f' AND {review} <= :due_by' if due_by else ''} "
        "ORDER BY review_on, id LIMIT :limit")
    return [dict(row) for row in db.query(sql, {
        "years": f"+{int(years)} years", "age": f"+{int(child_age or 0)} years", "case": case_id,
        "due_by": due_by.isoformat() if due_by else None, "limit": limit})]


def keep_longer(db, case_id, review_on, note):
    db.execute("UPDATE cases SET retention_review_on = ?, retention_note = ? WHERE id = ? AND disposed_at IS NULL",
               [review_on.isoformat(), note, case_id])


def counts(db, case_id):
    """How many rows of each table the case has, for the audit entry of its disposal."""
    found = {}
    for table, rows, _columns in BLANK:
        found[table] = db.execute(f"SELECT count(*) FROM {table} WHERE {rows}",  # nosec B608 # fixed SQL above
                                  {"case": case_id}).fetchone()[0]
    for table, rows in REMOVE:
        found[table] = db.execute(f"SELECT count(*) FROM {table} WHERE {rows}",  # nosec B608 # fixed SQL above
                                  {"case": case_id}).fetchone()[0]
    return {table: count for table, count in found.items() if count}


def dispose(db, case_id, rule):
    """Mark the case disposed of, keep each child's age at referral, blank what says who anyone is and remove what
    is nothing else. Call inside ``write()``."""
    db.execute("UPDATE cases SET disposed_at = ?, disposed_rule = ? WHERE id = ?", [iso(now()), rule, case_id])
    db.execute("UPDATE children SET age_at_referral = CAST((julianday((SELECT referred_on FROM cases WHERE id = ?)) "
               "- julianday(date_of_birth)) / 365.25 AS INTEGER) WHERE case_id = ? AND date_of_birth IS NOT NULL",
               [case_id, case_id])
    for table, rows in REMOVE:
        db.execute(f"DELETE FROM {table} WHERE {rows}", {"case": case_id})  # nosec B608 # fixed SQL above
    for table, rows, columns in BLANK:
        assignments = ", ".join(f"{column} = :{column}" for column in columns)
        db.execute(f"UPDATE {table} SET {assignments} WHERE {rows}",  # nosec B608 # fixed SQL above
                   dict(columns, case=case_id))
    # The search index keeps deleted words in its segments until they are merged: merge them now.
    db.execute("INSERT INTO case_search (case_search) VALUES ('optimize')")
