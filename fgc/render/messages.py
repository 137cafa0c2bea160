"""The words of each message, as fgc writes them for email through the mail relay and for the Messages page:
``templates/messages/public/KIND.txt`` (to families and professionals, in Welsh or English, from the family
pages' catalogue) and ``templates/messages/staff/KIND.txt`` (to staff, from the staff pages' catalogue).

A template sets ``subject`` and writes the body. Values are plain text: nothing is escaped (nothing here is
HTML), but every value loses its bidi controls on the way out, as on every page, so a typed name cannot reorder
the words around it. GOV.UK Notify writes its own words from its templates with the same values
(docs/messages.md).
"""

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..i18n import long_date, without_bidi_controls

PUBLIC = ("family_link", "meeting_invitation", "meeting_changed", "meeting_cancelled", "task_reminder")
STAFF = ("review_reminder", "referral_waiting", "plan_acknowledged", "task_updated", "pin_locked",
         "sign_in_under_attack", "second_factor_reset", "recovery_code_used")
MASK = "••••••"
# What a meeting is called in a message (``meeting``), from its kind (``meeting_kind``).
MEETINGS = {"conference": _l("family group conference"), "review": _l("review meeting")}
# What each GOV.UK Notify template fills in: ((service)), ((link)) and so on (docs/messages.md).
FIELDS = {
    "family_link": ("service", "link", "expires_on", "has_pin"),
    "meeting_invitation": ("service", "meeting", "starts_on", "starts_at", "ends_at", "place", "remote"),
    "meeting_changed": ("service", "meeting", "starts_on", "starts_at", "ends_at", "place"),
    "meeting_cancelled": ("service", "meeting", "starts_on"),
    "task_reminder": ("service", "due_on"),
    "review_reminder": ("reference", "review_on", "review_meeting", "url"),
    "referral_waiting": ("reference", "received_on", "urgent", "url"),
    "plan_acknowledged": ("reference", "number", "url"),
    "task_updated": ("reference", "url"),
    "pin_locked": ("reference", "url"),
    "sign_in_under_attack": ("account", "yours", "url"),
    "second_factor_reset": ("account", "url"),
    "recovery_code_used": ("account", "left", "url"),
}


def template_name(kind):
    if kind in PUBLIC:
        return f"messages/public/{kind}.txt"
    if kind in STAFF:
        return f"messages/staff/{kind}.txt"
    raise KeyError(kind)


def compose(kind, language, values):
    """(subject, body) of a message of ``kind`` in ``language`` ("en" or "cy") from ``values``."""
    template = current_app.jinja_env.get_template(template_name(kind))
    with force_locale("cy" if language == "cy" else "en"):
        module = template.make_module(_with_meeting(values))
        body = str(module)
        subject = " ".join(str(getattr(module, "subject", "")).split())
    return subject, _tidy(body)


def _with_meeting(values):
    """``values``, with the meeting named in the language in force (from ``meeting_kind``)."""
    values = dict(values)
    if "meeting_kind" in values:
        values["meeting"] = str(MEETINGS.get(values["meeting_kind"], MEETINGS["conference"]))
    return values


def _tidy(body):
    """No trailing spaces, no more than one blank line in a row, no blank lines at either end."""
    lines, blank = [], False
    for line in body.splitlines():
        line = line.rstrip()
        if not line:
            if lines and not blank:
                lines.append("")
            blank = True
            continue
        lines.append(line)
        blank = False
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def personalisation(kind, language, values):
    """What GOV.UK Notify's template for ``kind`` fills in: every value as text, dates (``…_on``) written out in
    ``language``, and yes/no for Notify's optional lines (``((has_pin??…))``)."""
    found = {}
    with force_locale("cy" if language == "cy" else "en"):
        for key, value in _with_meeting(values).items():
            if isinstance(value, bool):
                found[key] = "yes" if value else "no"
            elif key.endswith("_on"):
                found[key] = long_date(value, weekday=True)
            else:
                found[key] = without_bidi_controls("" if value is None else str(value))
    for key in FIELDS.get(kind, ()):
        found.setdefault(key, "")
    return found
