"""Build cases for tests through the data layer, as the app itself would store them."""

import datetime

from fgc.data import audit as audit_data
from fgc.data import baselines, consents, meetings, network, professionals
from fgc.data import cases as case_data
from fgc.data import users as user_data
from fgc.db import write
from fgc.domain import due_dates

from conftest import give_app, password_hash

LONDON = datetime.timezone(datetime.timedelta(0))


def user_id(db, email):
    return user_data.get_by_email(db, email)["id"]


def case_events(db, case_id):
    """The audit trail about one case as (action, detail), oldest first: what the domain's actions wrote."""
    return [(row["action"], row["detail"]) for row in audit_data.for_record(db, "case", case_id)]


def case_actions(db, case_id):
    """Just the actions of :func:`case_events`, oldest first."""
    return [action for action, _detail in case_events(db, case_id)]


def add_user(db, email, role, name=None):
    """Another account, with the tests' password and an authenticator app set up."""
    with write(db):
        user_id = user_data.create(db, email=email, name=name or email.split("@")[0].title(), role=role,
                                   password_hash=password_hash())
    give_app(db, user_id)
    return user_id


def make_case(db, *, created_by, reference, coordinator_id=None, social_worker_id=None, stage=None,
              child_name="Test Child", referred_on=None, urgent=False, extras=True):
    """A submitted case (referred, or allocated when given a coordinator; else at ``stage``) with a child, a PR holder and, with ``extras``, a consent,
    a baseline item and a scheduled conference, so every nested route has something to point at."""
    referred_on = referred_on or datetime.date.today().isoformat()
    with write(db):
        case_id = case_data.create_draft(db, created_by=created_by, reference=reference, urgent=urgent,
                                         urgency_reason="Court date soon" if urgent else "", referrer_name="Referrer")
        case_data.save_child(db, case_id, {"name": child_name, "date_of_birth": "2018-05-04", "gender": "",
                                           "ethnicity": "", "first_language": "", "needs": ""})
        case_data.add_pr_holder(db, case_id, name="Parent Person", relationship="Mother")
        case_data.update(db, case_id, 1, legal_status="child_in_need", reason="Reason", decision_sought="Decision",
                         manager_name="A Manager", manager_signed_off_on=referred_on,
                         sections_done=["family", "risks", "purpose", "needs", "referrer"])
        case_data.move(db, case_id, to_stage="referred", user_id=created_by, referred_on=referred_on)
        if coordinator_id:
            case_data.move(db, case_id, to_stage="allocated", user_id=created_by, coordinator_id=coordinator_id,
                           allocated_on=referred_on)
        if social_worker_id:
            case = case_data.get(db, case_id)
            case_data.update(db, case_id, case["version"], social_worker_id=social_worker_id)
        if extras:
            consents.add(db, case_id, given_by="Parent Person", basis="parental_responsibility",
                         given_on=referred_on, may_share="All", share_with="Family", recorded_by=created_by)
            baselines.save(db, case_id, None, held_on=referred_on, attendees="A, B", objective="Safety",
                           recorded_by=created_by)
            baselines.add_item(db, case_id, "question", "Who will look after the children?")
            network.save(db, case_id, {"name": "Nain Jones", "side": "maternal", "roles": ["relative"]})
            professional_id = professionals.save(db, case_id, {"name": "Dr Pat Hughes", "agency": "Health visiting",
                                                               "attends": "all"})
            professionals.add_danger(db, professional_id, "Children hurt if fights continue", "Calm home")
            start = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(days=7)
            meetings.schedule(db, case_id, "conference", {
                "starts_at": start.isoformat(), "ends_at": (start + datetime.timedelta(hours=2)).isoformat(),
                "venue": "Family centre", "address": "", "access_notes": "", "interpreter_language": "",
                "remote_details": ""}, user_id=created_by, uid_domain="test.invalid")
        if stage and stage != case_data.get(db, case_id)["stage"]:
            case_data.move(db, case_id, to_stage=stage, user_id=created_by)
        # As every audited change to a case does: lists and home pages find overdue cases by it.
        due_dates.refresh(db, [case_id])
    return case_id


