"""Preparing for the conference through its actions: what professionals bring, danger statements, sharing with the
family, each child's views and the 0-10 scales each land with their audit event, or come back as a conflict with
what is saved now. News the family has not heard must be shared again."""

import pytest
from factories import case_actions, case_events, make_case, user_id

from fgc.data import cases as case_data
from fgc.data import child_views, network, professionals, scales
from fgc.data import meetings as meeting_data
from fgc.data import users as user_data
from fgc.domain import family_network, preparation


@pytest.fixture
def coordinator(db):
    return user_data.get_by_email(db, "coordinator@example.org")


@pytest.fixture
def case(db):
    return case_data.get(db, make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="PREP-1",
                                       coordinator_id=user_id(db, "coordinator@example.org"), stage="preparing"))


@pytest.fixture
def doctor(db, case, coordinator):
    """The case's professional, with what they bring already shared with the family."""
    [row] = professionals.for_case(db, case["id"])
    preparation.mark_shared(db, case["id"], row["id"], "2026-03-01", user=coordinator)
    return professionals.get(db, case["id"], row["id"])


def test_a_professional_is_added_and_audited(db, case, coordinator):
    outcome = preparation.save_professional(db, case["id"], {"name": "Sam Evans", "agency": "School",
                                                             "attends": "information_sharing"}, user=coordinator)
    saved = professionals.get(db, case["id"], outcome.value)
    assert (saved["name"], saved["agency"], saved["shared_on"]) == ("Sam Evans", "School", None)
    assert case_events(db, case["id"]) == [("case.professional_saved",
                                            {"professional_id": outcome.value, "added": True})]


@pytest.mark.parametrize("change, shared_on", [({"worried": "Missed appointments"}, None),
                                               ({"contact": "01234 567890"}, "2026-03-01")],
                         ids=["new information", "contact details only"])
def test_changed_information_must_be_shared_again_but_new_contact_details_need_not(db, case, doctor, coordinator,
                                                                                   change, shared_on):
    outcome = preparation.save_professional(db, case["id"], change, user=coordinator, professional_id=doctor["id"],
                                            version=doctor["version"])
    assert outcome.done
    saved = professionals.get(db, case["id"], doctor["id"])
    assert ({key: saved[key] for key in change}, saved["shared_on"]) == (change, shared_on)
    assert case_events(db, case["id"])[-1] == ("case.professional_saved",
                                               {"professional_id": doctor["id"], "added": False})


def test_a_stale_professional_save_is_a_conflict_with_what_is_saved_now(db, case, doctor, coordinator):
    preparation.save_professional(db, case["id"], {"worried": "Missed appointments"}, user=coordinator,
                                  professional_id=doctor["id"], version=doctor["version"])
    stale = preparation.save_professional(db, case["id"], {"worried": "Nothing"}, user=coordinator,
                                          professional_id=doctor["id"], version=doctor["version"])
    assert stale.conflict and stale.current["worried"] == "Missed appointments", "what is saved now, to merge"
    assert professionals.get(db, case["id"], doctor["id"])["worried"] == "Missed appointments"
    assert case_actions(db, case["id"]) == ["case.professional_shared", "case.professional_saved"]


def test_a_new_danger_statement_is_audited_and_must_be_shared_again(db, case, doctor, coordinator):
    assert preparation.add_danger(db, case["id"], doctor["id"], "Children go hungry", "Fed every day",
                                  user=coordinator).done
    saved = professionals.get(db, case["id"], doctor["id"])
    assert [row["danger"] for row in saved["dangers"]] == ["Children hurt if fights continue", "Children go hungry"]
    assert saved["shared_on"] is None
    assert case_events(db, case["id"])[-1] == ("case.danger_statement_added", {"professional_id": doctor["id"]})


def test_removing_a_danger_statement_is_audited_once_and_a_second_removal_finds_nothing(db, case, doctor,
                                                                                        coordinator):
    [danger] = doctor["dangers"]
    assert preparation.remove_danger(db, case["id"], doctor["id"], danger["id"], user=coordinator).value is True
    assert professionals.get(db, case["id"], doctor["id"])["dangers"] == []
    assert preparation.remove_danger(db, case["id"], doctor["id"], danger["id"], user=coordinator).value is False
    assert case_events(db, case["id"])[1:] == [("case.danger_statement_removed",
                                                {"professional_id": doctor["id"], "danger_id": danger["id"]})]


