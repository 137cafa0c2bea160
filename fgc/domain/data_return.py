"""The pseudonymised case-level data return: one row for each child of the cases referred in a period, for an
evaluation or a national return. It holds no name, contact detail, address or date of birth, and none of the words
people typed about the family. Each case and child is named by a stable pseudonymous id, an HMAC of its record id
under a key only the service holds, so the same child has the same id in every return (until the key changes) but
the id cannot be traced back without the key. Ages are whole years at referral.

Every column, what it holds and its codes are in :data:`COLUMNS`, which ``docs/data-return.md`` lists (a test
holds them together).
"""

import csv
import datetime
import hashlib
import hmac
import io

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from flask_babel import lazy_gettext as _l

from ..data import reports as report_data
from . import audit
from .access_records import safe_cell
from .case_header import age
from .reports import living, participation

# (column, what it holds). Codes are fgc's own (docs/data-return.md lists each code's meaning); dates are
# YYYY-MM-DD; an empty cell means not recorded, or not reached yet.
COLUMNS = [
    ("case_id", _l("Pseudonymous id of the case: the same in every return made with the same key")),
    ("child_id", _l("Pseudonymous id of the child")),
    ("children_on_case", _l("How many children the case is about")),
    ("age_at_referral", _l("The child's age in whole years on the day of the referral")),
    ("gender", _l("The child's gender, as recorded")),
    ("ethnicity", _l("The child's ethnicity: a census group (code), or words typed before the list")),
    ("first_language", _l("The child's first language, as recorded")),
    ("disability", _l("Whether the child has a disability: yes, no, unknown")),
    ("legal_status", _l("The case's legal status at referral (code)")),
    ("urgent", _l("Whether the referral was urgent: yes, no")),
    ("referred_on", _l("Date of the referral")),
    ("allocated_on", _l("Date a coordinator was allocated")),
    ("stage", _l("Where the case is now (code)")),
    ("disposed", _l("Whether the case's personal data has been disposed of: yes, no")),
    ("offer_made_on", _l("Date a family group decision-making meeting was offered (s.31ZA)")),
    ("offer_in_letter_before_proceedings", _l("Whether the offer was in the letter before proceedings: yes, no")),
    ("offer_response", _l("The family's answer: accepted, declined, withdrawn (accepted, then withdrawn)")),
    ("offer_response_on", _l("Date of the family's answer")),
    ("offer_declined_reason", _l("Why the family declined (code)")),
    ("offer_exception_on", _l("Date it was decided an offer was not in the child's best interests")),
    ("consent_withdrawn", _l("Whether any consent was withdrawn: yes, no")),
    ("baseline_on", _l("Date of the baseline meeting")),
    ("working_days_to_baseline", _l("Working days from referral to the baseline meeting")),
    ("first_conference_on", _l("Date of the first conference held")),
    ("working_days_to_conference", _l("Working days from referral to the first conference")),
    ("conferences_held", _l("How many conferences were held")),
    ("private_family_time", _l("Whether the family had private family time at the first conference: yes, no")),
    ("plan_agreed_on", _l("Date the plan was first agreed")),
    ("plan_agreed_on_the_day", _l("Whether the plan was agreed on the day of the first conference: yes, no")),
    ("reviews_held", _l("How many reviews were held")),
    ("closed_on", _l("Date the case closed")),
    ("named_at_referral", _l("People with parental responsibility named on the referral")),
    ("network_size", _l("People in the family network (not excluded)")),
    ("network_excluded", _l("People excluded from the conference because of risk")),
    ("family_took_part", _l("Family members who took part in the first conference, in person or remotely")),
    ("child_took_part", _l("How the child took part: in_person, views, advocate, none")),
    ("closure_living_with", _l("Where the child lived at closure (code)")),
    ("closure_arrangement", _l("How the child lived with wider family or friends at closure (code)")),
    ("closure_looked_after_or_family", _l("Where the child lived at closure, as the reports group it: parents, "
                                          "family, care, other")),
    ("closure_proceedings", _l("Whether care proceedings had been issued at closure: yes, no, unknown")),
    ("closure_legal_order", _l("The legal order at closure (code)")),
    ("three_months_living_with", _l("Where the child lived 3 months after the first conference (code)")),
    ("three_months_arrangement", _l("How the child lived with wider family or friends 3 months after the first "
                                    "conference (code)")),
    ("three_months_looked_after_or_family", _l("Where the child lived 3 months after the first conference, as the "
                                               "reports group it: parents, family, care, other")),
    ("three_months_proceedings", _l("Whether care proceedings had been issued 3 months after the first conference: "
                                    "yes, no, unknown")),
    ("three_months_legal_order", _l("The legal order 3 months after the first conference (code)")),
    ("twelve_months_living_with", _l("Where the child lived 12 months after the first conference (code)")),
    ("twelve_months_arrangement", _l("How the child lived with wider family or friends 12 months after the first "
                                     "conference (code)")),
    ("twelve_months_looked_after_or_family", _l("Where the child lived 12 months after the first conference, as the "
                                                "reports group it: parents, family, care, other")),
    ("twelve_months_proceedings", _l("Whether care proceedings had been issued 12 months after the first conference: "
                                     "yes, no, unknown")),
    ("twelve_months_legal_order", _l("The legal order 12 months after the first conference (code)")),
]


