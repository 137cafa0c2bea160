"""Family links, the coordinator's side: make a private link for someone in the family network,
print it as a letter, set a new PIN, revoke it, and see what the family have said through theirs.

A link's token exists only in the response to the POST that made it: only its hash is stored, so the
page showing it is rendered straight from that POST (never a redirect to a page that could be
bookmarked, and sent no-store like every page), and the letter is made from a POST that carries the
token back in its body. A PIN is shown once, the same way, and stored only as an argon2 hash.

Nobody excluded can have a link, and nobody on a case whose consent is withdrawn: the data layer
refuses both (``network.Excluded``, ``LinkRefused``), and these views say so plainly.
"""

import datetime
import json
import re
import secrets

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from .. import access
from ..data import consents, iso, network, parse
from ..data import family_links as links
from ..data import messages as message_data
from ..data import plans as plan_data
from ..data import users as user_data
from ..db import get_db
from ..domain import audit, family_links, messages, passwords, vocabulary
from ..domain.deadlines import today
from ..domain.workdays import add_months
from ..forms import links as forms
from ..forms.base import show_outcome
from ..forms.fields import LONDON
from ..render import letter
from ..render.pdf import RenderError

bp = Blueprint("links", __name__, url_prefix="/cases/<id:case_id>/links")

EXPIRY_AFTER_REVIEW = datetime.timedelta(days=14)
MONTHS_WITHOUT_REVIEW = 3
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
# Lazy: give flash() str(WITHDRAWN), never the lazy string itself.
WITHDRAWN = _l("Consent has been withdrawn, so nobody on this case can be sent a link")


# Dates

def default_expiry(db, case_id):
    """The plan's review date plus 14 days; with no review date (or one long gone), 3 months and
    14 days from today."""
    plan = plan_data.get(db, case_id)
    fallback = add_months(today(), MONTHS_WITHOUT_REVIEW) + EXPIRY_AFTER_REVIEW
    if not plan or not plan["review_on"]:
        return fallback
    try:
        day = datetime.date.fromisoformat(plan["review_on"][:10]) + EXPIRY_AFTER_REVIEW
    except ValueError:
        return fallback
    return day if day > today() else fallback


def end_of_day(day):
    """The last moment of ``day`` in UK time, as stored: UTC ISO text."""
    return iso(datetime.datetime.combine(day, datetime.time.max, LONDON))


def expiry_day(link):
    """The UK day a link stops working at the end of."""
    return parse(link["expires_at"]).astimezone(LONDON).date()


def new_pin():
    return f"{secrets.randbelow(10**6):06d}"


# Helpers

def _link(db, case_id, link_id):
    return access.found(links.get(db, case_id, link_id))


def _state(link):
    state = links.state(link)
    return "excluded" if state == "revoked" and link["revoked_reason"] == "excluded" else state


def _consent_withdrawn(db, case_id):
    return consents.state(db, case_id) == "withdrawn"


def _to_list(case_id):
    return redirect(url_for("links.index", case_id=case_id))


def _coordinator(db, case):
    """Who the family should contact: the case's coordinator, else whoever is printing the letter."""
    found = user_data.get(db, case["coordinator_id"]) if case["coordinator_id"] else None
    return (found["name"], found["email"]) if found else (current_user.name, current_user.email)


def _offered(db, case_id, plan):
    """Everyone in the network who may have a link (nobody excluded), with why they might need one."""
    owners = set()
    if plan:
        for task in plan_data.tasks(db, plan["id"]):
            owners.update(task["who_people"])
    holding = {link["person_id"] for link in links.for_case(db, case_id) if links.state(link) == "open"}
    people = []
    for person in network.for_case(db, case_id):
        if person["excluded"]:
            continue
        notes = []
        if "pr_holder" in person["roles"]:
            notes.append(_("Has parental responsibility"))
        if person["id"] in owners:
            notes.append(_("Has tasks in the plan"))
        if person["id"] in holding:
            notes.append(_("Already has a link that works"))
        people.append((person, ". ".join(notes)))
    return people


def _task_labels(db, plan, updates):
    """Label each update 'Task N: what', from the version the family saw, else from the plan as it is now."""
    by_version = {}
    for number in {update["number"] for update in updates}:
        found = plan_data.version(db, plan["id"], number)
        try:
            tasks = json.loads(found["content"])["tasks"] if found else []
        except (ValueError, KeyError, TypeError):
            tasks = []
        by_version[number] = {task.get("key"): _("Task %(number)s: %(task)s", number=position,
                                                  task=task.get("what", ""))
                              for position, task in enumerate(tasks, start=1) if isinstance(task, dict)}
    current = {task["id"]: _("Task %(number)s: %(task)s", number=position, task=task["what"])
               for position, task in enumerate(plan_data.tasks(db, plan["id"]), start=1)}
    for update in updates:
        update["task"] = (by_version[update["number"]].get(update["task_key"]) or current.get(update["task_key"])
                          or _("A task no longer in the plan"))


