"""The family network: adding and changing people, invitations, exclusions and who took part in a meeting.

Each action is one transaction with its audit event, and returns an :class:`~fgc.domain.outcome.Outcome`.
An excluded person is refused here with words a coordinator can act on; below this, the data layer and
the schema refuse them too.
"""

from flask_babel import gettext as _

from ..data import network, professionals
from ..data.cases import VersionConflict
from ..db import write
from . import audit
from .outcome import conflict, done, refused


def save_person(db, case_id, values, relationships, *, user, person_id=None, version=None):
    """Add someone to the network (``person_id`` None) or change them. Done with their id."""
    try:
        with write(db):
            saved = network.save(db, case_id, values, person_id=person_id, version=version,
                                 relationships=relationships)
            audit.case_event(db, user, "case.person_saved", case_id, {"person_id": saved, "added": person_id is None})
    except VersionConflict:
        return conflict(network.get(db, case_id, person_id))
    return done(saved)


def add_people(db, case_id, people, *, user):
    """Add several people to the network in one go: all of them or, if anything fails, none. ``people`` is
    [(values, {child id: relationship})]. Done with their ids, in order."""
    with write(db):
        ids = []
        for values, relationships in people:
            person_id = network.save(db, case_id, values, relationships=relationships)
            audit.case_event(db, user, "case.person_saved", case_id, {"person_id": person_id, "added": True})
            ids.append(person_id)
    return done(ids)


def set_invitation(db, case_id, person_id, invitation, on, *, user):
    try:
        with write(db):
            network.set_invitation(db, case_id, person_id, invitation, on)
            audit.case_event(db, user, "case.invitation_changed", case_id,
                             {"person_id": person_id, "invitation": invitation})
    except network.Excluded:
        return refused(_("This person is excluded, so they cannot be invited or confirmed"), field="invitation")
    return done()


def exclude(db, case_id, person_id, *, reason, approved_by, on, user):
    """Exclude someone because of risk: they cannot be invited, attend or receive anything, and their
    family links stop working."""
    with write(db):
        network.exclude(db, case_id, person_id, reason=reason, approved_by=approved_by, on=on,
                        user_id=audit.user_id(user))
        audit.case_event(db, user, "case.person_excluded", case_id, {"person_id": person_id})
    return done()


def lift_exclusion(db, case_id, person_id, *, reason, user):
    with write(db):
        network.lift_exclusion(db, case_id, person_id, reason=reason, user_id=audit.user_id(user))
        audit.case_event(db, user, "case.exclusion_lifted", case_id, {"person_id": person_id})
    return done()


def attendance_problems(people, choices):
    """{person id: what is wrong} for the ways of taking part chosen for each person (code, or ""). Works for
    professionals too, who are never excluded."""
    problems = {}
    for person in people:
        mode = choices.get(person["id"], "")
        if mode and mode not in network.ATTENDANCE:
            problems[person["id"]] = _("Select how they took part")
        elif mode and person.get("excluded") and mode != "did_not_attend":
            problems[person["id"]] = _("%(name)s is excluded, so cannot be recorded as taking part",
                                       name=person["name"])
    return problems


def record_attendance(db, case_id, meeting_id, choices, *, user, professional_choices=None):
    """How each person took part in a meeting: ``choices`` maps person ids to a code ("" leaves one as it is),
    and ``professional_choices`` the case's professionals' ids in the same way."""
    with write(db):
        for person_id, mode in choices.items():
            if mode:
                network.record_attendance(db, person_id, meeting_id, mode, user_id=audit.user_id(user))
        for professional_id, mode in (professional_choices or {}).items():
            if mode:
                professionals.record_attendance(db, professional_id, meeting_id, mode, user_id=audit.user_id(user))
        audit.case_event(db, user, "case.attendance_recorded", case_id, {"meeting_id": meeting_id})
    return done()
