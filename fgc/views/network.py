"""The family network register: people, relationships, invitations, exclusions and attendance."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from .. import access
from ..data import cases as case_data
from ..data import meetings as meeting_data
from ..data import messages as message_data
from ..data import network, professionals
from ..db import get_db
from ..domain import deadlines, family_network, reminders, vocabulary
from ..forms import network as forms
from ..forms.base import show_outcome, strip, version_of
from ..render import network_picture

bp = Blueprint("network", __name__, url_prefix="/cases/<id:case_id>/network")

# Only these roles may ever see an address marked "do not disclose".
SEES_HIDDEN_ADDRESSES = ("coordinator", "manager")


def sees_hidden_addresses():
    return current_user.role in SEES_HIDDEN_ADDRESSES


def _person(case_id, person_id):
    return access.found(network.get(get_db(), case_id, person_id))


@bp.route("")
@login_required
def register(case_id):
    case = access.current_case()
    db = get_db()
    people = network.for_case(db, case_id)
    children = case_data.children(db, case_id)
    team = professionals.for_case(db, case_id)
    excluded = sum(1 for person in people if person["excluded"])
    picture = network_picture.draw(
        [{"id": child["id"], "name": child["name"]} for child in children], people, team,
        title=_("Network picture for %(reference)s", reference=case["reference"]),
        description=_("The family by generation, mother’s side on the left and father’s side on the right, with the "
                      "children in the middle: %(people)d family and friends, %(excluded)d excluded, and "
                      "%(professionals)d professionals set apart. The register table on this page lists every family "
                      "member and friend; the professionals' page lists the professionals.",
                      people=len(people) - excluded, excluded=excluded, professionals=len(team)))
    return render_template("network/register.html", case=case, people=people, children=children,
                           show_hidden=sees_hidden_addresses(), can_edit=access.can("progress"), picture=picture)


def _relationships(existing, children):
    """{child id: relationship}: as saved when the page opens, then the boxes named relationship-<child id>."""
    if request.method == "POST":
        return {child["id"]: strip(request.form.get(f"relationship-{child['id']}", "")) for child in children}
    return {row["child_id"]: row["relationship"] for row in existing["relationships"]} if existing else {}


def _person_values(form):
    values = {name: "" if form[name].data is None else form[name].data for name in network.DETAILS if name in form}
    values["address_hidden"] = 1 if form.address_hidden.data else 0
    return values


@bp.route("/new", methods=["GET", "POST"], defaults={"person_id": None})
@bp.route("/<id:person_id>", methods=["GET", "POST"])
@login_required
def person(case_id, person_id):
    case = access.current_case()
    access.require("progress")
    db = get_db()
    existing = _person(case_id, person_id) if person_id else None
    children = case_data.children(db, case_id)
    form = forms.PersonForm(data=existing if request.method == "GET" else None)
    if request.method == "GET" and existing:
        form.version.data = existing["version"]
    if existing and existing["address_hidden"] and not sees_hidden_addresses():
        abort(403)
    relationships = _relationships(existing, children)
    too_long = [child["name"] for child in children
                if len(relationships.get(child["id"], "")) > forms.RELATIONSHIP_MAX]
    if form.validate_on_submit() and too_long:
        form.form_errors.append(_("Relationship to %(name)s must be %(max)s characters or fewer", name=too_long[0],
                                  max=forms.RELATIONSHIP_MAX))
    elif form.validate_on_submit():
        values = _person_values(form)
        outcome = family_network.save_person(db, case_id, values, relationships, user=current_user,
                                             person_id=person_id, version=version_of(form) if person_id else None)
        if not outcome.done:
            show_outcome(form, outcome, _("Someone else changed this person while you were editing. Your changes "
                                          "have not been saved: check the register, then make them again"))
        else:
            flash(_("%(name)s has been added to the network", name=values["name"]) if person_id is None
                  else _("%(name)s has been updated in the network", name=values["name"]), "success")
            return redirect(url_for("network.register", case_id=case_id))
    return render_template("network/person.html", case=case, form=form, person=existing, children=children,
                           relationships=relationships)


@bp.route("/several", methods=["GET", "POST"])
@login_required
def several(case_id):
    """Add several people in one go: a row each (MOJ "add another"), saved together or not at all."""
    case = access.current_case()
    access.require("progress")
    children = case_data.children(get_db(), case_id)
    rows = forms.read_several(request.form, children) if request.method == "POST" else []
    editing = request.form.get("add_row") or request.form.get("remove")
    if request.form.get("remove", "").isdigit():
        rows = [row for row in rows if row["position"] != int(request.form["remove"])]
    if request.method == "POST" and not editing and rows and not any(row["errors"] for row in rows):
        people = [({"name": row["name"], "side": row["side"], "roles": [row["role"]] if row["role"] else []},
                   row["relationships"]) for row in rows]
        family_network.add_people(get_db(), case_id, people, user=current_user)
        flash(ngettext("%(num)d person has been added to the network", "%(num)d people have been added to the "
                       "network", len(people)), "success")
        return redirect(url_for("network.register", case_id=case_id))
    problem = _("Enter at least one person") if request.method == "POST" and not editing and not rows else None
    blank = max(forms.SEVERAL_ROWS - len(rows), 1 if editing == "yes" or not rows else 0)
    return render_template("network/several.html", case=case, children=children, rows=rows, blank=blank,
                           show_errors=request.method == "POST" and not editing, problem=problem,
                           sides=vocabulary.SIDES, roles=vocabulary.NETWORK_ROLES)


@bp.route("/<id:person_id>/invitation", methods=["GET", "POST"])
@login_required
def invitation(case_id, person_id):
    case = access.current_case()
    access.require("progress")
    person = _person(case_id, person_id)
    form = forms.InvitationForm(data={"invitation": person["invitation"], "invitation_on": person["invitation_on"]}
                                if request.method == "GET" else None)
    if form.validate_on_submit():
        outcome = family_network.set_invitation(get_db(), case_id, person_id, form.invitation.data,
                                                form.invitation_on.data.isoformat(), user=current_user)
        if not outcome.done:
            show_outcome(form, outcome, None)
        else:
            flash(_("%(name)s: %(invitation)s", name=person["name"],
                    invitation=str(vocabulary.INVITATION[form.invitation.data]).lower()), "success")
            return redirect(url_for("network.register", case_id=case_id))
    return render_template("network/form.html", case=case, form=form, person=person,
                           title=_("Invitation for %(name)s", name=person["name"]), button=_("Save"))


@bp.route("/<id:person_id>/reminders", methods=["GET", "POST"])
@login_required
def reminders_choice(case_id, person_id):
    """A family member's choice of reminders before their tasks are due, recorded with how they asked."""
    case = access.current_case()
    access.require("progress")
    person = _person(case_id, person_id)
    if person["excluded"]:
        abort(404)
    db = get_db()
    current = message_data.choice(db, person_id)
    chosen = current["channel"] if current and current["choice"] == "in" else "none"
    form = forms.RemindersForm(data={"reminders": chosen} if request.method == "GET" else None)
    if form.validate_on_submit():
        channel = form.reminders.data if form.reminders.data != "none" else None
        outcome = reminders.choose(db, case_id, person_id, channel=channel, asked=form.asked.data or "",
                                   user=current_user)
        if outcome.done:
            flash(_("%(name)s will get a reminder before each of their tasks is due", name=person["name"]) if channel
                  else _("%(name)s will not get reminders", name=person["name"]), "success")
            return redirect(url_for("network.register", case_id=case_id))
        show_outcome(form, outcome, None)
    return render_template("network/reminders.html", case=case, form=form, person=person, current=current,
                           days=current_app.config["TASK_REMINDER_DAYS"])


