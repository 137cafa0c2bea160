"""A case's timeline: its audit trail and stage changes, newest first, each as a sentence saying who did what to
which record ("Cerys Llywelyn added Glenys Morgan-Jones to the network"), filterable by kind."""

import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from ..data import audit as audit_data
from ..data import cases as case_data
from ..i18n import bdi, long_date
from . import lifecycle
from .vocabulary import DECISIONS, INVITATION, MESSAGE_CHANNELS, MESSAGE_KINDS, OUTCOME_POINTS, PLAN_STATUSES

PAGE_SIZE = 50

KINDS = {
    "referral": _l("Referral, offer and consent"),
    "stage": _l("Stage changes"),
    "network": _l("Network"),
    "preparation": _l("Preparation"),
    "meetings": _l("Meetings"),
    "plan": _l("Plan"),
    "family": _l("Family links and what families did"),
    "messages": _l("Messages"),
    "views": _l("Who looked at the case"),
}
_KIND_OF = {
    "case.draft_started": "referral", "case.referral_updated": "referral", "case.child_saved": "referral",
    "case.child_removed": "referral", "case.pr_holder_added": "referral", "case.pr_holder_removed": "referral",
    "case.referred": "referral", "case.allocated": "referral", "case.offer_recorded": "referral",
    "case.consent_recorded": "referral", "case.consent_withdrawn": "referral",
    "case.person_saved": "network", "case.invitation_changed": "network", "case.person_excluded": "network",
    "case.exclusion_lifted": "network",
    "case.baseline_recorded": "preparation", "case.baseline_item_added": "preparation",
    "case.baseline_item_removed": "preparation", "case.professional_saved": "preparation",
    "case.danger_statement_added": "preparation", "case.danger_statement_removed": "preparation",
    "case.professional_shared": "preparation", "case.child_views_saved": "preparation",
    "case.meeting_scheduled": "meetings", "case.meeting_rescheduled": "meetings",
    "case.meeting_cancelled": "meetings", "case.meeting_held": "meetings", "case.invite_downloaded": "meetings",
    "case.attendance_recorded": "meetings", "case.scales_recorded": "meetings", "case.outcome_recorded": "stage",
    "case.viewed": "views", "stage": "stage",
}

