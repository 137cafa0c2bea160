"""Conferences and reviews: scheduling, rescheduling with history, cancelling, recording and invites."""

from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from .. import access, service
from ..data import consents, iso, parse
from ..data import meetings as meeting_data
from ..db import get_db
from ..domain import audit, invites, lifecycle, meeting_messages, meetings
from ..domain.workdays import bank_holiday_title
from ..forms import meetings as forms
from ..forms.base import show_outcome, version_of
from ..i18n import long_date

bp = Blueprint("meetings", __name__, url_prefix="/cases/<id:case_id>/meetings")
LONDON = ZoneInfo("Europe/London")


def _values(form):
    start, end = form.moments()
    # Stored in UTC, like every timestamp, so they compare as text; shown in UK time.
    return {"starts_at": iso(start), "ends_at": iso(end), "venue": form.venue.data,
            "address": form.address.data or "", "access_notes": form.access_notes.data or "",
            "interpreter_language": form.interpreter_language.data or "",
            "remote_details": form.remote_details.data or ""}


def _warn_if_day_off(form):
    """Families often meet at weekends, so a day off is booked, but said, in case it was a slip."""
    day = form.day.data
    why = service.calendar().closed_because(day)
    if why is None:
        return
    when = long_date(day, weekday=True)
    flash({
        "weekend": _("%(day)s is a weekend day. The meeting is booked for then: check that everyone can come",
                     day=when),
        "bank_holiday": _("%(day)s is a bank holiday (%(name)s). The meeting is booked for then: check that "
                          "everyone can come", day=when, name=bank_holiday_title(day)),
        "closure_day": _("%(day)s is a day the service is closed. The meeting is booked for then: check that "
                         "everyone can come", day=when),
    }[why], "warning")


def _refuse_if_paused(case):
    if consents.state(get_db(), case["id"]) == "withdrawn":
        return _("Consent has been withdrawn: no meetings can be arranged until it is given again")
    return None


@bp.route("/new/<any(conference, review):kind>", methods=["GET", "POST"])
@login_required
def schedule(case_id, kind):
    case = access.current_case()
    access.require("progress")
    target = meetings.SCHEDULED_STAGE[kind]
    refusal = _refuse_if_paused(case) or lifecycle.refusal(case["stage"], target)
    if refusal:
        flash(refusal, "error")
        return redirect(url_for("cases.view", case_id=case_id))
    form = forms.MeetingForm(data={"interpreter_language": case["interpreter_language"]}
                             if request.method == "GET" else None)
    del form.reason  # a reason is asked for only when changing a meeting
    if form.validate_on_submit():
        meetings.schedule(get_db(), case, kind, _values(form), uid_domain=current_app.config["INVITE_UID_DOMAIN"],
                          user=current_user)
        _warn_if_day_off(form)
        flash(_("The conference has been scheduled. Download the calendar invite to send it")
              if kind == "conference" else
              _("The review has been scheduled. Download the calendar invite to send it"), "success")
        return redirect(url_for("cases.meetings_list", case_id=case_id))
    return render_template("meetings/form.html", case=case, form=form, kind=kind, meeting=None,
                           title=_("Schedule the conference") if kind == "conference" else _("Schedule the review"))


def _meeting(case_id, meeting_id):
    return access.found(meeting_data.get(get_db(), case_id, meeting_id))


@bp.route("/<id:meeting_id>/change", methods=["GET", "POST"])
@login_required
def change(case_id, meeting_id):
    case = access.current_case()
    access.require("progress")
    meeting = _meeting(case_id, meeting_id)
    refusal = _("Only a scheduled meeting can be changed") if meeting["status"] != "scheduled" else \
        _refuse_if_paused(case)
    if refusal:
        flash(refusal, "error")
        return redirect(url_for("cases.meetings_list", case_id=case_id))
    data = None
    if request.method == "GET":
        start, end = parse(meeting["starts_at"]).astimezone(LONDON), parse(meeting["ends_at"]).astimezone(LONDON)
        data = dict(meeting, day=start.date(), start_time=start.strftime("%H:%M"), end_time=end.strftime("%H:%M"))
    form = forms.MeetingForm(data=data)
    if form.validate_on_submit():
        if not form.reason.data:
            form.reason.errors = [_("Enter the reason for the change")]
        else:
            outcome = meetings.change(get_db(), case_id, meeting, version_of(form), _values(form),
                                      reason=form.reason.data, user=current_user)
            if not outcome.done:
                show_outcome(form, outcome, _("Someone else changed this meeting while you were editing it. Your "
                                              "changes have not been saved: check the meeting, then make them again"))
            else:
                flash(_("The conference has been rescheduled. Download the updated invite: it replaces the "
                        "earlier one in calendars") if meeting["kind"] == "conference" else
                      _("The review has been rescheduled. Download the updated invite: it replaces the earlier "
                        "one in calendars"), "success")
                _warn_if_day_off(form)
                return redirect(url_for("cases.meetings_list", case_id=case_id))
    return render_template("meetings/form.html", case=case, form=form, kind=meeting["kind"], meeting=meeting,
                           history=meeting_data.history(get_db(), meeting_id),
                           title=_("Change the conference") if meeting["kind"] == "conference" else
                           _("Change the review"))