def test_sharing_with_the_family_is_dated_and_audited(db, case, coordinator):
    [row] = professionals.for_case(db, case["id"])
    assert professionals.unshared_count(db, case["id"]) == 1
    assert preparation.mark_shared(db, case["id"], row["id"], "2026-03-05", user=coordinator).done
    assert professionals.get(db, case["id"], row["id"])["shared_on"] == "2026-03-05"
    assert professionals.unshared_count(db, case["id"]) == 0
    assert case_events(db, case["id"]) == [("case.professional_shared", {"professional_id": row["id"]})]


def views(wishes="To stay with Nain", **values):
    return {"wishes": wishes, "gathered": "direct", "gathered_note": "", "advocate_name": "", "attending": "part",
            "scale": 7, **values}


def test_a_childs_views_are_saved_then_changed_and_each_is_audited(db, case, coordinator):
    [child] = case_data.children(db, case["id"])
    assert preparation.save_child_views(db, case["id"], child["id"], views(), None, user=coordinator).done
    assert preparation.save_child_views(db, case["id"], child["id"], views(scale=8), 1, user=coordinator).done
    saved = child_views.get(db, child["id"])
    assert (saved["wishes"], saved["scale"], saved["version"]) == ("To stay with Nain", 8, 2)
    assert case_events(db, case["id"]) == [("case.child_views_saved", {"child_id": child["id"]})] * 2


@pytest.mark.parametrize("stale_version", [None, 1], ids=["second first-save", "old version"])
def test_stale_child_views_are_a_conflict_with_what_is_saved_now(db, case, coordinator, stale_version):
    [child] = case_data.children(db, case["id"])
    preparation.save_child_views(db, case["id"], child["id"], views(), None, user=coordinator)
    preparation.save_child_views(db, case["id"], child["id"], views("To go home"), 1, user=coordinator)
    stale = preparation.save_child_views(db, case["id"], child["id"], views("Not sure"), stale_version,
                                         user=coordinator)
    assert stale.conflict and stale.current["wishes"] == "To go home", "what is saved now, to merge"
    assert child_views.get(db, child["id"])["wishes"] == "To go home"
    assert len(case_events(db, case["id"])) == 2


def test_scales_are_set_and_cleared_for_a_meeting_and_audited(db, case, doctor, coordinator):
    [child] = case_data.children(db, case["id"])
    [nain] = network.for_case(db, case["id"])
    [conference] = meeting_data.for_case(db, case["id"])
    given = {("family", nain["id"]): 6, ("professional", doctor["id"]): 3, ("child", child["id"]): 8}
    preparation.record_scales(db, case["id"], conference["id"], given, user=coordinator)
    assert preparation.record_scales(db, case["id"], conference["id"], {("professional", doctor["id"]): None},
                                     user=coordinator).done
    assert scales.for_meeting(db, conference["id"]) == {("family", nain["id"]): 6, ("child", child["id"]): 8}
    assert case_events(db, case["id"])[-2:] == [("case.scales_recorded", {"meeting_id": conference["id"]})] * 2


def test_a_scale_for_an_excluded_person_is_refused_and_saves_no_score(db, case, coordinator):
    [child] = case_data.children(db, case["id"])
    [nain] = network.for_case(db, case["id"])
    [conference] = meeting_data.for_case(db, case["id"])
    family_network.exclude(db, case["id"], nain["id"], reason="Risk", approved_by="A Manager", on="2026-03-01",
                           user=coordinator)
    with pytest.raises(network.Excluded):
        preparation.record_scales(db, case["id"], conference["id"],
                                  {("child", child["id"]): 8, ("family", nain["id"]): 6}, user=coordinator)
    assert scales.for_meeting(db, conference["id"]) == {}
    assert "case.scales_recorded" not in case_actions(db, case["id"])
