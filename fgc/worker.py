"""``flask --app fgc worker``: runs the background jobs (``fgc.domain.jobs``) beside the web server.

Run it as a service of its own next to gunicorn (README: Deploying). Each thread has its own SQLite connection and
takes one job at a time; renders themselves run in ``fgc.render.pdf``'s worker processes, so a thread mostly
waits. The worker lowers its own CPU priority (``WORKER_NICE``), and so its render processes', so pages are
served first when the machine is busy.

SIGTERM or Ctrl-C stops it once the jobs in hand are finished; a second Ctrl-C stops it at once (a job cut off
like that is claimed again when its lease runs out). ``--once`` runs every job that is due now, then exits: for
cron, and for tests.
"""

import logging
import os
import signal
import socket
import threading

import click
from flask import current_app
from flask.cli import with_appcontext

from .db import connect
from .domain import filing, jobs, messages, reminders  # noqa: F401 (each registers its kinds of job)

LOGGER = logging.getLogger(__name__)
PRUNE_EVERY = 3600  # seconds between clearing out old finished jobs
REMINDERS_EVERY = 600  # seconds between looks for reminders that are due


def run_due(app, *, name="once"):
    """Run every job that is due now, one after another, in this thread. Returns the jobs as they ended."""
    db = connect(app.config["DATABASE"])
    ended = []
    try:
        with app.app_context():
            while (job := jobs.run_next(db, name)) is not None:
                ended.append(job)
    finally:
        db.close()
    return ended


def _loop(app, name, stopping, poll):
    db = connect(app.config["DATABASE"])
    try:
        with app.app_context():
            while not stopping.is_set():
                try:
                    job = jobs.run_next(db, name)
                except Exception:  # a locked or unreadable database: wait and try again
                    LOGGER.exception("The worker could not take a job")
                    job = None
                if job is None:
                    stopping.wait(poll)
    finally:
        db.close()


def _every(app, stopping, seconds, work, what, *, first=False):
    """Run ``work(db)`` every ``seconds`` (and at once, with ``first``) until ``stopping`` is set."""
    if first and not stopping.is_set():
        _once(app, work, what)
    while not stopping.wait(seconds):
        _once(app, work, what)


def _once(app, work, what):
    try:
        with app.app_context():
            db = connect(app.config["DATABASE"])
            try:
                work(db)
            finally:
                db.close()
    except Exception:
        LOGGER.exception("%s failed", what)


def serve(app, *, threads, poll, stopping):
    """Run jobs in ``threads`` threads until ``stopping`` is set."""
    base = f"{socket.gethostname()}:{os.getpid()}"
    workers = [threading.Thread(target=_loop, args=(app, f"{base}:{n}", stopping, poll), name=f"fgc-worker-{n}")
               for n in range(threads)]
    chores = [threading.Thread(target=_every, args=(app, stopping, PRUNE_EVERY, jobs.prune, "Clearing out old jobs"),
                               name="fgc-worker-prune", daemon=True),
              threading.Thread(target=_every, args=(app, stopping, REMINDERS_EVERY, reminders.schedule,
                                                    "Looking for reminders"),
                               kwargs={"first": True}, name="fgc-worker-reminders", daemon=True)]
    for thread in workers + chores:
        thread.start()
    for thread in workers:
        thread.join()


@click.command("worker")
@click.option("--once", is_flag=True, help="Run the jobs that are due now, then exit.")
@click.option("--threads", type=click.IntRange(1, 32), default=None,
              help="Jobs run at the same time (default: WORKER_THREADS, 2).")
@with_appcontext
def worker_command(once, threads):
    """Run background jobs (PDFs, messages, reminders): until stopped, or with --once until none is due."""
    app = current_app._get_current_object()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if once:
        _once(app, reminders.schedule, "Looking for reminders")
        ended = [job["state"] for job in run_due(app)]
        click.echo(f"Ran {len(ended)} job(s): {ended.count('done')} done, {ended.count('queued')} to be tried again "
                   f"later, {ended.count('failed')} failed.")
        return
    niceness = app.config["WORKER_NICE"]
    if niceness:
        os.nice(niceness)
    stopping = threading.Event()

    def stop(signum, _frame):
        if stopping.is_set():
            raise SystemExit(1)
        click.echo("Stopping when the jobs in hand are done (Ctrl-C again to stop now).", err=True)
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    count = threads or app.config["WORKER_THREADS"]
    click.echo(f"fgc worker: {count} thread(s) on {app.config['DATABASE']}", err=True)
    serve(app, threads=count, poll=app.config["WORKER_POLL_SECONDS"], stopping=stopping)


def init_app(app):
    app.cli.add_command(worker_command)
