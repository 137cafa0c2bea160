"""The app's one way to do work in the background: a queue of jobs in the SQLite file.

A change that needs work done later (render a PDF; send a message) calls :func:`enqueue` inside its own write
transaction, so the job exists exactly when the change does. ``flask --app fgc worker`` (``fgc/worker.py``)
runs the jobs: :func:`run_next` claims one for a lease, runs its kind's handler, and records the result.

- **Nothing is lost.** A handler that raises is tried again after a growing delay, up to its kind's number of
  attempts, then marked failed with why, logged as an error and listed for admins. A worker that dies mid-job
  (killed, out of memory, the machine restarted) leaves the job "running" with a lease that runs out; another
  worker then claims it again, and that counts as an attempt.
- **So handlers must be safe to run twice** for the same job: each ends with one write transaction that
  checks whether its work is already done.
- **One at a time per key.** A job may carry a key (for a PDF, what it prints): while one job with that key is
  waiting or running, enqueuing the same key returns that job instead of adding another.
- :class:`Permanent` is for failures trying again cannot mend (the thing to print no longer exists); the job
  fails at once. :class:`Later` puts a job back to wait (a message held back by quiet hours; a delivery status
  to ask about again) without counting an attempt.
- A kind may name ``on_failure(db, job, why)``: it runs in the transaction that marks the job failed, so the
  record the job was working for (a message) says it failed, however the job came to fail.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from ..data import jobs as job_data
from ..data import now
from ..db import write

LOGGER = logging.getLogger(__name__)
DEFAULT_LEASE = datetime.timedelta(minutes=5)
KEEP_DONE = datetime.timedelta(days=1)
KEEP_FAILED = datetime.timedelta(days=30)


class Permanent(Exception):
    """A failure that trying again cannot mend: the job fails now, with this message."""


class Later(Exception):
    """Not a failure: run the job again at ``until`` (an aware datetime), without counting this attempt."""

    def __init__(self, until):
        super().__init__(until)
        self.until = until


@dataclass(frozen=True)
class Kind:
    name: str
    run: Callable  # run(db, job): does the work; the job's payload is job["payload"]
    attempts: int
    lease: datetime.timedelta
    backoff: tuple  # seconds to wait after the 1st, 2nd, … failure; the last repeats
    on_failure: Callable | None = None  # on_failure(db, job, why), in the transaction that fails the job


KINDS = {}


def kind(name, *, attempts=3, lease=DEFAULT_LEASE, backoff=(10, 60, 300), on_failure=None):
    """Register the decorated ``run(db, job)`` as the handler for jobs of kind ``name``."""
    def register(run):
        KINDS[name] = Kind(name, run, attempts, lease, tuple(backoff), on_failure)
        return run

    return register


def enqueue(db, name, payload, *, key=None, case_id=None, user_id=None, delay=None):
    """Queue a job of kind ``name`` in ``db``'s write transaction (the caller's, if one is open).

    Returns the job: the new one, or the one already waiting or running with the same ``key``.
    """
    spec = KINDS[name]
    at = now()
    with write(db):
        if key is not None:
            waiting = job_data.live(db, key)
            if waiting is not None:
                return waiting
        job_id = job_data.add(db, kind=name, key=key, payload=payload, max_attempts=spec.attempts,
                              run_after=at + (delay or datetime.timedelta(0)), case_id=case_id,
                              requested_by=user_id, at=at)
        return job_data.get(db, job_id)


def delay_after(spec, attempts):
    """How long to wait before trying again after the ``attempts``-th failure."""
    return datetime.timedelta(seconds=spec.backoff[min(attempts, len(spec.backoff)) - 1])


def run_next(db, worker):
    """Claim the next due job for ``worker`` (a name for the logs) and run it.

    Returns the job as it ended (state ``done``, ``queued`` for a retry, or ``failed``), or None if nothing was due.
    """
    at = now()
    with write(db):
        job = job_data.claim(db, worker=worker, at=at, lease_until=at + DEFAULT_LEASE)
        if job is None:
            return None
        spec = KINDS.get(job["kind"])
        if spec is not None and spec.lease != DEFAULT_LEASE:
            job_data.lease(db, job["id"], until=at + spec.lease)
        if spec is None or job["attempts"] > job["max_attempts"]:
            # A kind this version does not know, or a job whose worker died on its last attempt.
            why = (f"no handler for jobs of kind {job['kind']!r}" if spec is None
                   else "the worker stopped while running it, on its last attempt")
            job_data.fail(db, job["id"], error=why, at=at, attempts=min(job["attempts"], job["max_attempts"]))
            if spec is not None and spec.on_failure is not None:
                spec.on_failure(db, job, why)
            LOGGER.error("Job %s (%s) failed: %s", job["id"], job["kind"], why)
            return job_data.get(db, job["id"])
    return _run(db, spec, job)


def _run(db, spec, job):
    try:
        spec.run(db, job)
    except Later as later:
        with write(db):
            job_data.postpone(db, job["id"], run_after=later.until, at=now())
        return job_data.get(db, job["id"])
    except Permanent as error:
        return _failed(db, job, str(error) or type(error).__name__, spec)
    except Exception as error:  # any failure of the work is the job's, never the worker's
        LOGGER.warning("Job %s (%s) attempt %s of %s failed", job["id"], job["kind"], job["attempts"],
                       job["max_attempts"], exc_info=True)
        why = f"{type(error).__name__}: {error}"[:1000]
        if job["attempts"] >= job["max_attempts"]:
            return _failed(db, job, why, spec)
        with write(db):
            job_data.retry(db, job["id"], error=why, run_after=now() + delay_after(spec, job["attempts"]), at=now())
        return job_data.get(db, job["id"])
    with write(db):
        job_data.finish(db, job["id"], at=now())
    return job_data.get(db, job["id"])


def _failed(db, job, why, spec):
    with write(db):
        job_data.fail(db, job["id"], error=why, at=now())
        if spec.on_failure is not None:
            spec.on_failure(db, job, why)
    LOGGER.error("Job %s (%s) failed after %s attempt(s): %s", job["id"], job["kind"], job["attempts"], why)
    return job_data.get(db, job["id"])


def prune(db):
    """Forget done jobs after a day and failed ones after 30 days. Returns how many were removed."""
    at = now()
    with write(db):
        return job_data.prune(db, done_before=at - KEEP_DONE, failed_before=at - KEEP_FAILED)
