"""Jinja set-up: GOV.UK Frontend macros, role-based navigation, form errors and dates."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import request, url_for
from flask.templating import Environment as FlaskEnvironment
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_babel import get_locale
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader, nodes
from jinja2.ext import Extension
from markupsafe import Markup

from . import service
from .db import get_db
from .domain import case_header as case_header_rules
from .domain import lifecycle, vocabulary
from .data import parse
from .i18n import bdi, long_date

LONDON = ZoneInfo("Europe/London")


class Environment(FlaskEnvironment):
    """Flask's Jinja environment, with each template's globals in one dict rather than a ChainMap.

    Jinja looks up every global a template uses (``url_for``, ``_``, ``csrf_token``, the macros' ``caller``…)
    in a ChainMap of the template's globals and the environment's, in Python: about 700 lookups on a case page.
    Every global of the app is set in ``create_app``, before any template loads, so one merged dict holds the
    same names. (A global added after a template has loaded would not reach that template.)
    """

    def make_globals(self, d):
        return {**self.globals, **(d or {})}


class Fragments(Extension):
    """``{% fragment "name" %}…{% endfragment %}``: a part of a page that is the same on every page in one
    language (the GOV.UK header, phase banner, footer, skip link), rendered once per language and kept.

    The GOV.UK Frontend macros take about as long to render the page's chrome as the case page's own content
    takes; nothing inside a fragment may depend on the request, the user or the page.
    """

    tags = {"fragment"}

    def __init__(self, environment):
        super().__init__(environment)
        environment.extend(fragments={})

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        name = parser.parse_expression()
        body = parser.parse_statements(("name:endfragment",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", [name]), [], [], body).set_lineno(lineno)

    def _render(self, name, caller):
        key = (name, str(get_locale()))
        kept = self.environment.fragments.get(key)
        if kept is None:
            kept = self.environment.fragments[key] = caller()
        return kept

CASE_ROLES = {"manager", "coordinator", "social_worker"}
# (label, endpoint, roles allowed, endpoints that count as this section).
NAVIGATION = [
    (_l("Home"), "main.home", None, ()),
    (_l("Waiting for a coordinator"), "cases.unallocated", {"manager"}, ()),
    (_l("Cases"), "cases.index", CASE_ROLES, ("cases.", "referrals.", "meetings.")),
    (_l("Search"), "cases.search", CASE_ROLES, ()),
    (_l("Plans"), "plan_records.index", {"social_worker"}, ("plan_records.",)),
    (_l("Reports"), "reports.index", {"manager"}, ("reports.",)),
    (_l("Disposal review"), "retention.index", {"manager"}, ("retention.",)),
    (_l("Users"), "admin.users", {"admin"}, ("admin.user", "admin.new_user", "admin.edit_user")),
    (_l("Closure days"), "admin.closure_days", {"admin"}, ()),
    (_l("Messages"), "admin.messages_sent", {"admin"}, ("admin.message",)),
    (_l("Background work"), "admin.jobs", {"admin"}, ()),
    # Admins and data protection officers.
    (_l("Access records"), "access_records.index", lambda user: user.sees_access_records, ("access_records.",)),
]
# The parts of a case, in the sub-navigation of every case page: (label, endpoint, endpoints that are that part).
CASE_TABS = [
    (_l("Overview"), "cases.view", ("cases.view",)),
    (_l("Referral"), "cases.referral", ("cases.referral",)),
    (_l("Network"), "network.register", ("network.",)),
    (_l("Preparation"), "cases.preparation", ("cases.preparation", "preparation.")),
    (_l("Meetings"), "cases.meetings_list", ("cases.meetings_list", "meetings.")),
    (_l("Plan"), "plans.view", ("plans.", "plan_records.")),
    (_l("Outcomes"), "child_outcomes.index", ("child_outcomes.",)),
    (_l("Family links"), "links.index", ("links.",)),
    (_l("Messages"), "messages.index", ("messages.",)),
    (_l("Timeline"), "cases.timeline", ("cases.timeline",)),
]
STAGE_CLASSES = {
    "draft": "govuk-tag--grey", "referred": "govuk-tag--light-blue", "allocated": "govuk-tag--light-blue",
    "closed": "govuk-tag--grey", "on_hold": "govuk-tag--yellow", "withdrawn": "govuk-tag--orange",
    "declined_by_family": "govuk-tag--orange", "plan_agreed": "govuk-tag--green",
}


def navigation():
    if not current_user.is_authenticated:
        return []
    here = request.endpoint or ""
    items = []
    for label, endpoint, roles, sections in NAVIGATION:
        if roles is None or (roles(current_user) if callable(roles) else current_user.role in roles):
            exact = [item for item in NAVIGATION if item[1] == here]
            current = here == endpoint or (not exact and here.startswith(sections) if sections else False)
            items.append({"text": str(label), "href": url_for(endpoint), "current": current})
    return items


def case_tabs(case):
    """The case's sub-navigation, with the part this page belongs to marked."""
    here = request.endpoint or ""
    return [{"text": str(label), "href": url_for(endpoint, case_id=case["id"]), "active": here.startswith(parts)}
            for label, endpoint, parts in CASE_TABS]


def case_header(case):
    """What the header of every case page shows (:mod:`fgc.domain.case_header`)."""
    return case_header_rules.header(get_db(), case, service.deadlines())


def _target(field):
    """The element an error links to: a date's first box in error; a radio or checkbox group's
    first option, which GOV.UK Frontend gives the group's id; otherwise the field itself."""
    if field.type == "DateInput":
        return f"{field.id}-{(field.error_parts or ('day',))[0]}"
    return field.id


def error_list(form):
    """The GOV.UK error summary's list: one link per field error, in the order fields appear."""
    # Errors about the whole form (such as an edit conflict) come first and point at its first field.
    first_field = next((field for field in form if field.type not in ("CSRFTokenField", "HiddenField")), None)
    items = [{"text": message, "href": f"#{_target(first_field)}" if first_field else "#main-content"}
             for message in form.form_errors]
    for field in form:
        if field.errors:
            items.append({"text": field.errors[0], "href": f"#{_target(field)}"})
    return items


def field_error(field):
    return {"text": field.errors[0], "visuallyHiddenText": _("Error")} if field.errors else None


def date_time(value):
    """'22 November 2026 at 7:34am', in UK time."""
    moment = parse(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        return ""
    local = moment.astimezone(LONDON)
    # Translators: a date and a time of day, such as "22 November 2026 at 7:34am".
    return _("%(date)s at %(time)s", date=long_date(local.date()),
             time=f"{local:%-I:%M}{local:%p}".replace("AM", "am").replace("PM", "pm"))


def time_only(value):
    moment = parse(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        return ""
    local = moment.astimezone(LONDON)
    return f"{local:%-I:%M}{local:%p}".replace("AM", "am").replace("PM", "pm")


# What a translated margin-box sentence may leave for the page to fill in, and the CSS that does it.
_MARGIN_VALUES = {"{page}": "counter(page)", "{pages}": "counter(pages)", "{generated}": "string(generated)"}


def css_content(sentence):
    """A translated sentence as the value of a print margin box's ``content``: its words as CSS strings,
    every character outside [A-Za-z0-9 ] escaped, and ``{page}``, ``{pages}`` and ``{generated}`` as
    the counters and running string they stand for. ``_('Page %(page)s of %(pages)s', page='{page}',
    pages='{pages}') | css_content`` gives ``"Page " counter(page) " of " counter(pages)``."""
    parts = []
    for piece in re.split(r"({page}|{pages}|{generated})", str(sentence)):
        if piece in _MARGIN_VALUES:
            parts.append(_MARGIN_VALUES[piece])
        elif piece:
            parts.append('"' + "".join(char if char.isascii() and (char.isalnum() or char == " ")
                                       else f"\\{ord(char):06x}" for char in piece) + '"')
    return Markup(" ".join(parts) or "none")  # nosec B704 # every character outside a safe set is written as a CSS escape above


def init_app(app):
    app.jinja_loader = ChoiceLoader([
        app.jinja_loader,
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    ])
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.add_extension(Fragments)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(
        navigation=navigation, case_tabs=case_tabs, case_header=case_header, bdi=bdi, error_list=error_list, field_error=field_error, role_labels=vocabulary.STAFF_ROLES,
        stage_label=lifecycle.label, stage_class=lambda stage: STAGE_CLASSES.get(stage, "govuk-tag--blue"),
        legal_statuses=vocabulary.LEGAL_STATUSES, risks=vocabulary.RISKS, offer_responses=vocabulary.OFFER_RESPONSES,
        consent_bases=vocabulary.CONSENT_BASES, vocabulary=vocabulary)
    app.jinja_env.filters.update(css_content=css_content, date_time=date_time, long_date=long_date, time_only=time_only)
