"""The family network through its actions: people and their links to the children, invitations, exclusion and
attendance each land with their audit event; an excluded person is refused with words a coordinator can act on."""

import pytest
from factories import case_actions, case_events, make_case, user_id

from fgc.data import cases as case_data
from fgc.data import meetings as meeting_data
from fgc.data import network
from fgc.data import users as user_data
from fgc.domain import family_network


@pytest.fixture
def coordinator(db):
    return user_data.get_by_email(db, "coordinator@example.org")


@pytest.fixture
def case(db):
    return case_data.get(db, make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="NET-1",
                                       coordinator_id=user_id(db, "coordinator@example.org")))


@pytest.fixture
def nain(db, case):
    [person] = network.for_case(db, case["id"])
    return person


def exclude(db, case, person, coordinator):
    family_network.exclude(db, case["id"], person["id"], reason="Risk to the children", approved_by="A Manager",
                           on="2026-03-01", user=coordinator)


def test_a_person_is_added_with_their_links_to_the_children_and_audited(db, case, coordinator):
    [child] = case_data.children(db, case["id"])
    outcome = family_network.save_person(db, case["id"], {"name": "Uncle Dai", "side": "paternal",
                                                          "roles": ["relative"]}, {child["id"]: "Uncle"},
                                         user=coordinator)
    person = network.get(db, case["id"], outcome.value)
    assert (person["name"], person["side"], person["roles"]) == ("Uncle Dai", "paternal", ["relative"])
    assert [(row["child_id"], row["relationship"]) for row in person["relationships"]] == [(child["id"], "Uncle")]
    assert case_events(db, case["id"]) == [("case.person_saved", {"person_id": outcome.value, "added": True})]


def test_a_change_is_saved_at_its_version_and_a_stale_one_is_a_conflict_with_what_is_saved_now(db, case, nain,
                                                                                               coordinator):
    assert family_network.save_person(db, case["id"], {"phone": "01234 567890"}, None, user=coordinator,
                                      person_id=nain["id"], version=nain["version"]).done
    stale = family_network.save_person(db, case["id"], {"phone": "07000 000000"}, None, user=coordinator,
                                       person_id=nain["id"], version=nain["version"])
    assert stale.conflict and stale.current["phone"] == "01234 567890", "what is saved now, to merge"
    assert network.get(db, case["id"], nain["id"])["phone"] == "01234 567890"
    assert case_events(db, case["id"]) == [("case.person_saved", {"person_id": nain["id"], "added": False})]


@pytest.mark.parametrize("invitation", ["contacted", "invited", "confirmed", "declined"])
def test_an_invitation_moves_on_and_is_audited(db, case, nain, coordinator, invitation):
    assert family_network.set_invitation(db, case["id"], nain["id"], invitation, "2026-03-02", user=coordinator).done
    person = network.get(db, case["id"], nain["id"])
    assert (person["invitation"], person["invitation_on"]) == (invitation, "2026-03-02")
    assert case_events(db, case["id"]) == [("case.invitation_changed",
                                            {"person_id": nain["id"], "invitation": invitation})]


@pytest.mark.parametrize("invitation, allowed", [("invited", False), ("confirmed", False), ("contacted", True),
                                                 ("declined", True)])
def test_an_excluded_person_cannot_be_invited_or_confirmed(db, case, nain, coordinator, invitation, allowed):
    exclude(db, case, nain, coordinator)
    outcome = family_network.set_invitation(db, case["id"], nain["id"], invitation, "2026-03-02", user=coordinator)
    assert outcome.done is allowed
    if not allowed:
        assert (outcome.field, "excluded" in outcome.problem) == ("invitation", True)
    expected = invitation if allowed else "not_contacted"
    assert network.get(db, case["id"], nain["id"])["invitation"] == expected
    assert len(case_events(db, case["id"])) == (2 if allowed else 1)