def _send_options(person):
    """The ways this person's link can be sent: {channel: what it goes to}, from their details on record."""
    options = {}
    if "sms" in messages.channels() and messages.mobile(person["phone"]):
        options["sms"] = _("Text message to %(number)s", number=messages.mobile(person["phone"]))
    if "email" in messages.channels() and messages.email_address(person["email"]):
        options["email"] = _("Email to %(address)s", address=messages.email_address(person["email"]))
    return options


def _created_page(case, link, person, token, *, pin=None, error=None, status=200, form=None, sent=None):
    """The one page that shows the link (and the PIN, when there is a new one). Rendered from a POST only."""
    url = url_for("family.open_link", token=token, _external=True)
    options = _send_options(person)
    if form is None:
        form = forms.SendLinkForm(formdata=None, data={
            "token": token, "message_language": messages.language_of(person),
            "channel": next(iter(options)) if len(options) == 1 else None})
    form.channel.choices = [SelectChoice(channel, label) for channel, label in options.items()]
    page = render_template("links/created.html", case=case, link=link, person=person, url=url, pin=pin,
                           expires_on=expiry_day(link), token=token, form=form, error=error, sent=sent,
                           options=options)
    return page, status


def _make(db, case, form, withdrawn):
    """Make the link the form asks for and return the page that shows it, or None with the form's errors set."""
    person_id = int(form.person.data)
    if network.get(db, case["id"], person_id) is None:
        form.person.errors.append(_("Select who the link is for"))  # nobody on this case: a tampered form
        return None
    pin = new_pin() if form.pin.data == "yes" else None
    pin_hash = passwords.hash_password(pin) if pin else None  # slow on purpose: outside the transaction
    expires_at = end_of_day(form.expires_on.data)
    outcome = family_links.create(db, case["id"], person_id, expires_at=expires_at, pin_hash=pin_hash,
                                  consent_withdrawn=withdrawn, user=current_user)
    if not outcome.done:
        show_outcome(form, outcome, None)
        return None
    link_id, token = outcome.value
    return _created_page(case, links.get(db, case["id"], link_id), network.get(db, case["id"], person_id), token,
                         pin=pin)


# Pages

@bp.route("")
@login_required
def index(case_id):
    case = access.current_case()
    db = get_db()
    rows = []
    for link in links.for_case(db, case_id):
        rows.append(dict(link, state=_state(link), expires_on=expiry_day(link)))
    plan = plan_data.get(db, case_id)
    acknowledgements = links.acknowledgements(db, plan["id"]) if plan else []
    updates = links.task_updates(db, plan["id"]) if plan else []
    if updates:
        _task_labels(db, plan, updates)
    return render_template("links/index.html", case=case, links=rows, state_words=vocabulary.LINK_STATES,
                           state_classes=vocabulary.LINK_STATE_CLASSES, acknowledgements=acknowledgements, updates=updates,
                           consent_withdrawn=_consent_withdrawn(db, case_id), can_manage=access.can("progress"))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new(case_id):
    case = access.current_case()
    access.require("progress")
    db = get_db()
    withdrawn = _consent_withdrawn(db, case_id)
    form = forms.NewLinkForm(data={"pin": "no", "expires_on": default_expiry(db, case_id)}
                             if request.method == "GET" else None)
    if withdrawn and not form.is_submitted():
        flash(str(WITHDRAWN), "error")
        return _to_list(case_id)
    offered = _offered(db, case_id, plan_data.get(db, case_id))
    form.person.choices = [SelectChoice(str(person["id"]), person["name"]) for person, _note in offered]
    if form.validate_on_submit():
        made = _make(db, case, form, withdrawn)
        if made:
            return made
    return render_template("links/new.html", case=case, form=form,
                           hints={str(person["id"]): note for person, note in offered if note})


def _token(db, case, link, token):
    """The link's token, posted back by the page that showed it; 400 if it is not this link's."""
    token = token or ""
    found = links.by_token(db, token) if TOKEN.fullmatch(token) else None
    if found is None or found["id"] != link["id"] or found["case_id"] != case["id"]:
        abort(400)  # not this link's token: the link exists, the request is wrong
    return token


