"""``flask --app fgc worker``: the command that runs background jobs, as a real process that can be killed."""

import os
import signal
import subprocess
import sys
import time

import pytest

from fgc.data import cases as case_data
from fgc.data import jobs as job_data
from fgc.data import plans as plan_data
from fgc.db import write
from fgc.domain import filing

from factories import make_case, someone

FLASK = os.path.join(os.path.dirname(sys.executable), "flask")


@pytest.fixture
def queued_draft(app, db):
    """A draft plan whose PDF someone has asked for: one render job waiting."""
    coordinator = someone(db, "coordinator@example.org")
    case_id = make_case(db, created_by=coordinator.id, reference="WORK-1", coordinator_id=coordinator.id,
                        stage="conference_held", child_name="Osian Pritchard")
    with write(db):
        plan_data.ensure(db, case_id, user_id=coordinator.id, review_on="2027-03-01")
    with app.test_request_context():
        download = filing.draft_download(db, case_data.get(db, case_id), plan_data.get(db, case_id), coordinator)
    assert download.state == filing.PREPARING
    return download.job


def worker_process(app, *args):
    env = dict(os.environ, FGC_DATABASE=app.config["DATABASE"], FGC_SECRET_KEY="worker test key")
    return subprocess.Popen([FLASK, "--app", "fgc", "worker", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def wait_for(db, job_id, states, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = job_data.get(db, job_id)
        if job["state"] in states:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still {job['state']} after {seconds} s")


def test_once_runs_what_is_due_and_says_what_happened(runner, db, queued_draft):
    result = runner.invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    # The PDF, and the look for reminders that are due, which --once (like the worker) makes first.
    assert "Ran 2 job(s): 2 done, 0 to be tried again later, 0 failed." in result.output
    assert job_data.kept_pdf(db, queued_draft["key"]).startswith(b"%PDF")
    assert "Ran 1 job(s): 1 done" in runner.invoke(args=["worker", "--once"]).output, "only the look for reminders"


def test_the_worker_runs_jobs_as_they_come_and_stops_cleanly_on_sigterm(app, db, queued_draft):
    process = worker_process(app)
    try:
        wait_for(db, queued_draft["id"], {"done"})
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, output
    assert job_data.kept_pdf(db, queued_draft["key"]).startswith(b"%PDF")


def test_a_worker_killed_mid_render_loses_nothing(app, db, queued_draft, run_jobs):
    """kill -9 while the PDF is being made: the job stays claimed until its lease runs out, then is made."""
    process = worker_process(app, "--threads", "1")
    try:
        running = wait_for(db, queued_draft["id"], {"running", "done"})
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        process.kill()
    assert running["state"] == "running", "the render was still going when the worker was killed"
    assert job_data.kept_pdf(db, queued_draft["key"]) is None
    assert [job["kind"] for job in run_jobs()] in ([], ["reminders.due"]), "nobody takes it while its lease lasts"
    with write(db):  # time passes: the dead worker's lease runs out
        db.execute("UPDATE jobs SET lease_until = '2000-01-01' WHERE id = ?", [queued_draft["id"]])
    [job] = run_jobs()
    assert job["state"] == "done" and job["attempts"] == 2
    assert job_data.kept_pdf(db, queued_draft["key"]).startswith(b"%PDF")