def agree_plan(db, case_id, *, tasks=("Nain collects the children from school every day",), owners=None):
    """Write a plan that answers every bottom line and question, and have the referrer agree it.

    ``owners`` ({task index: [person id, ...]}) names network people as doing a task."""
    from fgc.domain import agreement
    from fgc.data import plans

    case = case_data.get(db, case_id)
    referrer = user_data.get(db, case["social_worker_id"] or case["created_by"])
    refs = [f"item:{item['id']}" for kind in ("question", "bottom_line") for item in baselines.items(db, case_id)[kind]]
    with write(db):
        plan = plans.ensure(db, case_id, user_id=case["coordinator_id"] or case["created_by"], review_on="2027-03-01")
        for number, what in enumerate(tasks):
            plans.save_task(db, case_id, plan["id"], {
                "what": what, "who_people": (owners or {}).get(number, []), "who_professionals": [],
                "who_other": "" if (owners or {}).get(number) else "Nain", "by_date": None,
                "by_when": "Every day", "checker": "Uncle Dai", "status": "not_started",
                "answers": refs if number == 0 else []}, user_id=plan["created_by"])
        plan = plans.get(db, case_id)
        agreement.mark_ready(db, case, plan, plan["revision"], user_id=plan["created_by"])
        plan = plans.get(db, case_id)
        agreement.decide(db, case_data.get(db, case_id), plan, plan["revision"], outcome="agreed", text="",
                         user=referrer)
    return plans.get(db, case_id)


class _Person:
    """A user row read by attribute (``.id``, ``.name``), as a signed-in user is."""

    def __init__(self, row):
        self.id, self.name = row["id"], row["name"]


def someone(db, email):
    """The test user with ``email``, read by attribute (``.id``, ``.name``) as a signed-in user is."""
    return _Person(user_data.get_by_email(db, email))


def mark_ready_and_decide(db, case_id, outcome, text, referrer, coordinator):
    """Mark the plan ready and have ``referrer`` decide it: agreed, agreed with changes or declined."""
    from fgc.data import plans
    from fgc.domain import agreement

    with write(db):
        plan = plans.get(db, case_id)
        agreement.mark_ready(db, case_data.get(db, case_id), plan, plan["revision"], user_id=coordinator.id)
        plan = plans.get(db, case_id)
        agreement.decide(db, case_data.get(db, case_id), plan, plan["revision"], outcome=outcome, text=text,
                         user=referrer)


def print_every_version(app, db, case_id, *, decline_reason, agreement):
    """The case's plan printed as the working draft, then declined (version 1), then decided as ``agreement``
    (outcome, text) (version 2), by the test coordinator and referrer: everything a PDF test reads back."""
    from types import SimpleNamespace

    from fgc.data import plans
    from fgc.domain import filing

    coordinator, referrer = someone(db, "coordinator@example.org"), someone(db, "social_worker@example.org")
    with app.app_context():
        draft = filing.draft_pdf(db, case_data.get(db, case_id), plans.get(db, case_id), coordinator)
        mark_ready_and_decide(db, case_id, "declined", decline_reason, referrer, coordinator)
        mark_ready_and_decide(db, case_id, *agreement, referrer, coordinator)
        case, plan = case_data.get(db, case_id), plans.get(db, case_id)
        declined_row, agreed_row = plans.version(db, plan["id"], 1), plans.version(db, plan["id"], 2)
        declined = filing.version_pdf(db, case, plan, declined_row, referrer)
        agreed = filing.version_pdf(db, case, plan, agreed_row, referrer)
    return SimpleNamespace(app=app, db=db, case=case, plan=plan, coordinator=coordinator, referrer=referrer,
                           declined_row=declined_row, agreed_row=agreed_row,
                           draft=read(draft), declined=read(declined), agreed=read(agreed))


def read(pdf):
    """A PDF read back with pypdf: its reader, each page's text as extracted (``pages``) and with its whitespace
    collapsed (``flat``), all of it collapsed (``all``), and the bytes (``raw``)."""
    import io
    from types import SimpleNamespace

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() for page in reader.pages]
    return SimpleNamespace(reader=reader, pages=pages, flat=[" ".join(text.split()) for text in pages],
                           all=" ".join(" ".join(text.split()) for text in pages), raw=pdf)
