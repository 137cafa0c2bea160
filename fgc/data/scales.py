"""0-10 safety scales given at each conference and review by family members, professionals and children."""

from . import iso, now

SOURCES = ("family", "professional", "child")


def for_meeting(db, meeting_id):
    """{(source, source_id): score} for one meeting."""
    return {(row["source"], row["source_id"]): row["score"] for row in
            db.query("SELECT source, source_id, score FROM scales WHERE meeting_id = ?", [meeting_id])}


def save(db, meeting_id, scores, *, user_id):
    """Replace the meeting's scales with ``scores``: {(source, source_id): score or None}."""
    db.execute("DELETE FROM scales WHERE meeting_id = ?", [meeting_id])
    for (source, source_id), score in scores.items():
        if score is not None:
            db.execute("INSERT INTO scales (meeting_id, source, source_id, score, recorded_by, at) "
                       "VALUES (?, ?, ?, ?, ?, ?)", [meeting_id, source, source_id, score, user_id, iso(now())])


def for_case(db, case_id):
    """Every scale on the case's held and scheduled meetings, oldest meeting first."""
    return list(db.query(
        "SELECT s.meeting_id, s.source, s.source_id, s.score, m.kind, m.starts_at FROM scales s "
        "JOIN meetings m ON m.id = s.meeting_id WHERE m.case_id = ? AND m.status != 'cancelled' "
        "ORDER BY m.starts_at, m.id", [case_id]))
