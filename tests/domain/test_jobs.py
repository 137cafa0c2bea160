"""The background job queue: jobs exist exactly when the change that caused them does, run once each, are tried
again after a failure or a dead worker, and end failed (with why) rather than lost."""

import datetime
import threading

import pytest

from fgc.data import jobs as job_data
from fgc.data import now
from fgc.db import connect, write
from fgc.domain import jobs

DONE = []
FAILED = []
WAITED = set()


@pytest.fixture(autouse=True)
def kinds():
    """Work of the tests' own: record that the job ran; fail on request."""
    DONE.clear()

    def record(db, job):
        if job["payload"].get("later") and job["id"] not in WAITED:
            WAITED.add(job["id"])
            raise jobs.Later(now() + datetime.timedelta(hours=1))
        if job["payload"].get("fail") == "permanent":
            raise jobs.Permanent("there is nothing to print")
        if job["payload"].get("fail"):
            raise OSError("the gateway timed out")
        DONE.append(job["payload"]["n"])

    def failed(db, job, why):
        FAILED.append((job["payload"].get("n"), why, db.conn.in_transaction))

    FAILED.clear()
    jobs.kind("test.record", attempts=3, backoff=(10, 60), on_failure=failed)(record)
    yield
    del jobs.KINDS["test.record"]


def overdue(db, job_id):
    """Time passes: the job's wait before trying again is over."""
    with write(db):
        db.execute("UPDATE jobs SET run_after = '2000-01-01' WHERE id = ?", [job_id])


def test_a_job_exists_only_if_the_change_that_queued_it_was_saved(db):
    with pytest.raises(RuntimeError), write(db):
        jobs.enqueue(db, "test.record", {"n": 1})
        raise RuntimeError("the change failed after queueing its job")
    assert job_data.counts(db) == {}
    with write(db):
        jobs.enqueue(db, "test.record", {"n": 2})
    assert jobs.run_next(db, "w")["state"] == "done" and DONE == [2]
    assert jobs.run_next(db, "w") is None, "each job runs once"


def test_one_job_at_a_time_per_key(db):
    first = jobs.enqueue(db, "test.record", {"n": 1}, key="same")
    assert jobs.enqueue(db, "test.record", {"n": 2}, key="same")["id"] == first["id"]
    jobs.run_next(db, "w")
    again = jobs.enqueue(db, "test.record", {"n": 3}, key="same")
    assert again["id"] != first["id"], "once done, the same key may be queued again"
    assert DONE == [1]


def test_a_failure_is_tried_again_after_a_growing_wait_then_reported(db, caplog):
    job = jobs.enqueue(db, "test.record", {"n": 1, "fail": True})
    before = now()
    first = jobs.run_next(db, "w")
    assert first["state"] == "queued" and first["attempts"] == 1 and first["last_error"] == "OSError: the gateway timed out"
    wait = datetime.datetime.fromisoformat(first["run_after"]) - before
    assert datetime.timedelta(seconds=10) <= wait < datetime.timedelta(seconds=12)
    assert jobs.run_next(db, "w") is None, "not before its wait is over"
    overdue(db, job["id"])
    second = jobs.run_next(db, "w")
    assert second["attempts"] == 2
    assert datetime.datetime.fromisoformat(second["run_after"]) - now() > datetime.timedelta(seconds=55)
    overdue(db, job["id"])
    third = jobs.run_next(db, "w")
    assert third["state"] == "failed" and third["attempts"] == 3 and third["finished_at"]
    assert third["payload"] == {}, "what it held is not kept once it has ended"
    assert "failed after 3 attempt(s): OSError: the gateway timed out" in caplog.text
    assert [row["id"] for row in job_data.recent_failures(db)] == [job["id"]]


def test_a_failure_that_trying_again_cannot_mend_fails_at_once(db):
    jobs.enqueue(db, "test.record", {"n": 1, "fail": "permanent"})
    ended = jobs.run_next(db, "w")
    assert ended["state"] == "failed" and ended["attempts"] == 1 and ended["last_error"] == "there is nothing to print"


def test_a_job_whose_worker_died_is_taken_again_when_its_lease_runs_out(db):
    job = jobs.enqueue(db, "test.record", {"n": 7})
    with write(db):  # a worker takes it, and is killed before it finishes
        job_data.claim(db, worker="killed", at=now(), lease_until=now() + datetime.timedelta(minutes=5))
    assert jobs.run_next(db, "w") is None, "not while the lease lasts"
    with write(db):
        db.execute("UPDATE jobs SET lease_until = '2000-01-01' WHERE id = ?", [job["id"]])
    ended = jobs.run_next(db, "w")
    assert ended["state"] == "done" and ended["attempts"] == 2 and DONE == [7]


def test_a_job_whose_worker_died_on_its_last_attempt_is_reported_not_run_forever(db):
    job = jobs.enqueue(db, "test.record", {"n": 7})
    for _ in range(3):
        with write(db):
            job_data.claim(db, worker="killed", at=now(), lease_until=now() - datetime.timedelta(seconds=1))
    ended = jobs.run_next(db, "w")
    assert ended["id"] == job["id"] and ended["state"] == "failed" and DONE == []
    assert ended["last_error"] == "the worker stopped while running it, on its last attempt"


def test_workers_on_their_own_connections_never_take_the_same_job(app, db):
    for n in range(60):
        jobs.enqueue(db, "test.record", {"n": n})

    def work():
        own = connect(app.config["DATABASE"])
        while jobs.run_next(own, threading.current_thread().name):
            pass
        own.close()

    threads = [threading.Thread(target=work, name=f"w{n}") for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(DONE) == list(range(60))
    assert job_data.counts(db) == {"done": 60}


def test_a_job_of_a_kind_nobody_handles_fails_with_why(db):
    with write(db):
        job_data.add(db, kind="retired.kind", key=None, payload={}, max_attempts=3, run_after=now(), case_id=None,
                     requested_by=None, at=now())
    ended = jobs.run_next(db, "w")
    assert ended["state"] == "failed" and ended["last_error"] == "no handler for jobs of kind 'retired.kind'"


def test_finished_jobs_are_cleared_out_after_a_while(db):
    for n in range(3):
        jobs.enqueue(db, "test.record", {"n": n})
    for _ in range(3):
        jobs.run_next(db, "w")
    with write(db):
        db.execute("UPDATE jobs SET finished_at = '2000-01-01' WHERE id IN (1, 2)")
    assert jobs.prune(db) == 2
    assert job_data.counts(db) == {"done": 1}


def test_waiting_until_later_uses_up_no_try(db):
    job = jobs.enqueue(db, "test.record", {"n": 7, "later": 1})
    waited = jobs.run_next(db, "w")
    assert waited["state"] == "queued" and waited["attempts"] == 0 and waited["run_after"] > now().isoformat()
    assert jobs.run_next(db, "w") is None, "nothing is due until then"
    overdue(db, job["id"])
    assert jobs.run_next(db, "w")["state"] == "done"


@pytest.mark.parametrize("fail", ["permanent", "always"])
def test_a_kind_hears_of_its_job_failing_inside_the_transaction_that_fails_it(db, fail):
    job = jobs.enqueue(db, "test.record", {"n": 8, "fail": fail})
    for _ in range(3):
        jobs.run_next(db, "w")
        overdue(db, job["id"])
    assert job_data.get(db, job["id"])["state"] == "failed"
    assert len(FAILED) == 1 and FAILED[0][0] == 8 and FAILED[0][2], "once, in the failing transaction"
    assert ("nothing to print" if fail == "permanent" else "timed out") in FAILED[0][1]
