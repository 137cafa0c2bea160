"""A family member's visit through their private link: opening it, reading, saying they have read the plan,
telling the coordinator how a task is going, the PIN, and leaving.

Each action is one transaction with its audit event, recorded under the case with the link as the actor
(families have no accounts). Unknown links are counted per address so guessing is slowed.
"""

from ..data import family_links as links
from ..db import write
from . import alerts, audit
from .outcome import done


def actor(link):
    """Who the audit trail says acted: the link, never a name."""
    return {"id": None, "email": f"family link {link['id']}"}


def record(db, action, link, **detail):
    """One audit event for something done through ``link``, in the caller's transaction if there is one."""
    audit.record(action, record_type="case", record_id=link["case_id"], user=actor(link), db=db,
                 detail={"link_id": link["id"], "person_id": link["person_id"], **detail})


def note_unknown_link(db, ip, *, window, limit):
    """Count a miss from ``ip``, checked and counted in one locked transaction so parallel guesses cannot
    overshoot. Done with True while the address is under ``limit``; False once it has used them up, when the
    miss is not counted again. The miss that reaches ``limit`` is audited, once per burst."""
    with write(db):
        so_far = links.misses(db, ip, window)
        if so_far >= limit:
            return done(False)
        links.record_miss(db, ip)
        links.prune_misses(db, window * 4)
        if so_far + 1 == limit:
            audit.record("family.unknown_links_burst", user={"id": None, "email": "anonymous"}, db=db,
                         detail={"misses": limit, "window_minutes": window.total_seconds() // 60})
    return done(True)


def start_visit(db, link, lifetime):
    """Swap the link for a visit of ``lifetime``. Done with the visit's cookie token."""
    with write(db):
        session_token = links.start_session(db, link["id"], lifetime)
        record(db, "family.link_opened", link)
    return done(session_token)


def viewed(db, link, number):
    with write(db):
        links.record_view(db, link["id"])
        record(db, "family.viewed", link, number=number)
    return done()


def acknowledge(db, link, plan_id, number):
    """'I have read this plan', for version ``number``. It never changes the version itself."""
    with write(db):
        links.acknowledge(db, link["id"], plan_id, number)
        record(db, "family.acknowledged", link, number=number)
        alerts.plan_acknowledged(db, link, number)
    return done()


def update_task(db, link, plan_id, number, task_key, *, done_now, note):
    """How one of their own tasks is going, for the coordinator to see."""
    with write(db):
        links.add_task_update(db, link["id"], plan_id, number, task_key, done=done_now, note=note)
        record(db, "family.task_updated", link, number=number, task_key=task_key, done=done_now)
        alerts.task_updated(db, link)
    return done()


def check_pin(db, session, link, right):
    """Record a PIN try (``right`` or not); the fifth wrong one locks the link, and a locked link lets no PIN
    through, even one typed before it locked. Done with whether it is locked."""
    with write(db):
        locked = links.record_pin_result(db, link["id"], right)
        if right and not locked:
            links.pass_pin(db, session["id"])
        record(db, "family.pin_" + ("locked" if locked else "passed" if right else "failed"), link)
        if locked and not link["pin_locked_at"]:  # it locked with this try: tell the coordinator, once
            alerts.pin_locked(db, link, links.get(db, link["case_id"], link["id"])["pin_locked_at"])
    return done(locked)


def end_visit(db, session_token):
    """Quick exit: the visit ends on the server, whatever the browser keeps."""
    with write(db):
        links.end_session(db, session_token)
    return done()
