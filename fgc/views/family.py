"""The pages families see, through a private link: no account, phone-first, Welsh or English.

A link's token is used once per visit: ``/f/<token>`` swaps it for a short-lived HttpOnly
cookie scoped to ``/family`` and redirects to a clean URL, so the token does not linger in
history or referrers. Unknown tokens answer 404 and are counted per client address; too many
answer 429 and the burst is audited. Expired and revoked links answer 410 with the
coordinator's details. Every family page is audited, sent with a same-origin referrer policy, noindex and
no-store, and kept out of robots' reach. ``/family/plan.pdf`` is the same plan as a PDF in the
family's language (fgc.render.family_pdf), with nothing from the council's side of the case.
"""

import json
import re
from datetime import timedelta

from flask import Blueprint, Response, abort, current_app, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import i18n
from ..data import cases as case_data
from ..data import consents
from ..data import family_links as links
from ..data import messages as message_data
from ..data import plans as plan_data
from ..data import users as user_data
from ..db import get_db
from ..domain import family_visits, filing, passwords, plan_document, reminders, throttle
from ..forms import family as forms
from ..render import family_pdf
from ..security import csrf

bp = Blueprint("family", __name__)
COOKIE = "fgc_family"
COOKIE_PATH = "/family"
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


@bp.after_request
def family_headers(response):
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(400)
@bp.errorhandler(404)
@bp.errorhandler(405)
def family_error(error):
    """Errors on family pages stay in the family's language and look, not the staff pages'.

    400 covers a stale form too (CSRFError is a BadRequest)."""
    return render_template("family/error.html", status=error.code), error.code


@bp.route("/robots.txt")
def robots():
    return Response("User-agent: *\nDisallow: /f/\nDisallow: /family\n", mimetype="text/plain")


def _audit(action, link, **detail):
    family_visits.record(get_db(), action, link, **detail)


def _coordinator(db, case_id):
    case = case_data.get(db, case_id)
    return user_data.get(db, case["coordinator_id"]) if case and case["coordinator_id"] else None


def _gone(db, link, reason):
    """410: the link no longer works. Say so plainly and say who to ask."""
    _audit("family.link_refused", link, reason=reason)
    page = render_template("family/gone.html", reason=reason, coordinator=_coordinator(db, link["case_id"]))
    return page, 410


def _refusal(db, link):
    """Why this link cannot be used now, or None."""
    if links.state(link) != "open":
        return links.state(link)
    if consents.state(db, link["case_id"]) == "withdrawn":
        return "withdrawn"
    if link["pin_locked_at"]:
        return "locked"
    return None


@bp.route("/f/<token>")
def open_link(token):
    db = get_db()
    ip = throttle.ip_key()
    window = timedelta(minutes=current_app.config["FAMILY_MISS_WINDOW_MINUTES"])
    limit = current_app.config["FAMILY_MISS_LIMIT"]
    # A real link always opens, however many wrong ones others at this address have tried (a family on mobile
    # data or council Wi-Fi shares it with many); only unknown links are counted and slowed.
    link = links.by_token(db, token) if TOKEN.fullmatch(token) else None
    if link is None:
        if not family_visits.note_unknown_link(db, ip, window=window, limit=limit).value:
            return render_template("family/slow_down.html"), 429
        return render_template("family/not_found.html"), 404
    refusal = _refusal(db, link)
    if refusal:
        return _gone(db, link, refusal)
    lifetime = timedelta(minutes=current_app.config["FAMILY_SESSION_MINUTES"])
    session_token = family_visits.start_visit(db, link, lifetime).value
    target = url_for("family.pin" if link["pin_hash"] else "family.plan")
    response = redirect(target, code=303)
    response.set_cookie(COOKIE, session_token, max_age=int(lifetime.total_seconds()), path=COOKIE_PATH,
                        secure=current_app.config["HTTPS"], httponly=True, samesite="Lax")
    return response


