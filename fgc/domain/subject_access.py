"""Subject access exports: everything fgc holds about one network member or child, with who it came from, for a
subject access request under UK GDPR (article 15).

A data protection officer makes one from the Access records (``dpo`` permission only: it holds a case's content).
The export is gathered once, when it is made, and kept as it was (JSON), so what was prepared is on record; the
worker makes its PDF (``pdf.subject_access`` in the job queue). Sections that hold information about other
people (the children, the family, what professionals said) are marked for the coordinator's redaction review
before anything is released: the export is a draft for that review, not a letter to send.
"""

import json

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..data import access_records as records
from ..data import now
from ..data import subject_access as held
from ..db import write
from ..render import subject_access as rendering
from . import audit, jobs
from .vocabulary import ARRANGEMENTS, ETHNICITIES, INVITATION, LEGAL_ORDERS, LIVING_WITH, OUTCOME_POINTS, PROCEEDINGS

READY, PREPARING = "ready", "preparing"


def _section(key, title, source, columns, rows, *, review=None):
    """One part of the export: ``columns`` as (key, label); ``review`` says why it needs redaction review."""
    return {"key": key, "title": title, "source": source, "review": None if review is None else str(review),
            "columns": [{"key": column, "label": str(label)} for column, label in columns],
            "rows": [{column: ("" if row.get(column) is None else str(row.get(column))) for column, _label in columns}
                     for row in rows]}


def _details(pairs):
    return [{"field": label, "value": value} for label, value in pairs]


DETAIL_COLUMNS = (("field", _l("What")), ("value", _l("What is recorded")))
OTHERS = _l("It names or describes other people: the children, or others in the family.")


def _access(db, kind, subject_id):
    rows = [dict(event, what=event["action"], page=event["detail"].get("page", ""))
            for event in records.each(db, {f"{kind}_id": subject_id})]
    return _section("access", _("Who looked at or changed their record"), _("The audit trail"),
                    (("at", _("When (UTC)")), ("actor", _("Who")), ("what", _("What")), ("page", _("Page"))), rows)


def _person(db, person):
    pid = person["id"]
    roles = ", ".join(json.loads(person["roles"] or "[]"))
    details = _details([
        (_("Name"), person["name"]), (_("Side of the family"), person["side"]), (_("Roles"), roles),
        (_("Phone"), person["phone"]), (_("Email"), person["email"]), (_("Address"), person["address"]),
        (_("Language"), person["language"]), (_("Needs"), person["needs"]),
        (_("Invitation"), str(INVITATION.get(person["invitation"], person["invitation"]))),
        (_("Added to the network"), person["created_at"]), (_("Last changed"), person["updated_at"])])
    staff = _("Recorded by the case's staff on the network register")
    read, updates = held.family_activity(db, pid)
    return [
        _section("details", _("Their details on the network register"), staff, DETAIL_COLUMNS, details),
        _section("views", _("Their views, as written down"), staff, DETAIL_COLUMNS,
                 _details([(_("Written views"), person["written_views"])]) if person["written_views"] else [],
                 review=OTHERS),
        _section("relationships", _("How they are related to the children"), staff,
                 (("child", _("Child")), ("relationship", _("Relationship"))),
                 held.relationships_of_person(db, pid), review=OTHERS),
        _section("exclusion", _("Decisions to exclude them from the conference"), staff,
                 (("change", _("Decision")), ("reason", _("Reason")), ("approved_by", _("Approved by")),
                  ("recorded_by", _("Recorded by")), ("at", _("When"))),
                 held.exclusion_changes(db, pid), review=_("Reasons for exclusion may come from what others said "
                                                            "about risk.")),
        _section("meetings", _("Meetings they took part in"), staff,
                 (("kind", _("Meeting")), ("starts_at", _("When")), ("mode", _("How they took part")),
                  ("recorded_by", _("Recorded by"))), held.attendance(db, pid)),
        _section("scales", _("Their scores of how safe things are (0 to 10)"), staff,
                 (("kind", _("Meeting")), ("starts_at", _("When")), ("score", _("Score")),
                  ("recorded_by", _("Recorded by"))), held.scales(db, "family", pid)),
        _section("tasks", _("Plan tasks they do"), _("The family's plan, written at the conference"),
                 (("what", _("Task")), ("by_when", _("When")), ("status", _("Status")),
                  ("updated_by", _("Last changed by")), ("updated_at", _("When changed"))),
                 held.tasks_naming(db, person["case_id"], pid), review=OTHERS),
        _section("links", _("Private links to their plan"), _("Made by the coordinator"),
                 (("created_at", _("Made")), ("created_by", _("By")), ("expires_at", _("Expires")),
                  ("revoked_at", _("Revoked")), ("view_count", _("Times opened")),
                  ("last_viewed_at", _("Last opened"))), held.links(db, pid)),
        _section("read", _("Plans they said they had read"), _("From them, through their link"),
                 (("number", _("Version")), ("at", _("When"))), read),
        _section("updates", _("What they told the coordinator about their tasks"), _("From them, through their link"),
                 (("number", _("Version")), ("task_key", _("Task")), ("done", _("Done")), ("note", _("Their words")),
                  ("at", _("When"))), updates),
        _section("messages", _("Text messages and emails sent to them"), _("Sent by the service"),
                 (("queued_at", _("When")), ("kind", _("Message")), ("channel", _("By")), ("address", _("To")),
                  ("status", _("Status"))), held.messages_to(db, pid)),
        _section("reminders", _("Their choices about task reminders"), _("Recorded by staff, or made by them"),
                 (("choice", _("Choice")), ("channel", _("By")), ("asked", _("How they asked")),
                  ("source", _("Made by")), ("at", _("When"))), held.reminder_choices(db, pid)),
        _access(db, "person", pid),
    ]


