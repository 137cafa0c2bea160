"""Family links through the coordinator's actions: each link is made, revoked or given a new PIN with its audit
event, nobody excluded (nor anyone on a case whose consent is withdrawn) is ever given one, and no link is
changed through another case."""

import datetime
import json

import pytest
from factories import make_case, user_id
from families import case_id, link_events, make_link, nain  # noqa: F401 (fixtures)

from fgc.data import family_links as links
from fgc.data import iso, network, now
from fgc.data import users as user_data
from fgc.db import write
from fgc.domain import family_links, passwords

PIN = "2468"


@pytest.fixture
def coordinator(db):
    return user_data.get_by_email(db, "coordinator@example.org")


@pytest.fixture
def other_case(db):
    return make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="FAM-2",
                     coordinator_id=user_id(db, "coordinator@example.org"))


def create(db, case, person_id, coordinator, *, pin=None, consent_withdrawn=False):
    return family_links.create(db, case, person_id, expires_at=iso(now() + datetime.timedelta(days=30)),
                               pin_hash=passwords.hash_password(pin) if pin else None,
                               consent_withdrawn=consent_withdrawn, user=coordinator)


def lock(db, link_id):
    with write(db):
        for _ in range(links.PIN_ATTEMPTS):
            links.record_pin_result(db, link_id, False)


def test_a_new_link_opens_for_its_person_and_is_audited_without_secrets(db, case_id, nain, coordinator):  # noqa: F811
    outcome = create(db, case_id, nain["id"], coordinator, pin=PIN)
    assert outcome.done
    link_id, token = outcome.value
    opened = links.by_token(db, token)
    assert (opened["id"], opened["case_id"], opened["person_id"]) == (link_id, case_id, nain["id"])
    assert links.state(opened) == "open" and opened["created_by"] == coordinator["id"]
    assert passwords.verify(opened["pin_hash"], PIN)
    assert token not in json.dumps(opened), "only the token's hash is kept"
    assert link_events(db, case_id) == [(coordinator["email"], "family.link_created", {
        "link_id": link_id, "person_id": nain["id"], "pin": True, "expires_at": opened["expires_at"]})]
    trail = json.dumps(link_events(db, case_id))
    assert token not in trail and PIN not in trail and opened["pin_hash"] not in trail


@pytest.mark.parametrize("excluded, consent_withdrawn, field, words", [
    (True, False, "person", "excluded because of risk"),
    (False, True, None, "Consent has been withdrawn"),
], ids=["excluded", "consent-withdrawn"])
def test_nobody_excluded_or_on_a_case_without_consent_is_ever_given_a_link(db, case_id, nain, coordinator,  # noqa: F811
                                                                           excluded, consent_withdrawn, field, words):
    if excluded:
        with write(db):
            network.exclude(db, case_id, nain["id"], reason="Risk", approved_by="A Manager", on="2026-03-01",
                            user_id=coordinator["id"])
    outcome = create(db, case_id, nain["id"], coordinator, consent_withdrawn=consent_withdrawn)
    assert (outcome.done, outcome.field) == (False, field)
    assert words in outcome.problem
    assert links.for_case(db, case_id) == []
    assert link_events(db, case_id) == [], "nothing audited for a link never made"


def test_a_person_on_another_case_is_never_given_a_link_on_this_one(db, case_id, coordinator, other_case):  # noqa: F811
    stranger = network.for_case(db, other_case)[0]
    with pytest.raises(LookupError):
        create(db, case_id, stranger["id"], coordinator)
    assert links.for_case(db, case_id) == [] and links.for_case(db, other_case) == []
    assert link_events(db, case_id) == []