def _key():
    """The key the ids are made with: FGC_DATA_RETURN_KEY if set, otherwise one derived from SECRET_KEY."""
    secret = current_app.config.get("DATA_RETURN_KEY") or current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"fgc data return ids").derive(secret)


def pseudonym(key, kind, record_id):
    """A stable id for a record that cannot be traced back without ``key``: 16 hex digits of an HMAC."""
    return hmac.new(key, f"{kind}:{record_id}".encode(), hashlib.sha256).hexdigest()[:16]


def _date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


def _yes_no(value):
    return "" if value is None else ("yes" if value else "no")


def row(record, key, calendar):
    """One child's row: ``record`` is a row of :func:`fgc.data.reports.case_return`."""
    referred = _date(record["referred_on"])
    years = age(record["date_of_birth"], referred) if record["date_of_birth"] else record["age_at_referral"]

    def working(day):
        return calendar.working_days_between(referred, _date(day)) if day and _date(day) >= referred else ""

    values = {
        "case_id": pseudonym(key, "case", record["case_id"]), "child_id": pseudonym(key, "child", record["child_id"]),
        "children_on_case": record["children_on_case"], "age_at_referral": "" if years is None else years,
        "gender": record["gender"], "ethnicity": record["ethnicity"], "first_language": record["first_language"],
        "disability": record["disability"], "legal_status": record["legal_status"],
        "urgent": _yes_no(record["urgent"]), "referred_on": record["referred_on"],
        "allocated_on": record["allocated_on"], "stage": record["stage"], "disposed": _yes_no(bool(record["disposed_at"])),
        "offer_made_on": record["offered_on"],
        "offer_in_letter_before_proceedings": _yes_no(record["in_letter"]) if record["offered_on"] else "",
        "offer_response": record["response"], "offer_response_on": record["response_on"],
        "offer_declined_reason": record["declined_reason"], "offer_exception_on": record["exception_decided_on"],
        "consent_withdrawn": _yes_no(bool(record["consents_withdrawn"])), "baseline_on": record["baseline_on"],
        "working_days_to_baseline": working(record["baseline_on"]),
        "first_conference_on": record["conference_on"],
        "working_days_to_conference": working(record["conference_on"]),
        "conferences_held": record["conferences_held"],
        "private_family_time": _yes_no(record["private_time"]) if record["conference_on"] else "",
        "plan_agreed_on": record["plan_agreed_on"],
        "plan_agreed_on_the_day": (_yes_no(record["plan_agreed_on"] == record["conference_on"])
                                   if record["conference_on"] else ""),
        "reviews_held": record["reviews_held"], "closed_on": record["closed_on"],
        "named_at_referral": record["named_at_referral"], "network_size": record["network"],
        "network_excluded": record["excluded"],
        "family_took_part": record["family_took_part"] if record["conference_on"] else "",
        "child_took_part": participation(record) if record["conference_on"] else "",
    }
    for point, prefix in (("closure", "closure"), ("three_months", "three"), ("twelve_months", "twelve")):
        values.update({
            f"{point}_living_with": record[f"{prefix}_living_with"],
            f"{point}_arrangement": record[f"{prefix}_arrangement"],
            f"{point}_looked_after_or_family": living(record, prefix) or "",
            f"{point}_proceedings": record[f"{prefix}_proceedings"],
            f"{point}_legal_order": record[f"{prefix}_legal_order"],
        })
    return [values[name] for name, _meaning in COLUMNS]


def export(db, period, scope, deadlines, *, by):
    """The return as CSV text (a generator), the download audited first."""
    audit.record("report.data_return", user=by, db=db,
                 detail={"from": period.start.isoformat(), "to": period.end.isoformat(),
                         "coordinator_id": scope.coordinator_id, "team": scope.team})
    key, calendar = _key(), deadlines.calendar
    records = report_data.case_return(db, period, scope)

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([name for name, _meaning in COLUMNS])
        for number, record in enumerate(records, start=1):
            writer.writerow([safe_cell("" if value is None else value) for value in row(record, key, calendar)])
            if number % 1000 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return lines()
