"""Timeline sentences say who did what to which record, keep typed text isolated, and survive removed records."""

import pytest

from fgc.domain.timeline import KINDS, kind_of, sentence

NAMES = {"person": {5: "Glenys Morgan-Jones", 6: "<b>Dai</b>\u202e"}, "child": {9: "Siân"},
         "professional": {3: "Dr Pat Hughes"}, "meeting": {4: ("conference", "2026-11-06T10:00:00+00:00")},
         "consent": {}, "pr_holder": {}, "item": {}, "task": {7: "Nain collects the children"}, "resource": {},
         "link": {2: "Glenys Morgan-Jones"}, "user": {1: "Cerys Llywelyn", 2: "Morgan Ellis"}}


def event(action, detail=None, user_id=1):
    return {"action": action, "detail": detail or {}, "user_id": user_id, "actor": "someone@example.org"}


def words(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(str(html), "html.parser").get_text()


@pytest.mark.parametrize("action, detail, expected", [
    ("case.person_saved", {"added": True, "person_id": 5}, "Cerys Llywelyn added Glenys Morgan-Jones to the network"),
    ("case.person_saved", {"added": False, "person_id": 5},
     "Cerys Llywelyn changed Glenys Morgan-Jones’s details in the network"),
    ("case.allocated", {"coordinator_id": 1, "reallocated": False}, "Cerys Llywelyn allocated the case to Cerys Llywelyn"),
    ("case.meeting_held", {"kind": "conference", "meeting_id": 4},
     "Cerys Llywelyn recorded the conference on 6 November 2026 as held"),
    ("case.child_views_saved", {"child_id": 9}, "Cerys Llywelyn recorded Siân’s views"),
    ("plan.task_saved", {"added": True, "task_id": 7}, "Cerys Llywelyn added a task to the plan: “Nain collects the children”"),
    ("family.acknowledged", {"link_id": 2, "number": 2},
     "Glenys Morgan-Jones said they have read version 2 of the plan"),
    ("plan.decided", {"outcome": "agreed", "version": 1},
     "Cerys Llywelyn recorded the referrer’s decision on version 1 of the plan: agreed"),
])
def test_each_event_says_who_did_what_to_which_record(app, action, detail, expected):
    with app.test_request_context():
        assert words(sentence(event(action, detail), NAMES)) == expected


def test_a_record_since_removed_is_named_as_such(app):
    with app.test_request_context():
        assert words(sentence(event("case.person_excluded", {"person_id": 99}), NAMES)) == \
            "Cerys Llywelyn excluded someone since removed from the conference"


def test_typed_names_are_escaped_isolated_and_lose_bidi_controls(app):
    with app.test_request_context():
        html = str(sentence(event("case.person_saved", {"added": True, "person_id": 6}), NAMES))
    assert "<bdi>&lt;b&gt;Dai&lt;/b&gt;</bdi>" in html and "\u202e" not in html


def test_an_unknown_action_still_says_who(app):
    with app.test_request_context():
        assert words(sentence(event("case.something_new"), NAMES)) == "Cerys Llywelyn: case.something_new"


def test_every_kind_a_filter_offers_has_events():
    assert {kind_of(a) for a in ("case.person_saved", "stage", "case.viewed", "plan.decided", "family.viewed",
                                 "case.meeting_held", "case.baseline_recorded", "case.referred",
                                 "message.sent")} == set(KINDS)