def test_excluding_someone_withdraws_their_invitation_and_lifting_it_is_kept_in_the_history(db, case, nain,
                                                                                           coordinator):
    family_network.set_invitation(db, case["id"], nain["id"], "confirmed", "2026-03-02", user=coordinator)
    exclude(db, case, nain, coordinator)
    person = network.get(db, case["id"], nain["id"])
    assert (person["excluded"], person["invitation"], person["excluded_on"]) == (1, "not_contacted", "2026-03-01")
    assert family_network.lift_exclusion(db, case["id"], nain["id"], reason="Risk assessed again",
                                         user=coordinator).done
    assert network.get(db, case["id"], nain["id"])["excluded"] == 0
    assert [(row["change"], row["reason"]) for row in network.exclusion_history(db, nain["id"])] == [
        ("excluded", "Risk to the children"), ("lifted", "Risk assessed again")]
    assert case_events(db, case["id"])[1:] == [("case.person_excluded", {"person_id": nain["id"]}),
                                               ("case.exclusion_lifted", {"person_id": nain["id"]})]
    assert family_network.set_invitation(db, case["id"], nain["id"], "invited", "2026-03-09", user=coordinator).done


@pytest.mark.parametrize("mode, excluded, problem", [
    ("in_person", False, None), ("", True, None), ("did_not_attend", True, None),
    ("remote", True, "Nain Jones is excluded, so cannot be recorded as taking part"),
    ("by_carrier_pigeon", False, "Select how they took part")])
def test_attendance_problems_name_a_made_up_way_of_taking_part_or_an_excluded_person(mode, excluded, problem):
    people = [{"id": 7, "name": "Nain Jones", "excluded": excluded}]
    assert family_network.attendance_problems(people, {7: mode}) == ({7: problem} if problem else {})


def test_attendance_is_recorded_for_each_choice_and_a_blank_leaves_it_as_it_was(db, case, nain, coordinator):
    uncle = family_network.save_person(db, case["id"], {"name": "Uncle Dai"}, None, user=coordinator).value
    [conference] = meeting_data.for_case(db, case["id"])
    family_network.record_attendance(db, case["id"], conference["id"], {nain["id"]: "remote", uncle: "in_person"},
                                     user=coordinator)
    assert family_network.record_attendance(db, case["id"], conference["id"], {nain["id"]: "in_person", uncle: ""},
                                            user=coordinator).done
    assert network.attendance(db, conference["id"]) == {nain["id"]: "in_person", uncle: "in_person"}
    assert case_events(db, case["id"])[-2:] == [("case.attendance_recorded", {"meeting_id": conference["id"]})] * 2


def test_the_professionals_attendance_is_recorded_in_the_same_event(db, case, nain, coordinator):
    from fgc.data import professionals

    [doctor] = professionals.for_case(db, case["id"])
    [conference] = meeting_data.for_case(db, case["id"])
    assert family_network.record_attendance(db, case["id"], conference["id"], {nain["id"]: "remote"}, user=coordinator,
                                            professional_choices={doctor["id"]: "written_views"}).done
    assert professionals.attendance(db, conference["id"]) == {doctor["id"]: "written_views"}
    assert network.attendance(db, conference["id"]) == {nain["id"]: "remote"}
    assert case_actions(db, case["id"]).count("case.attendance_recorded") == 1


def test_attendance_for_an_excluded_person_is_refused_and_records_nobody(db, case, nain, coordinator):
    uncle = family_network.save_person(db, case["id"], {"name": "Uncle Dai"}, None, user=coordinator).value
    exclude(db, case, nain, coordinator)
    [conference] = meeting_data.for_case(db, case["id"])
    with pytest.raises(network.Excluded):
        family_network.record_attendance(db, case["id"], conference["id"], {uncle: "in_person", nain["id"]: "remote"},
                                         user=coordinator)
    assert network.attendance(db, conference["id"]) == {}
    assert "case.attendance_recorded" not in case_actions(db, case["id"])
