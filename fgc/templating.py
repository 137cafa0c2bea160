"""Jinja set-up: GOV.UK Frontend macros, role-based navigation, form errors and dates."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import request, url_for
from flask_login import current_user
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

from .data import parse
from .forms.accounts import ROLE_LABELS

LONDON = ZoneInfo("Europe/London")

# (label, endpoint, roles allowed); the first match for the current endpoint is marked current.
NAVIGATION = [
    ("Home", "main.home", None),
    ("Users", "admin.users", {"admin"}),
]


def navigation():
    if not current_user.is_authenticated:
        return []
    items = []
    for label, endpoint, roles in NAVIGATION:
        if roles is None or current_user.role in roles:
            section = endpoint.split(".")[0]
            current = request.endpoint == endpoint or (
                section != "main" and (request.endpoint or "").startswith(section + "."))
            items.append({"text": label, "href": url_for(endpoint), "current": current})
    return items


def error_list(form):
    """The GOV.UK error summary's list: one link per field error, in the order fields appear."""
    # Errors about the whole form (such as an edit conflict) come first and point at its first field.
    first_field = next((field for field in form if field.type not in ("CSRFTokenField", "HiddenField")), None)
    items = [{"text": message, "href": f"#{first_field.id}" if first_field else "#main-content"}
             for message in form.form_errors]
    for field in form:
        if field.errors:
            # A radio group's first option carries the group's id, as GOV.UK Frontend renders it.
            items.append({"text": field.errors[0], "href": f"#{field.id}"})
    return items


def field_error(field):
    return {"text": field.errors[0]} if field.errors else None


def date_time(value):
    """'22 November 2026 at 7:34am', in UK time."""
    moment = parse(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        return ""
    local = moment.astimezone(LONDON)
    return f"{local.day} {local:%B %Y} at {local:%-I:%M}{local:%p}".replace("AM", "am").replace("PM", "pm")


def init_app(app):
    app.jinja_loader = ChoiceLoader([
        app.jinja_loader,
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    ])
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(navigation=navigation, error_list=error_list, field_error=field_error,
                                 role_labels=ROLE_LABELS)
    app.jinja_env.filters["date_time"] = date_time
