"""The background job queue (table ``jobs``) and the PDFs kept from its renders (``kept_pdfs``).

Rules (what may be retried, how long a lease lasts) are in ``fgc.domain.jobs``; this is the SQL.
"""

import json

from . import iso

COLUMNS = ("id, kind, key, payload, state, attempts, max_attempts, run_after, lease_until, worker, last_error, "
           "case_id, requested_by, created_at, updated_at, finished_at")


def _row(row):
    return None if row is None else dict(row, payload=json.loads(row["payload"]))


def live(db, key):
    """The job waiting or running for ``key``, or None."""
    rows = db.query(f"SELECT {COLUMNS} FROM jobs WHERE key = ? AND state IN ('queued', 'running')", [key])  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
    return _row(next(iter(rows), None))


def latest(db, key):
    """The newest job for ``key`` in any state, or None."""
    rows = db.query(f"SELECT {COLUMNS} FROM jobs WHERE key = ? ORDER BY id DESC LIMIT 1", [key])  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
    return _row(next(iter(rows), None))


def get(db, job_id):
    return _row(next(iter(db.query(f"SELECT {COLUMNS} FROM jobs WHERE id = ?", [job_id])), None))  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound


def add(db, *, kind, key, payload, max_attempts, run_after, case_id, requested_by, at):
    """A queued job; returns its id. Call inside a write transaction (the caller's)."""
    cursor = db.execute(
        "INSERT INTO jobs (kind, key, payload, state, max_attempts, run_after, case_id, requested_by, "
        "created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)",
        [kind, key, json.dumps(payload, ensure_ascii=False, sort_keys=True), max_attempts, iso(run_after),
         case_id, requested_by, iso(at), iso(at)])
    return cursor.lastrowid


def claim(db, *, worker, at, lease_until):
    """Take the next job that is due, or whose worker's lease ran out, for ``worker``; None if there is none.

    Counts the attempt. Call inside a write transaction, so two workers never take the same job.
    """
    now = iso(at)
    row = db.execute(
        "SELECT id FROM jobs WHERE state = 'queued' AND run_after <= ? "
        "UNION ALL SELECT id FROM jobs WHERE state = 'running' AND lease_until < ? LIMIT 1", [now, now]).fetchone()
    if row is None:
        return None
    db.execute("UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_until = ?, worker = ?, "
               "updated_at = ? WHERE id = ?", [iso(lease_until), worker, now, row[0]])
    return get(db, row[0])


def lease(db, job_id, *, until):
    db.execute("UPDATE jobs SET lease_until = ? WHERE id = ?", [iso(until), job_id])


def finish(db, job_id, *, at):
    """The job is done; its payload (which may hold what was printed) is no longer kept."""
    db.execute("UPDATE jobs SET state = 'done', payload = '{}', lease_until = NULL, updated_at = ?, finished_at = ? "
               "WHERE id = ?", [iso(at), iso(at), job_id])


def retry(db, job_id, *, error, run_after, at):
    db.execute("UPDATE jobs SET state = 'queued', last_error = ?, run_after = ?, lease_until = NULL, worker = NULL, "
               "updated_at = ? WHERE id = ?", [error, iso(run_after), iso(at), job_id])


def postpone(db, job_id, *, run_after, at):
    """Put a job back to wait until ``run_after`` without counting the attempt it was claimed for."""
    db.execute("UPDATE jobs SET state = 'queued', attempts = max(attempts - 1, 0), run_after = ?, lease_until = NULL, "
               "worker = NULL, updated_at = ? WHERE id = ?", [iso(run_after), iso(at), job_id])


def fail(db, job_id, *, error, at, attempts=None):
    """The job has failed for good. ``attempts`` corrects the count when the last claim found it over its limit."""
    db.execute("UPDATE jobs SET state = 'failed', payload = '{}', last_error = ?, lease_until = NULL, "
               "attempts = coalesce(?, attempts), updated_at = ?, finished_at = ? WHERE id = ?",
               [error, attempts, iso(at), iso(at), job_id])


def counts(db):
    """How many jobs are in each state."""
    return {row[0]: row[1] for row in db.execute("SELECT state, count(*) FROM jobs GROUP BY state")}


def recent_failures(db, *, limit=50):
    return [_row(row) for row in db.query(
        f"SELECT {COLUMNS} FROM jobs WHERE state = 'failed' ORDER BY finished_at DESC, id DESC LIMIT ?", [limit])]  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound


def prune(db, *, done_before, failed_before):
    """Forget finished jobs: done ones after a day, failed ones after longer (the admin page lists them)."""
    cursor = db.execute("DELETE FROM jobs WHERE (state = 'done' AND finished_at < ?) OR "
                        "(state = 'failed' AND finished_at < ?)", [iso(done_before), iso(failed_before)])
    return cursor.rowcount


# --- kept PDFs --------------------------------------------------------------------------------------


def kept_pdf(db, key):
    row = db.execute("SELECT pdf FROM kept_pdfs WHERE key = ?", [key]).fetchone()
    return None if row is None else bytes(row[0])


def keep_pdf(db, *, key, kind, plan_id, language, pdf, generated_by, at):
    """Keep ``pdf`` under ``key``, replacing the copy kept for the same plan, kind and language before."""
    db.execute("DELETE FROM kept_pdfs WHERE plan_id = ? AND kind = ? AND language = ? AND key != ?",
               [plan_id, kind, language, key])
    db.execute("INSERT OR IGNORE INTO kept_pdfs (key, kind, plan_id, language, pdf, generated_by, generated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)", [key, kind, plan_id, language, pdf, generated_by, iso(at)])