@bp.route("/<id:meeting_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(case_id, meeting_id):
    case = access.current_case()
    access.require("progress")
    meeting = _meeting(case_id, meeting_id)
    if meeting["status"] != "scheduled":
        flash(_("Only a scheduled meeting can be cancelled"), "error")
        return redirect(url_for("cases.meetings_list", case_id=case_id))
    form = forms.CancelMeetingForm(data={"version": meeting["version"]} if request.method == "GET" else None)
    if form.validate_on_submit():
        outcome = meetings.cancel(get_db(), case, meeting, version_of(form), reason=form.reason.data,
                                  user=current_user)
        if not outcome.done:
            show_outcome(form, outcome, _("Someone else changed this meeting while you were looking at it. Check it, "
                                          "then cancel it again if you still need to"))
        else:
            flash(_("The conference has been cancelled. Download the cancellation to remove it from calendars")
                  if meeting["kind"] == "conference" else
                  _("The review has been cancelled. Download the cancellation to remove it from calendars"), "success")
            return redirect(url_for("cases.meetings_list", case_id=case_id))
    return render_template("meetings/cancel.html", case=case, form=form, meeting=meeting)


@bp.route("/<id:meeting_id>/held", methods=["GET", "POST"])
@login_required
def held(case_id, meeting_id):
    case = access.current_case()
    access.require("progress")
    meeting = _meeting(case_id, meeting_id)
    target = meetings.HELD_STAGE[meeting["kind"]]
    refusal = lifecycle.refusal(case["stage"], target) if meeting["status"] == "scheduled" else \
        _("Only a scheduled meeting can be recorded as held")
    if refusal:
        flash(refusal, "error")
        return redirect(url_for("cases.meetings_list", case_id=case_id))
    form = forms.HeldForm(data={"held_on": parse(meeting["starts_at"]).astimezone(LONDON).date()}
                          if request.method == "GET" else None)
    if form.validate_on_submit():
        if form.held_on.data.isoformat() < (case["referred_on"] or ""):
            form.held_on.errors = [_("Date it was held must be on or after the date of the referral")]
        else:
            meetings.mark_held(get_db(), case, meeting, form.held_on.data.isoformat(),
                               private_time=form.private_time.data == "yes", user=current_user)
            flash(_("The conference has been recorded as held") if meeting["kind"] == "conference" else
                  _("The review has been recorded as held"), "success")
            return redirect(url_for("cases.view", case_id=case_id))
    return render_template("meetings/held.html", case=case, form=form, meeting=meeting)


@bp.route("/<id:meeting_id>/invite.ics")
@login_required
def invite(case_id, meeting_id):
    case = access.current_case()
    meeting = _meeting(case_id, meeting_id)
    if meeting["status"] == "held":
        abort(404)
    refusal = _refuse_if_paused(case) if meeting["status"] == "scheduled" else None
    if refusal:
        flash(refusal, "error")
        return redirect(url_for("cases.meetings_list", case_id=case_id))
    # Invites may travel outside the council: they name the case reference, never the children.
    body = meeting_messages.calendar(case, meeting, organiser_email=meeting_messages.organiser(get_db(), case,
                                                                                                current_user),
                                     for_family=False)
    audit.record("case.invite_downloaded", record_type="case", record_id=case_id,
                 detail={"meeting_id": meeting_id, "sequence": meeting["sequence"],
                         # The audit trail has always held "Conference"/"Review" here: keep that exact English,
                         # whatever the interface language, rather than a (lazy or translated) label.
                         "kind": meeting["kind"].capitalize()})
    filename = invites.invite_filename(case["reference"], meeting["kind"])
    return Response(body.encode("utf-8"), mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/<id:meeting_id>/tell", methods=["GET", "POST"])
@login_required
def tell(case_id, meeting_id):
    """Tell everyone invited about the meeting as it now is: an invitation, a change or a cancellation."""
    case = access.current_case()
    access.require("progress")
    db = get_db()
    meeting = _meeting(case_id, meeting_id)
    if meeting["status"] == "held":
        abort(404)
    form = forms.TellForm()
    if form.validate_on_submit():
        outcome = meeting_messages.send(db, case, meeting, user=current_user)
        if outcome.done:
            flash(ngettext("%(num)d message is on its way", "%(num)d messages are on their way", outcome.value)
                  if outcome.value else _("Everyone who can be told already has been"), "success")
            return redirect(url_for("messages.index", case_id=case_id))
        flash(outcome.problem, "error")
    people = meeting_messages.recipients(db, case, meeting)
    return render_template("meetings/tell.html", case=case, meeting=meeting, form=form, people=people,
                           withdrawn=_refuse_if_paused(case))
