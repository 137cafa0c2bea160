"""Emails that tell staff something needs them: a referral waiting for a coordinator (to every manager), a family
member who said they have read the plan or updated a task, a family link locked after wrong PINs (to the case's
coordinator), and a plan's review coming up (``fgc.domain.reminders``); and about their own account: someone
guessing its password (to its owner and every admin), its second factor reset, a recovery code used.

They go to the address on each person's account, name the case by its reference only, and link to it. Each is
queued in the transaction of the change that causes it. A burst of task updates through one link sends one email
an hour, not one per click.
"""

from flask import current_app

from ..data import cases as case_data
from ..data import now
from ..data import users as user_data
from . import messages


def _send(db, user_ids, kind, case_id, values, *, dedupe):
    """Queue ``kind`` to each of ``user_ids`` who can receive email; returns how many were queued."""
    case = case_data.get(db, case_id)
    values = dict(values, reference=case["reference"], url=messages.case_url(case_id))
    queued = 0
    for user_id in user_ids:
        try:
            recipient = messages.to_user(db, user_id)
        except messages.NotQueued:
            continue  # an account that is switched off, or has no usable address
        if messages.queue(db, kind=kind, channel="email", recipient=recipient, case_id=case_id, values=values,
                          dedupe=f"{dedupe}:{user_id}"):
            queued += 1
    return queued


def _coordinator(db, case_id):
    case = case_data.get(db, case_id)
    return [case["coordinator_id"]] if case and case["coordinator_id"] else []


def referral_waiting(db, case_id):
    """A referral has come in: every manager is told it is waiting for a coordinator."""
    case = case_data.get(db, case_id)
    managers = [user["id"] for user in user_data.active_with_role(db, "manager")]
    return _send(db, managers, "referral_waiting", case_id,
                 {"received_on": case["referred_on"], "urgent": bool(case["urgent"])},
                 dedupe=f"referral_waiting:{case_id}")


def plan_acknowledged(db, link, number):
    return _send(db, _coordinator(db, link["case_id"]), "plan_acknowledged", link["case_id"], {"number": number},
                 dedupe=f"plan_acknowledged:{link['id']}:{number}")


def task_updated(db, link):
    hour = now().strftime("%Y-%m-%dT%H")
    return _send(db, _coordinator(db, link["case_id"]), "task_updated", link["case_id"], {},
                 dedupe=f"task_updated:{link['id']}:{hour}")


def pin_locked(db, link, locked_at):
    return _send(db, _coordinator(db, link["case_id"]), "pin_locked", link["case_id"], {},
                 dedupe=f"pin_locked:{link['id']}:{locked_at}")


def review_reminder(db, due):
    """A plan's review is coming up: its coordinator is told, once for each review date."""
    return _send(db, [due["coordinator_id"]], "review_reminder", due["case_id"],
                 {"review_on": due["review_on"], "review_meeting": bool(due["review_meeting"])},
                 dedupe=f"review_reminder:{due['plan_id']}:{due['review_on']}")


def _account(db, user_ids, kind, values, *, dedupe):
    """Queue ``kind``, about an account and not a case, to each of ``user_ids`` who can receive email."""
    queued = 0
    for user_id in user_ids:
        try:
            recipient = messages.to_user(db, user_id)
        except messages.NotQueued:
            continue
        if messages.queue(db, kind=kind, channel="email", recipient=recipient, case_id=None,
                          values=dict(values(user_id), url=_sign_in_url()), dedupe=f"{dedupe}:{user_id}"):
            queued += 1
    return queued


def _sign_in_url():
    """The sign-in page at ``PUBLIC_URL``, never at the address a request named: whoever sets these emails off
    (someone guessing a password) chooses their own Host header. Without ``PUBLIC_URL``, no link."""
    base = (current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    return f"{base}/sign-in" if base else ""


def sign_in_under_attack(db, user):
    """Guessing at ``user``'s password from elsewhere has been stopped: they and every admin are told, once an
    hour."""
    admins = [admin["id"] for admin in user_data.active_with_role(db, "admin") if admin["id"] != user["id"]]
    hour = now().strftime("%Y-%m-%dT%H")
    return _account(db, [user["id"], *admins], "sign_in_under_attack",
                    lambda user_id: {"account": user["email"], "yours": user_id == user["id"]},
                    dedupe=f"sign_in_under_attack:{user['id']}:{hour}")


def second_factor_reset(db, user, at):
    return _account(db, [user["id"]], "second_factor_reset", lambda _: {"account": user["email"]},
                    dedupe=f"second_factor_reset:{user['id']}:{at}")


def recovery_code_used(db, user, left, at):
    return _account(db, [user["id"]], "recovery_code_used", lambda _: {"account": user["email"], "left": left},
                    dedupe=f"recovery_code_used:{user['id']}:{at}")