def _no_letter(db, case_id, link):
    """Why there is no letter to print for this link, or None."""
    state = _state(link)
    if state == "expired":
        return _("This link has expired, so there is no letter to print")
    if state == "excluded":
        return str(family_links.EXCLUDED)
    if state != "open":
        return _("This link has been revoked, so there is no letter to print")
    return str(WITHDRAWN) if _consent_withdrawn(db, case_id) else None


@bp.route("/<id:link_id>/letter", methods=["POST"])
@login_required
def print_letter(case_id, link_id):
    """The letter, from the token posted back by the page that showed the new link."""
    case = access.current_case()
    access.require("progress")
    db = get_db()
    link = _link(db, case_id, link_id)
    form = forms.LetterForm()
    if not form.validate_on_submit():
        abort(400)
    token = _token(db, case, link, form.token.data)
    refusal = _no_letter(db, case_id, link)
    if refusal:
        flash(refusal, "error")
        return _to_list(case_id)
    person = network.get(db, case_id, link["person_id"])
    url = url_for("family.open_link", token=token, _external=True)
    coordinator_name, coordinator_email = _coordinator(db, case)
    language = form.letter_language()
    try:
        with force_locale(language):  # the letter's words and dates; the pages around it stay as they are
            document = letter.letter_pdf(
                person_name=person["name"], link=url, expires_on=expiry_day(link), has_pin=bool(link["pin_hash"]),
                coordinator_name=coordinator_name, coordinator_email=coordinator_email,
                service_name=current_app.config["SERVICE_NAME"], written_on=today(), language=language)
    except RenderError as error:
        current_app.logger.warning("Family link letter for case %s could not be made: %s", case_id, error)
        return _created_page(case, link, person, token, status=503,
                             error=_("Sorry, the letter cannot be made just now. Try again in a few minutes"))
    audit.record("family.letter_printed", record_type="case", record_id=case_id,
                 detail={"link_id": link_id, "person_id": link["person_id"], "language": language})
    response = Response(document, mimetype="application/pdf")
    response.headers.set("Content-Disposition", "attachment", filename=letter.filename(case["reference"], language))
    return response


@bp.route("/<id:link_id>/send", methods=["POST"])
@login_required
def send(case_id, link_id):
    """Send the link by text message or email, from the token posted back by the page that showed it."""
    case = access.current_case()
    access.require("progress")
    db = get_db()
    link = _link(db, case_id, link_id)
    form = forms.SendLinkForm()
    token = _token(db, case, link, form.token.data)
    person = network.get(db, case_id, link["person_id"])
    form.channel.choices = [SelectChoice(channel, label) for channel, label in _send_options(person).items()]
    if form.validate():
        outcome = family_links.send(db, case_id, link, url=url_for("family.open_link", token=token, _external=True),
                                    expires_on=expiry_day(link), channel=form.channel.data,
                                    language=form.message_language.data, user=current_user)
        if outcome.done:
            return _created_page(case, link, person, token, sent=message_data.get(db, outcome.value))
        show_outcome(form, outcome, None)
    return _created_page(case, link, person, token, form=form)


@bp.route("/<id:link_id>/revoke", methods=["GET", "POST"])
@login_required
def revoke(case_id, link_id):
    case = access.current_case()
    access.require("progress")
    db = get_db()
    link = _link(db, case_id, link_id)
    if link["revoked_at"]:
        flash(_("%(name)s’s link has already been revoked", name=link["person_name"]), "info")
        return _to_list(case_id)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        family_links.revoke(db, case_id, link, user=current_user)
        flash(_("%(name)s’s link has been revoked. It no longer works", name=link["person_name"]), "success")
        return _to_list(case_id)
    return render_template("links/revoke.html", case=case, form=form, link=link, expires_on=expiry_day(link))


@bp.route("/<id:link_id>/pin", methods=["GET", "POST"])
@login_required
def pin(case_id, link_id):
    case = access.current_case()
    access.require("progress")
    db = get_db()
    link = _link(db, case_id, link_id)
    if _state(link) != "open":
        flash(_("%(name)s’s link no longer works, so it cannot have a new PIN", name=link["person_name"]), "error")
        return _to_list(case_id)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        chosen = new_pin()
        pin_hash = passwords.hash_password(chosen)
        if not family_links.reset_pin(db, case_id, link, pin_hash, user=current_user).value:
            abort(404)
        return render_template("links/pin_set.html", case=case, link=link, pin=chosen)
    return render_template("links/pin.html", case=case, form=form, link=link)
