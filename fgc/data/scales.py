"""0-10 safety scales given at each conference and review by family members, professionals and children."""

from . import iso, now
from .network import Excluded

# Which table each kind of source lives in, to check it belongs to the case.
_OWNERS = {
    "family": "SELECT excluded FROM people WHERE id = ? AND case_id = ?",
    "professional": "SELECT 0 FROM professionals WHERE id = ? AND case_id = ?",
    "child": "SELECT 0 FROM children WHERE id = ? AND case_id = ?",
}


def for_meeting(db, meeting_id):
    """{(source, source_id): score} for one meeting."""
    return {(row["source"], row["source_id"]): row["score"] for row in
            db.query("SELECT source, source_id, score FROM scales WHERE meeting_id = ?", [meeting_id])}


def save(db, case_id, meeting_id, scores, *, user_id):
    """Set or clear each given score ({(source, source_id): score or None}); others stay as they are.

    Every source must belong to the case, and an excluded person cannot be given a score.
    """
    for (source, source_id), score in scores.items():
        row = db.execute(_OWNERS[source], [source_id, case_id]).fetchone()
        if row is None:
            raise LookupError((source, source_id))
        if score is not None and row[0]:
            raise Excluded(source_id)
        if score is None:
            db.execute("DELETE FROM scales WHERE meeting_id = ? AND source = ? AND source_id = ?",
                       [meeting_id, source, source_id])
        else:
            db.execute(
                "INSERT INTO scales (meeting_id, source, source_id, score, recorded_by, at) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (meeting_id, source, source_id) DO UPDATE SET score = excluded.score, "
                "recorded_by = excluded.recorded_by, at = excluded.at",
                [meeting_id, source, source_id, score, user_id, iso(now())])


def for_case(db, case_id):
    """Every scale on the case's held and scheduled meetings, oldest meeting first.

    Scores from people excluded since are left out: they no longer speak for the family.
    """
    return list(db.query(
        "SELECT s.meeting_id, s.source, s.source_id, s.score, m.kind, m.starts_at FROM scales s "
        "JOIN meetings m ON m.id = s.meeting_id "
        "LEFT JOIN people p ON s.source = 'family' AND p.id = s.source_id "
        "WHERE m.case_id = ? AND m.status != 'cancelled' AND coalesce(p.excluded, 0) = 0 "
        "ORDER BY m.starts_at, m.id", [case_id]))