def _outcome_words(row):
    """An outcome with its codes in words, as the export is read by a person."""
    living = str(LIVING_WITH.get(row["living_with"], row["living_with"]))
    if row["arrangement"]:
        living += ": " + str(ARRANGEMENTS.get(row["arrangement"], row["arrangement"])).lower()
    return {**row, "point": str(OUTCOME_POINTS.get(row["point"], row["point"])), "living_with": living,
            "proceedings": str(PROCEEDINGS.get(row["proceedings"], row["proceedings"])),
            "legal_order": str(LEGAL_ORDERS.get(row["legal_order"], row["legal_order"]))}


def _child(db, child):
    cid = child["id"]
    referral = held.referral(db, child["case_id"])
    views = held.child_views(db, cid)
    referrer = _("From the referral by %(name)s", name=referral["created_by"])
    return [
        _section("details", _("Their details"), referrer, DETAIL_COLUMNS, _details([
            (_("Name"), child["name"]), (_("Date of birth"), child["date_of_birth"]), (_("Gender"), child["gender"]),
            (_("Ethnicity"), str(ETHNICITIES.get(child["ethnicity"], child["ethnicity"]))),
            (_("First language"), child["first_language"]), (_("Needs"), child["needs"])])),
        _section("referral", _("Why the family was referred"), referrer, DETAIL_COLUMNS, _details([
            (_("Referred on"), referral["referred_on"]), (_("Legal status"), referral["legal_status"]),
            (_("Reason for the referral"), referral["reason"]), (_("Decision sought"), referral["decision_sought"]),
            (_("Current risks"), ", ".join(json.loads(referral["current_risks"] or "[]"))),
            (_("Past risks"), ", ".join(json.loads(referral["past_risks"] or "[]"))),
            (_("About the risks"), referral["risk_details"])]), review=OTHERS),
        _section("views", _("Their wishes and feelings"), _("Gathered by the coordinator or their advocate"),
                 DETAIL_COLUMNS, _details([
                     (_("In their words"), views["wishes"]), (_("How they were gathered"), views["gathered"] or ""),
                     (_("Their advocate"), views["advocate_name"]), (_("Coming to the conference"),
                                                                       views["attending"] or ""),
                     (_("Their score (0 to 10)"), views["scale"])]) if views else [], review=OTHERS),
        _section("relationships", _("Their family network"), _("Recorded by the case's staff"),
                 (("person", _("Person")), ("relationship", _("Relationship"))),
                 held.relationships_of_child(db, cid), review=OTHERS),
        _section("scales", _("Their scores of how safe things are (0 to 10)"), _("Recorded at meetings"),
                 (("kind", _("Meeting")), ("starts_at", _("When")), ("score", _("Score")),
                  ("recorded_by", _("Recorded by"))), held.scales(db, "child", cid)),
        _section("outcomes", _("Where they lived afterwards, and any proceedings or order"),
                 _("Recorded by the coordinator at closure and at the follow-ups"),
                 (("point", _("When")), ("known_on", _("Found out")), ("living_with", _("Lived")),
                  ("proceedings", _("Care proceedings issued")), ("legal_order", _("Legal order")),
                  ("notes", _("Notes")), ("recorded_by", _("Recorded by"))),
                 [_outcome_words(row) for row in held.outcomes(db, cid)],
                 review=_("Notes may say what others told the coordinator.")),
        _section("plan", _("The family's plan for them"), _("The family's plan, written at the conference"),
                 (("what", _("Task")), ("who_other", _("Who else")), ("by_when", _("When")), ("status", _("Status"))),
                 held.all_tasks(db, child["case_id"]), review=OTHERS),
        _access(db, "child", cid),
    ]