def _current(*, pin_needed=True):
    """(session, link) for this browser, or a page that says why not (via abort)."""
    db = get_db()
    found = links.session(db, request.cookies.get(COOKIE))
    if found is None:
        abort(make_response(render_template("family/no_session.html"), 403))
    session, link = found
    refusal = _refusal(db, link)
    if refusal:
        abort(make_response(*_gone(db, link, refusal)))
    if pin_needed and link["pin_hash"] and not session["pin_passed"]:
        abort(redirect(url_for("family.pin"), code=303))
    g.family_link = link
    return session, link


def _shown_plan(db, case_id):
    """(plan, document, number, agreed) the family see: the latest agreed version, else the draft."""
    plan = plan_data.get(db, case_id)
    if plan is None:
        return None, None, None, False
    agreed = plan_data.latest_agreed(db, plan["id"])
    if agreed:
        return plan, json.loads(agreed["content"]), agreed["number"], True
    return plan, plan_document.assemble(db, case_data.get(db, case_id), plan), plan["number"], False


def _own(task, person_id):
    return any(who["kind"] == "person" and who["id"] == person_id for who in task["who"])


def _plan_context(db, link):
    """What the family see of their plan, for the page and the PDF alike."""
    plan, document, number, agreed = _shown_plan(db, link["case_id"])
    tasks = list(enumerate(document["tasks"], start=1)) if document else []
    # Only the bottom lines and questions: the professionals' danger statements are the council's side.
    key = plan_document.answer_key(document, kinds=plan_document.MUST_ANSWER) if document else []
    person = next((p for p in document["network"]["people"] if p["id"] == link["person_id"]), None) \
        if document else None
    return {
        "plan": plan, "document": document, "agreed": agreed, "number": number,
        "mine": [(n, t) for n, t in tasks if _own(t, link["person_id"])],
        "others": [(n, t) for n, t in tasks if not _own(t, link["person_id"])],
        "person": person, "coordinator": _coordinator(db, link["case_id"]),
        "acknowledged": links.acknowledgement(db, link["id"], plan["id"], number) if plan else None,
        "updates": _updates_by_task(db, plan, link) if plan else {},
        "key": key,
        "answers": {task["key"]: plan_document.task_answers(task, key, unknown=False) for _, task in tasks},
        "reminders": _reminders(db, link),
    }


def _reminders(db, link):
    """"sms" or "email" while this person has chosen task reminders, "stopped" once they stopped them here, else
    None."""
    choice = message_data.choice(db, link["person_id"])
    if choice and choice["choice"] == "in":
        return choice["channel"]
    return "stopped" if choice and choice["source"] == "family" else None


@bp.route("/family/")
def plan():
    _session, link = _current()
    db = get_db()
    context = _plan_context(db, link)
    family_visits.viewed(db, link, context["number"])
    context.pop("plan")
    return render_template("family/plan.html", **context, form=None)


@bp.route("/family/plan.pdf", methods=["GET", "POST"])
def plan_pdf():
    """The plan as the family see it, as a PDF in their language: nothing from the council's side. It is made in
    the background: until it is ready, a page says so and checks for it (``?check=1`` answers which it is)."""
    _session, link = _current()
    db = get_db()
    context = _plan_context(db, link)
    if context["document"] is None:
        return redirect(url_for("family.plan"), code=303)
    retry = request.method == "POST"
    if retry and not forms.ActionForm().validate_on_submit():
        abort(400)
    language = i18n.language()
    download = filing.family_download(db, context["plan"], family_pdf.html_for(context, language=language),
                                      language=language, link_id=link["id"], retry=retry)
    if retry:
        return redirect(url_for("family.plan_pdf"), code=303)
    if request.args.get("check"):
        return {"state": download.state}
    if download.state == filing.PREPARING:
        return render_template("family/pdf_preparing.html", job=download.job, url=url_for("family.plan_pdf")), 202
    if download.state == filing.FAILED:
        return render_template("family/pdf_failed.html", form=None, url=url_for("family.plan_pdf"))
    _audit("family.pdf_downloaded", link, number=context["number"], agreed=context["agreed"], language=language)
    response = Response(download.pdf, mimetype="application/pdf")
    response.headers.set("Content-Disposition", "attachment", filename=family_pdf.filename(language))
    return response