@bp.route("/<id:person_id>/exclude", methods=["GET", "POST"])
@login_required
def exclude(case_id, person_id):
    case = access.current_case()
    access.require("progress")
    person = _person(case_id, person_id)
    if person["excluded"]:
        return redirect(url_for("network.register", case_id=case_id))
    form = forms.ExcludeForm()
    if form.validate_on_submit():
        family_network.exclude(get_db(), case_id, person_id, reason=form.reason.data,
                               approved_by=form.approved_by.data, on=form.excluded_on.data.isoformat(),
                               user=current_user)
        flash(_("%(name)s has been excluded. They cannot be invited, attend, or receive the plan", name=person["name"]),
              "success")
        return redirect(url_for("network.register", case_id=case_id))
    return render_template("network/form.html", case=case, form=form, person=person,
                           title=_("Exclude %(name)s", name=person["name"]), button=_("Exclude"),
                           button_classes="govuk-button--warning",
                           intro=_("Exclude someone only because of risk to the children, with a manager’s approval."))


@bp.route("/<id:person_id>/lift", methods=["GET", "POST"])
@login_required
def lift(case_id, person_id):
    case = access.current_case()
    access.require("progress")
    person = _person(case_id, person_id)
    if not person["excluded"]:
        return redirect(url_for("network.register", case_id=case_id))
    form = forms.LiftExclusionForm()
    if form.validate_on_submit():
        family_network.lift_exclusion(get_db(), case_id, person_id, reason=form.reason.data, user=current_user)
        flash(_("%(name)s’s exclusion has been lifted", name=person["name"]), "success")
        return redirect(url_for("network.register", case_id=case_id))
    return render_template("network/form.html", case=case, form=form, person=person,
                           title=_("Lift %(name)s’s exclusion", name=person["name"]), button=_("Lift exclusion"),
                           history=network.exclusion_history(get_db(), person_id))


@bp.route("/attendance/<id:meeting_id>", methods=["GET", "POST"])
@login_required
def attendance(case_id, meeting_id):
    case = access.current_case()
    access.require("progress")
    db = get_db()
    meeting = meeting_data.get(db, case_id, meeting_id)
    if meeting is None or meeting["status"] == "cancelled":
        abort(404)
    groups = {"person": network.for_case(db, case_id), "professional": professionals.for_case(db, case_id)}
    recorded = {"person": network.attendance(db, meeting_id), "professional": professionals.attendance(db, meeting_id)}
    errors = {"person": {}, "professional": {}}
    if request.method == "POST":
        choices = {kind: {row["id"]: request.form.get(f"{kind}-{row['id']}", "") for row in rows}
                   for kind, rows in groups.items()}
        errors = {kind: family_network.attendance_problems(groups[kind], choices[kind]) for kind in groups}
        if not any(errors.values()):
            family_network.record_attendance(db, case_id, meeting_id, choices["person"], user=current_user,
                                             professional_choices=choices["professional"])
            flash(_("Attendance has been recorded"), "success")
            return redirect(url_for("cases.meetings_list", case_id=case_id))
        recorded = {kind: {row_id: mode for row_id, mode in choices[kind].items() if mode} for kind in groups}
    return render_template("network/attendance.html", case=case, meeting=meeting, people=groups["person"],
                           team=groups["professional"], recorded=recorded, errors=errors,
                           modes=vocabulary.ATTENDANCE, today=deadlines.today())
