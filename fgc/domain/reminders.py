"""Reminders the worker sends on its own: to a family member a few days before a task of theirs is due (only if
they chose reminders, and never once they have said stop), and to the coordinator a week before a plan's review.

``flask --app fgc worker`` queues a ``reminders.due`` job every few minutes (and ``--once`` runs one); the job
finds what is due and queues one message for each. Each reminder has its own once-only key (the task, its due
date and the person; the plan and its review date), so running the job again sends nothing twice, and a due date
that moves brings a new reminder.

Task reminders are a family member's choice: the coordinator records it, with how the person asked, and the
person can stop them from their plan's page. Every choice is kept, and audited.
"""

import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l

from ..data import messages as message_data
from ..data import network, now
from ..db import write
from . import alerts, audit, jobs, messages
from .deadlines import today
from .outcome import done, refused

NO_ADDRESS = _l("%(name)s has no %(what)s on record: add it to their details first")


def choose(db, case_id, person_id, *, channel, asked, user):
    """Record a family member's choice about task reminders: ``channel`` ("sms" or "email"), or None to stop them.
    ``asked`` says how they asked (on the phone, at the conference). Done with the choice."""
    person = network.get(db, case_id, person_id)
    if person is None:
        raise LookupError(person_id)
    if channel is not None:
        try:
            messages.address_for(channel, name=person["name"], phone=person["phone"], email=person["email"])
            network.may_receive(db, case_id, person_id)
        except messages.NotQueued as why:
            return refused(str(why), field="reminders")
        except network.Excluded:
            return refused(str(messages.EXCLUDED), field="reminders")
    with write(db):
        message_data.record_choice(db, person_id, choice="in" if channel else "out", channel=channel, asked=asked,
                                   recorded_by=audit.user_id(user), source="staff", at=now())
        audit.case_event(db, user, "message.reminders_chosen", case_id,
                         {"person_id": person_id, "choice": "in" if channel else "out", "channel": channel})
    return done(channel)


def stop_from_family(db, link, actor):
    """"Stop reminders" on the family's own page. Done with whether they were on."""
    choice = message_data.choice(db, link["person_id"])
    if choice is None or choice["choice"] != "in":
        return done(False)
    with write(db):
        message_data.record_choice(db, link["person_id"], choice="out", channel=None, asked="Stop reminders, on "
                                   "their plan's page", recorded_by=None, source="family", at=now())
        audit.record("message.reminders_stopped", record_type="case", record_id=link["case_id"], user=actor, db=db,
                     detail={"link_id": link["id"], "person_id": link["person_id"]})
    return done(True)


def schedule(db):
    """Queue the job that looks for reminders due (once: one waits or runs at a time)."""
    return jobs.enqueue(db, "reminders.due", {}, key="reminders.due")


@jobs.kind("reminders.due", attempts=3, backoff=(60, 300))
def _due(db, job):
    config = current_app.config
    first = today()
    last = first + datetime.timedelta(days=config["TASK_REMINDER_DAYS"])
    with write(db):
        for row in message_data.tasks_due_for_reminders(db, start=first.isoformat(), end=last.isoformat()):
            person = network.get(db, row["case_id"], row["person_id"])
            try:
                recipient = messages.to_person(db, row["case_id"], row["person_id"], row["channel"])
            except messages.NotQueued:
                continue  # consent withdrawn, or the number or address has gone: nothing to send to
            messages.queue(db, kind="task_reminder", channel=row["channel"], recipient=recipient,
                           case_id=row["case_id"], language=messages.language_of(person),
                           values={"due_on": row["by_date"]},
                           dedupe=f"task_reminder:{row['task_id']}:{row['by_date']}:{row['person_id']}")
        last = first + datetime.timedelta(days=config["REVIEW_REMINDER_DAYS"])
        for row in message_data.reviews_due_for_reminders(db, start=first.isoformat(), end=last.isoformat()):
            alerts.review_reminder(db, row)