# Each sentence: who did what, to which record. Placeholders are filled from the event and the record's name now.
SENTENCES = {
    "case.draft_started": _l("%(who)s started the referral"),
    "case.referral_updated": _l("%(who)s changed the referral’s %(section)s"),
    "case.child_added": _l("%(who)s added %(child)s to the referral"),
    "case.child_saved": _l("%(who)s changed %(child)s’s details"),
    "case.child_removed": _l("%(who)s removed a child from the referral"),
    "case.pr_holder_added": _l("%(who)s added %(pr_holder)s as a person with parental responsibility"),
    "case.pr_holder_removed": _l("%(who)s removed a person with parental responsibility"),
    "case.referred": _l("%(who)s sent the referral"),
    "case.allocated": _l("%(who)s allocated the case to %(coordinator)s"),
    "case.reallocated": _l("%(who)s reallocated the case to %(coordinator)s"),
    "case.offer_recorded": _l("%(who)s recorded the offer of a family group decision-making meeting"),
    "case.consent_recorded": _l("%(who)s recorded consent given by %(consent)s"),
    "case.consent_withdrawn": _l("%(who)s recorded that %(consent)s withdrew consent"),
    "case.baseline_recorded": _l("%(who)s recorded the baseline meeting"),
    "case.baseline_changed": _l("%(who)s changed the baseline meeting"),
    "case.baseline_item_added": _l("%(who)s added a %(kind)s: “%(item)s”"),
    "case.baseline_item_removed": _l("%(who)s removed an item from the baseline"),
    "case.outcome_recorded": _l("%(who)s recorded %(child)s’s outcome (%(point)s)"),
    "case.outcome_changed": _l("%(who)s changed %(child)s’s outcome (%(point)s)"),
    "stage": _l("%(who)s moved the case from %(old)s to %(new)s"),
    "stage_note": _l("%(who)s moved the case from %(old)s to %(new)s: %(note)s"),
    "case.meeting_scheduled": _l("%(who)s scheduled the %(meeting)s"),
    "case.meeting_rescheduled": _l("%(who)s rescheduled the %(meeting)s"),
    "case.meeting_cancelled": _l("%(who)s cancelled the %(meeting)s"),
    "case.meeting_held": _l("%(who)s recorded the %(meeting)s as held"),
    "case.invite_downloaded": _l("%(who)s downloaded the calendar invitation for the %(meeting)s"),
    "case.attendance_recorded": _l("%(who)s recorded who took part in the %(meeting)s"),
    "case.scales_recorded": _l("%(who)s recorded the scales at the %(meeting)s"),
    "case.person_added": _l("%(who)s added %(person)s to the network"),
    "case.person_saved": _l("%(who)s changed %(person)s’s details in the network"),
    "case.invitation_changed": _l("%(who)s marked %(person)s as ‘%(invitation)s’"),
    "case.person_excluded": _l("%(who)s excluded %(person)s from the conference"),
    "case.exclusion_lifted": _l("%(who)s lifted %(person)s’s exclusion"),
    "case.professional_added": _l("%(who)s added information from %(professional)s"),
    "case.professional_saved": _l("%(who)s changed the information from %(professional)s"),
    "case.danger_statement_added": _l("%(who)s added a danger statement from %(professional)s"),
    "case.danger_statement_removed": _l("%(who)s removed a danger statement from %(professional)s"),
    "case.professional_shared": _l("%(who)s recorded that %(professional)s’s information was shared with the "
                                   "family"),
    "case.child_views_saved": _l("%(who)s recorded %(child)s’s views"),
    "plan.task_added": _l("%(who)s added a task to the plan: “%(task)s”"),
    "plan.task_saved": _l("%(who)s changed a task in the plan: “%(task)s”"),
    "plan.task_moved": _l("%(who)s moved a task in the plan: “%(task)s”"),
    "plan.task_removed": _l("%(who)s removed a task from the plan"),
    "plan.details_saved": _l("%(who)s saved the plan’s contingency, monitoring or review date"),
    "plan.item_decision_noted": _l("%(who)s noted a decision against a bottom line or question"),
    "plan.resource_added": _l("%(who)s asked for a resource: %(resource)s"),
    "plan.resource_saved": _l("%(who)s changed a resource request: %(resource)s"),
    "plan.resource_removed": _l("%(who)s removed a resource request"),
    "plan.resource_signed_off": _l("%(who)s recorded a manager’s sign-off of a resource: %(resource)s"),
    "plan.status_changed": _l("%(who)s marked the plan ‘%(status)s’"),
    "plan.decided": _l("%(who)s recorded the referrer’s decision on version %(version)s of the plan: %(outcome)s"),
    "plan.version_verified": _l("%(who)s checked version %(version)s of the plan against its fingerprint"),
    "plan.pdf_downloaded": _l("%(who)s downloaded the plan as a PDF"),
    "plan.review_recorded": _l("%(who)s recorded a review of the plan"),
    "family.link_created": _l("%(who)s made a family link for %(person)s"),
    "family.link_revoked": _l("%(who)s revoked %(person)s’s family link"),
    "family.pin_reset": _l("%(who)s set a new PIN on %(person)s’s family link"),
    "family.letter_printed": _l("%(who)s printed the family link letter for %(person)s"),
    "family.link_opened": _l("%(person)s opened their family link"),
    "family.link_refused": _l("A family link was refused because it had expired, been revoked or locked"),
    "family.viewed": _l("%(person)s read the plan"),
    "family.acknowledged": _l("%(person)s said they have read version %(version)s of the plan"),
    "family.task_updated": _l("%(person)s updated a task in the plan"),
    "family.pin_passed": _l("%(person)s entered their PIN"),
    "family.pin_failed": _l("A wrong PIN was entered on %(person)s’s family link"),
    "family.pin_locked": _l("%(person)s’s family link was locked after wrong PINs"),
    "family.pdf_downloaded": _l("%(person)s downloaded their plan"),
    "case.viewed": _l("%(who)s looked at the case"),
    "message.queued": _l("%(who)s queued a message to %(recipient)s: %(message)s"),
    "message.sent": _l("The message to %(recipient)s was sent: %(message)s"),
    "message.kept": _l("The message to %(recipient)s was kept here, not sent (no message service is set up): "
                       "%(message)s"),
    "message.delivered": _l("The message to %(recipient)s was delivered: %(message)s"),
    "message.retrying": _l("The message to %(recipient)s could not be sent yet, and will be tried again: "
                           "%(message)s"),
    "message.failed": _l("The message to %(recipient)s could not be sent: %(message)s"),
    "message.cancelled": _l("The message to %(recipient)s was cancelled: %(message)s"),
}
_WORDS = {
    "reference": _l("reference"), "family": _l("family section"), "risks": _l("risks section"),
    "purpose": _l("purpose section"), "needs": _l("needs section"), "referrer": _l("referrer section"),
    "question": _l("question for the family"), "bottom_line": _l("bottom line"), "resource": _l("resource"),
    "conference": _l("conference"), "review": _l("review"),
}


def kind_of(action):
    return _KIND_OF.get(action) or {"plan": "plan", "family": "family", "message": "messages"}.get(
        action.split(".")[0], "other")


def _meeting(names, meeting_id, kind):
    found = names["meeting"].get(meeting_id)
    if found is None:
        return str(_WORDS.get(kind, _l("meeting")))
    words = {"conference": _("conference on %(date)s"), "review": _("review on %(date)s")}
    return words.get(found[0], _("meeting on %(date)s")) % {"date": long_date(found[1][:10])}


_TYPED = ("who", "person", "child", "professional", "consent", "pr_holder", "item", "task", "resource", "coordinator",
          "note", "recipient")


