"""Access records: the audit trail answering "who looked at or changed this child's record, and when".

Admins, and anyone an admin gives the data protection officer's permission (``dpo``), search it by case, network
member or child, person acting, kind of action and dates, page through the answer and download it as CSV. Every
search, name lookup and download is itself written to the audit trail, with what was asked.
"""

import csv
import json
import datetime
import io
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from ..data import access_records as records
from ..data import users as user_data
from . import audit

LONDON = ZoneInfo("Europe/London")
PAGE_SIZE = 50
ACTION_GROUPS = {
    "case_viewed": _l("Looked at a case"),
    "case_changed": _l("Changed a case"),
    "family": _l("Family links: what families did, and links made or revoked"),
    "message": _l("Messages"),
    "sign_in": _l("Signing in and out"),
    "account": _l("Accounts: users, passwords and second factors"),
    "access_records": _l("Access records: searches and exports"),
}
LABELS = {
    "case.viewed": _l("Looked at the case"),
    "case.searched": _l("Searched cases"),
    "case.listed": _l("Listed cases"),
    "sign_in.succeeded": _l("Signed in"),
    "sign_in.failed": _l("Sign-in refused"),
    "sign_in.throttled": _l("Sign-in slowed down"),
    "sign_in.password_accepted": _l("Password accepted, waiting for the code"),
    "sign_out": _l("Signed out"),
    "family.link_opened": _l("Family member opened their link"),
    "family.plan_viewed": _l("Family member read the plan"),
    "access_records.searched": _l("Searched the access records"),
    "access_records.exported": _l("Downloaded access records"),
    "access_records.people_searched": _l("Looked up people by name"),
}


def describe(action):
    return LABELS.get(action) or (_l("Changed the case") if action.startswith("case.") else None)


def uk_day_start(day):
    return datetime.datetime.combine(day, datetime.time(), LONDON)


def filters_from(db, *, reference=None, subject=None, user_id=None, action_group=None, since=None, until=None):
    """The search's filters from what was asked (a case reference, ("person" or "child", id), UK dates), or
    (None, why not)."""
    filters = {"user_id": user_id, "action_group": action_group or None,
               "since": uk_day_start(since) if since else None,
               "until": uk_day_start(until + datetime.timedelta(days=1)) if until else None}
    if reference:
        case = records.case_by_reference(db, reference)
        if case is None:
            return None, "reference"
        filters["case_id"] = case["id"]
    if subject:
        kind, subject_id = subject
        filters[f"{kind}_id"] = subject_id
    return filters, None


def _asked(filters):
    """What was asked, for the audit trail: ids and dates, in plain values."""
    return {key: (value.isoformat() if isinstance(value, datetime.datetime) else value)
            for key, value in filters.items() if value is not None}


def search(db, filters, *, before=None, after=None, by=None):
    """A page of matching events, newest first, each with its case's reference and whom it is about; audited.
    Returns (events, more_older, more_newer)."""
    events, older, newer = records.page(db, filters, before=before, after=after, size=PAGE_SIZE)
    audit.record("access_records.searched", user=by, db=db,
                 detail=_asked(filters) | {"shown": len(events)} | ({"page_before": before} if before else {})
                 | ({"page_after": after} if after else {}))
    return _named(db, events), older, newer


def _named(db, events):
    references = records.case_references(db, [event["record_id"] for event in events
                                                if event["record_type"] == "case"])
    people = records.names(db, "people", [event["detail"].get("person_id") for event in events])
    children = records.names(db, "children", [event["detail"].get("child_id") for event in events])
    for event in events:
        detail = event["detail"]
        event["reference"] = references.get(int(event["record_id"])) if event["record_type"] == "case" else None
        event["about"] = people.get(_int(detail.get("person_id"))) or children.get(_int(detail.get("child_id")))
        event["label"] = describe(event["action"])
        event["page"] = detail.get("page")
    return events


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def find_people(db, text, *, by=None):
    """Network members and children whose names contain ``text``, to choose whom to ask about; audited."""
    found = records.people_named(db, text)
    # Which people were found, by id, not the name typed: the trail holds ids, so disposal leaves no name in it.
    audit.record("access_records.people_searched", user=by, db=db,
                 detail={"found": len(found), "people": [f"{row['kind']}:{row['id']}" for row in found][:50]})
    return found


CSV_HEADINGS = ("event", "at_utc", "user_id", "who", "action", "case", "about", "address", "detail")


def safe_cell(value):
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export(db, filters, *, by=None):
    """Every matching event as CSV lines (a generator), newest first; the download is audited before it starts."""
    audit.record("access_records.exported", user=by, db=db, detail=_asked(filters))

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_HEADINGS)
        batch = []
        for event in records.each(db, filters):
            batch.append(event)
            if len(batch) == 1000:
                yield _rows(db, writer, buffer, batch)
                batch = []
        yield _rows(db, writer, buffer, batch)

    return lines()


def _rows(db, writer, buffer, events):
    for event in _named(db, events):
        writer.writerow([safe_cell(value) for value in (
            event["id"], event["at"], event["user_id"], event["actor"], event["action"], event["reference"],
            event["about"], event["ip"], json.dumps(event["detail"], ensure_ascii=False, sort_keys=True))])
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def users(db):
    """Everyone who has had an account, to choose whose actions to see."""
    return [(row["id"], row["name"], row["email"]) for row in user_data.all_users(db)]