def test_a_revoked_link_stops_working_and_is_audited_once(db, case_id, nain, coordinator):  # noqa: F811
    link_id, token = create(db, case_id, nain["id"], coordinator).value
    outcome = family_links.revoke(db, case_id, links.get(db, case_id, link_id), user=coordinator)
    assert (outcome.done, outcome.value) == (True, True)
    revoked = links.by_token(db, token)
    assert links.state(revoked) == "revoked" and revoked["revoked_by"] == coordinator["id"]
    again = family_links.revoke(db, case_id, links.get(db, case_id, link_id), user=coordinator)
    assert (again.done, again.value) == (True, False), "already revoked: nothing to do"
    assert [event[:2] for event in link_events(db, case_id)] == [
        (coordinator["email"], "family.link_created"), (coordinator["email"], "family.link_revoked")]
    assert link_events(db, case_id)[-1][2] == {"link_id": link_id, "person_id": nain["id"]}


def test_excluding_someone_ends_their_link_at_once(db, case_id, nain, coordinator):  # noqa: F811
    _link_id, token = create(db, case_id, nain["id"], coordinator).value
    with write(db):
        network.exclude(db, case_id, nain["id"], reason="Risk", approved_by="A Manager", on="2026-03-01",
                        user_id=coordinator["id"])
    ended = links.by_token(db, token)
    assert (links.state(ended), ended["revoked_reason"]) == ("revoked", "excluded")
    assert family_links.revoke(db, case_id, ended, user=coordinator).value is False
    assert [event[1] for event in link_events(db, case_id)] == ["family.link_created"]


@pytest.mark.parametrize("old_pin, locked", [(PIN, True), (PIN, False), (None, False)],
                         ids=["locked-out", "forgotten", "no-pin-yet"])
def test_a_new_pin_replaces_the_old_one_unlocks_the_link_and_is_audited(db, case_id, nain, coordinator,  # noqa: F811
                                                                        old_pin, locked):
    link_id, _token = create(db, case_id, nain["id"], coordinator, pin=old_pin).value
    if locked:
        lock(db, link_id)
    outcome = family_links.reset_pin(db, case_id, links.get(db, case_id, link_id), passwords.hash_password("1357"),
                                     user=coordinator)
    assert (outcome.done, outcome.value) == (True, True)
    link = links.get(db, case_id, link_id)
    assert (link["pin_failures"], link["pin_locked_at"]) == (0, None)
    assert passwords.verify(link["pin_hash"], "1357") and not passwords.verify(link["pin_hash"], PIN)
    assert link_events(db, case_id)[-1] == (coordinator["email"], "family.pin_reset", {
        "link_id": link_id, "person_id": nain["id"], "was_locked": locked, "had_pin": old_pin is not None})


@pytest.mark.parametrize("action", ["revoke", "reset_pin"])
def test_a_link_is_never_changed_through_another_case(db, case_id, nain, coordinator, other_case, action):  # noqa: F811
    link_id, _token = create(db, case_id, nain["id"], coordinator, pin=PIN).value
    lock(db, link_id)
    link = links.get(db, case_id, link_id)
    if action == "revoke":
        outcome = family_links.revoke(db, other_case, link, user=coordinator)
    else:
        outcome = family_links.reset_pin(db, other_case, link, passwords.hash_password("1357"), user=coordinator)
    assert (outcome.done, outcome.value) == (True, False)
    assert links.get(db, case_id, link_id) == link, "still open, still locked, the same PIN"
    assert [event[1] for event in link_events(db, case_id) + link_events(db, other_case)] == ["family.link_created"]


@pytest.mark.parametrize("ended", ["revoked", "expired"])
def test_a_link_that_has_ended_takes_no_new_pin(db, case_id, nain, coordinator, ended):  # noqa: F811
    link_id, _token = make_link(db, case_id, nain["id"], pin=PIN, days=-1 if ended == "expired" else 30)
    if ended == "revoked":
        family_links.revoke(db, case_id, links.get(db, case_id, link_id), user=coordinator)
    link = links.get(db, case_id, link_id)
    outcome = family_links.reset_pin(db, case_id, link, passwords.hash_password("1357"), user=coordinator)
    assert (outcome.done, outcome.value) == (True, False)
    assert passwords.verify(links.get(db, case_id, link_id)["pin_hash"], PIN), "the old PIN is kept"
    assert "family.pin_reset" not in [event[1] for event in link_events(db, case_id)]