def _message_words(detail):
    """"Family link by text message", from a message event's detail."""
    if "kind" not in detail or "channel" not in detail:
        return ""
    kind = MESSAGE_KINDS.get(detail["kind"], detail["kind"])
    channel = str(MESSAGE_CHANNELS.get(detail["channel"], detail["channel"])).lower()
    return _("%(kind)s by %(channel)s", kind=kind, channel=channel)


def sentence(event, names):
    """The event as one sentence, who did what to which record: HTML, with every name or text a person typed
    escaped and isolated (``bdi``) from the app's own words."""
    action, detail = event["action"], event["detail"] if isinstance(event["detail"], dict) else {}
    unknown = _("someone since removed")

    def name(kind, key):
        value = detail.get(key)
        return names[kind].get(value) or unknown if value is not None else unknown

    who = names["user"].get(event.get("user_id")) or event.get("actor") or _("Someone")
    person = name("person", "person_id")
    if detail.get("person_id") is None and detail.get("link_id") is not None:
        person = name("link", "link_id")
    values = {
        "who": who, "person": person, "child": name("child", "child_id"),
        "professional": name("professional", "professional_id"), "consent": name("consent", "consent_id"),
        "pr_holder": name("pr_holder", "pr_holder_id"), "item": name("item", "item_id"),
        "task": name("task", "task_id"), "resource": name("resource", "resource_id"),
        "coordinator": names["user"].get(detail.get("coordinator_id"), unknown),
        "meeting": _meeting(names, detail.get("meeting_id"), detail.get("kind")),
        "section": str(_WORDS.get(detail.get("section"), _l("details"))),
        "kind": str(_WORDS.get(detail.get("kind"), _l("item"))),
        "invitation": str(INVITATION.get(detail.get("invitation"), detail.get("invitation", ""))),
        "status": str(PLAN_STATUSES.get(detail.get("to"), detail.get("to", ""))),
        "outcome": str(DECISIONS.get(detail.get("outcome"), detail.get("outcome", ""))).lower(),
        "version": detail.get("version") or detail.get("number") or "",
        "recipient": (name("person", "person_id") if detail.get("person_id") is not None
                      else name("professional", "professional_id") if detail.get("professional_id") is not None
                      else names["user"].get(detail.get("user_id"), unknown)),
        "message": _message_words(detail),
        "point": str(OUTCOME_POINTS.get(detail.get("point"), detail.get("point", ""))).lower(),
    }
    key = action
    if action == "stage":
        values.update(old=lifecycle.label(detail["from_stage"]), new=lifecycle.label(detail["to_stage"]),
                      note=detail.get("note") or "")
        key = "stage_note" if values["note"] else "stage"
    elif detail.get("added") and action in ("case.child_saved", "case.person_saved", "case.professional_saved",
                                            "plan.task_saved", "plan.resource_saved"):
        key = action.replace("_saved", "_added")
    elif action == "case.outcome_recorded" and detail.get("changed"):
        key = "case.outcome_changed"
    elif action == "case.allocated" and detail.get("reallocated"):
        key = "case.reallocated"
    elif action == "case.baseline_recorded" and detail.get("first") is False:
        key = "case.baseline_changed"
    for typed in _TYPED:
        if typed in values:
            values[typed] = bdi(values[typed])
    if key not in SENTENCES:
        return Markup(escape(_("%(who)s: %(action)s"))) % {"who": values["who"], "action": action}  # nosec B704 # the sentence is escaped first, and Markup's % escapes each value
    return Markup(escape(str(SENTENCES[key]))) % values  # nosec B704 # the sentence is escaped first, and Markup's % escapes each value


def entries(db, case_id, *, kind=None, page=1):
    """One page of the case's timeline, newest first, as dicts with at, who, kind and words; and the total.

    ``kind`` (a key of :data:`KINDS`) keeps only that kind; views of the case are left out unless asked for.
    """
    # Views of lists, and PDFs made in the background (the download is what the timeline shows), are left out.
    hidden = ["case.stage_changed", "case.list_viewed", "case.searched", "plan.pdf_made"]
    events = audit_data.for_record(db, "case", case_id, exclude=hidden)
    # Stage changes come from their own table, so moves made inside other actions
    # (allocation, the baseline, scheduling, withdrawal of consent) show too.
    events += [{"at": row["at"], "user_id": row["user_id"], "actor": row["user_name"], "action": "stage",
                "detail": dict(row)} for row in case_data.stage_history(db, case_id)]
    events = [event for event in events
              if (kind_of(event["action"]) == kind if kind else kind_of(event["action"]) != "views")]
    events.sort(key=lambda event: event["at"], reverse=True)
    total = len(events)
    page_events = events[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    names = audit_data.record_names(db, case_id)
    return [{"at": event["at"], "kind": kind_of(event["action"]), "words": sentence(event, names),
             "action": event["action"]} for event in page_events], total
