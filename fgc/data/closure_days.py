"""Days the FGC service is closed, on top of weekends and bank holidays."""

import datetime

from . import iso, now


def all_days(db):
    return list(db.query("SELECT * FROM closure_days ORDER BY day"))


def dates(db):
    return [datetime.date.fromisoformat(row[0]) for row in db.execute("SELECT day FROM closure_days")]


def add(db, day, reason, user_id):
    db.execute("INSERT OR REPLACE INTO closure_days (day, reason, created_by, created_at) VALUES (?, ?, ?, ?)",
               [day.isoformat(), reason, user_id, iso(now())])


def remove(db, day):
    cursor = db.execute("DELETE FROM closure_days WHERE day = ?", [day])
    return cursor.rowcount == 1