def subject(db, kind, subject_id):
    """The network member or child, with their case, or None."""
    return (held.person if kind == "person" else held.child)(db, subject_id)


def gather(db, kind, subject_id, *, by_name):
    """Everything held about the subject, as one document (also the export's JSON)."""
    row = subject(db, kind, subject_id)
    sections = _person(db, row) if kind == "person" else _child(db, row)
    return {
        "format": "fgc subject access export 1",
        "service": current_app.config["SERVICE_NAME"],
        "subject": {"kind": kind, "id": subject_id, "name": row["name"], "case_reference": row["reference"]},
        "made": {"at": now().isoformat(timespec="seconds"), "by": by_name},
        "review": _("Sections marked for review hold information about other people. The coordinator reviews them, "
                    "and redacts what the person is not entitled to, before anything is released."),
        "sections": sections,
    }


def make(db, kind, subject_id, *, by):
    """Gather and keep an export, queue its PDF, and audit it. Done with the export's id (None: no such person)."""
    row = subject(db, kind, subject_id)
    if row is None:
        return None
    content = gather(db, kind, subject_id, by_name=audit.user_name(by))
    with write(db):
        export_id = held.add_export(db, kind=kind, subject_id=subject_id, case_id=row["case_id"], content=content,
                                    by=audit.user_id(by))
        jobs.enqueue(db, "pdf.subject_access", {"export_id": export_id}, key=f"subject-access:{export_id}",
                     case_id=row["case_id"], user_id=audit.user_id(by))
        audit.record("subject_access.made", record_type="case", record_id=row["case_id"], user=by, db=db,
                     detail={f"{kind}_id": subject_id, "export_id": export_id,
                             "sections": len(content["sections"]),
                             "for_review": sum(1 for section in content["sections"] if section["review"])})
    return export_id


def viewed(db, export, *, by=None):
    audit.record("subject_access.viewed", record_type="case", record_id=export["case_id"], user=by, db=db,
                 detail={f"{export['subject_kind']}_id": export["subject_id"], "export_id": export["id"]})


def downloaded(db, export, fmt, *, by=None):
    audit.record("subject_access.downloaded", record_type="case", record_id=export["case_id"], user=by, db=db,
                 detail={f"{export['subject_kind']}_id": export["subject_id"], "export_id": export["id"],
                         "format": fmt})


def pdf(db, export_id):
    """(READY, bytes) once the worker has made it, else (PREPARING, None)."""
    kept = held.export_pdf(db, export_id)
    return (READY, kept) if kept is not None else (PREPARING, None)


@jobs.kind("pdf.subject_access")
def _make_pdf(db, job):
    export = held.export(db, job["payload"]["export_id"])
    if export is None:
        raise jobs.Permanent("the export no longer exists")
    rendered = rendering.pdf(export["content"])
    with write(db):
        held.keep_pdf(db, export["id"], rendered)