def _updates_by_task(db, plan, link):
    latest = {}
    for row in links.task_updates(db, plan["id"]):
        if row["link_id"] == link["id"]:
            latest.setdefault(row["task_key"], row)
    return latest


@bp.route("/family/read", methods=["POST"])
def acknowledge():
    _, link = _current()
    db = get_db()
    plan, _document, number, agreed = _shown_plan(db, link["case_id"])
    if not agreed or not forms.ActionForm().validate_on_submit():
        abort(400)
    family_visits.acknowledge(db, link, plan["id"], number)
    return redirect(url_for("family.plan", _anchor="read"), code=303)


@bp.route("/family/reminders/stop", methods=["POST"])
def stop_reminders():
    """"Stop reminders": no more reminders before their tasks are due, straight away."""
    _, link = _current()
    if not forms.ActionForm().validate_on_submit():
        abort(400)
    reminders.stop_from_family(get_db(), link, family_visits.actor(link))
    return redirect(url_for("family.plan", _anchor="reminders"), code=303)


@bp.route("/family/tasks/<int(max=999999999):task_key>", methods=["GET", "POST"])
def task(task_key):
    _, link = _current()
    db = get_db()
    plan, document, number, agreed = _shown_plan(db, link["case_id"])
    mine = {t["key"]: (n, t) for n, t in enumerate(document["tasks"] if document else [], start=1)
            if _own(t, link["person_id"])}
    if task_key not in mine:
        abort(404)
    form = forms.TaskUpdateForm()
    if form.validate_on_submit():
        family_visits.update_task(db, link, plan["id"], number, task_key, done_now=form.done.data,
                                  note=form.note.data or "")
        return redirect(url_for("family.plan", _anchor=f"task-{task_key}"), code=303)
    position, found = mine[task_key]
    return render_template("family/task.html", form=form, task=found, position=position)


@bp.route("/family/pin", methods=["GET", "POST"])
def pin():
    session, link = _current(pin_needed=False)
    if not link["pin_hash"] or session["pin_passed"]:
        return redirect(url_for("family.plan"), code=303)
    db = get_db()
    form = forms.PinForm()
    if form.validate_on_submit():
        ok = passwords.verify(link["pin_hash"], form.pin.data)
        locked = family_visits.check_pin(db, session, link, ok).value
        if ok:
            return redirect(url_for("family.plan"), code=303)
        if locked:
            return _gone(db, dict(link, pin_locked_at="now"), "locked")
        form.pin.errors = [_("That PIN is not right. Check it and try again")]
    return render_template("family/pin.html", form=form)


@bp.route("/family/language", methods=["POST"])
def language():
    form = forms.LanguageForm()
    chosen = form.language.data if form.validate_on_submit() else "en"
    target = request.form.get("next", "")
    if not target.startswith("/family") or "//" in target or "\\" in target:
        target = url_for("family.plan")
    response = redirect(target, code=303)
    response.set_cookie(i18n.COOKIE, chosen, max_age=365 * 24 * 3600, path="/", secure=current_app.config["HTTPS"],
                        httponly=True, samesite="Lax")
    return response


@bp.route("/family/exit", methods=["GET", "POST"])
@csrf.exempt  # leaving must always work, even from a page whose form has gone stale
def quick_exit():
    """Leave at once: end this browser's family session and go to a neutral site. The Exit this page button is
    a link here (GET), so it works without JavaScript too; it can only end the visit of the browser that asks."""
    token = request.cookies.get(COOKIE)
    if token:
        family_visits.end_visit(get_db(), token)
    response = redirect(current_app.config["QUICK_EXIT_URL"], code=303)
    response.delete_cookie(COOKIE, path=COOKIE_PATH)
    return response
