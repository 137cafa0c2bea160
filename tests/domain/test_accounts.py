"""Staff accounts and the service's settings through their actions: each change lands with its audit event,
the service always keeps one active admin, and a new role or email, disabling an account or an admin's "sign
out everywhere" ends every session of that person at once."""

import datetime

import pytest
from conftest import app_code
from factories import add_user
from flask import current_app

from fgc.data import audit as audit_data
from fgc.data import closure_days, password_tokens
from fgc.data import second_factor as factor_data
from fgc.data import sessions as session_data
from fgc.data import users as user_data
from fgc.db import get_db, write
from fgc.domain import accounts

DAY = datetime.timedelta(hours=24)


@pytest.fixture
def db(app):
    """The request's own connection, as the admin pages use: a sensitive change counts the admin's code against
    the throttle on it, in the action's transaction."""
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        yield get_db()


def admins_code():
    """The code the admin's authenticator app shows now: sensitive changes ask for it again."""
    return app_code(current_app, "admin@example.org")


@pytest.fixture
def admin(db):
    return user_data.get_by_email(db, "admin@example.org")


@pytest.fixture
def coordinator(db):
    return user_data.get_by_email(db, "coordinator@example.org")


def signed_in(db, user_id, browsers=2):
    """Sign the person in from ``browsers`` browsers: their session tokens."""
    with write(db):
        return [session_data.start(db, user_id, ip="192.0.2.7", user_agent=f"Browser {n}", second_factor=True) for n in range(browsers)]


def user_events(db, user_id):
    """The audit events about one account as (actor, action, detail), oldest first."""
    return [(row["actor"], row["action"], row["detail"]) for row in audit_data.for_record(db, "user", user_id)]


def test_a_new_account_gets_a_one_time_link_and_both_are_audited(db, admin):
    outcome = accounts.create_user(db, email="new.worker@example.org", name="New Worker", role="social_worker",
                                   by=admin, link_lifetime=DAY, code=admins_code())
    assert outcome.done
    user_id, token, expires = outcome.value
    created = user_data.get(db, user_id)
    assert (created["email"], created["name"], created["role"], created["active"]) == (
        "new.worker@example.org", "New Worker", "social_worker", 1)
    assert created["password_hash"] is None, "no password until they choose one"
    assert password_tokens.find_usable(db, token)["user_id"] == user_id
    assert user_events(db, user_id) == [
        (admin["email"], "user.created", {"email": "new.worker@example.org", "role": "social_worker"}),
        (admin["email"], "user.password_link_issued", {"expires_at": expires.isoformat(timespec="minutes")})]
    assert token not in str(user_events(db, user_id))


def test_an_account_made_on_the_command_line_has_its_password_and_says_so_in_the_audit(db):
    outcome = accounts.create_user(db, email="first.admin@example.org", name="First Admin", role="admin", by=None,
                                   password_hash="argon2-hash-from-the-prompt", actor="cli")
    user_id, token, expires = outcome.value
    assert (token, expires) == (None, None)
    assert user_data.get(db, user_id)["password_hash"] == "argon2-hash-from-the-prompt"
    assert user_events(db, user_id) == [
        ("cli", "user.created", {"email": "first.admin@example.org", "role": "admin", "by": "create-user"})]
    assert audit_data.events(db, action="user.created")[0]["user_id"] is None


@pytest.mark.parametrize("email", ["coordinator@example.org", "Coordinator@Example.ORG", "  coordinator@example.org "],
                         ids=["same", "other-case", "spaces"])
def test_a_second_account_with_the_same_email_is_refused_on_the_email_field(db, admin, email):
    outcome = accounts.create_user(db, email=email, name="Imposter", role="admin", by=admin, link_lifetime=DAY)
    assert (outcome.done, outcome.field) == (False, "email")
    assert "already exists" in outcome.problem
    assert [row["name"] for row in user_data.all_users(db) if row["email"].lower() == "coordinator@example.org"] == [
        "Test Coordinator"]
    assert audit_data.events(db, action="user.created") == []
    assert audit_data.events(db, action="user.password_link_issued") == [], "no link for an account never made"


@pytest.mark.parametrize("change, ends_sessions", [
    ({"name": "Coordinator Renamed"}, False),
    ({"email": "coordinator.new@example.org"}, True),
    ({"role": "manager"}, True),
], ids=["name", "email", "role"])
def test_a_new_role_or_email_ends_every_session_but_a_new_name_does_not(db, admin, coordinator, change, ends_sessions):
    tokens = signed_in(db, coordinator["id"])
    values = {key: coordinator[key] for key in ("email", "name", "role")} | change
    outcome = accounts.update_user(db, coordinator["id"], coordinator["version"], **values, by=admin,
                                   code=admins_code())
    assert (outcome.done, outcome.value) == (True, sorted(change))
    changed = user_data.get(db, coordinator["id"])
    assert {key: changed[key] for key in values} == values and changed["version"] == coordinator["version"] + 1
    assert session_data.open_count(db, coordinator["id"]) == (0 if ends_sessions else 2)
    assert all((session_data.find(db, token) is None) == ends_sessions for token in tokens)
    assert user_events(db, coordinator["id"]) == [(admin["email"], "user.updated", {"changed": sorted(change)})]


def test_an_edit_from_a_stale_page_is_a_conflict_and_changes_nothing(db, admin, coordinator):
    first = accounts.update_user(db, coordinator["id"], coordinator["version"], email=coordinator["email"],
                                 name="Coordinator Renamed", role="coordinator", by=admin)
    assert first.done
    stale = accounts.update_user(db, coordinator["id"], coordinator["version"], email=coordinator["email"],
                                 name="Someone Else", role="manager", by=admin)
    assert stale.conflict and stale.current["name"] == "Coordinator Renamed", "what is saved now, to merge"
    saved = user_data.get(db, coordinator["id"])
    assert (saved["name"], saved["role"]) == ("Coordinator Renamed", "coordinator")
    assert [action for _actor, action, _detail in user_events(db, coordinator["id"])] == ["user.updated"]


def test_an_edit_to_an_email_someone_else_has_is_refused_on_the_email_field(db, admin, coordinator):
    tokens = signed_in(db, coordinator["id"])
    outcome = accounts.update_user(db, coordinator["id"], coordinator["version"], email="MANAGER@example.org",
                                   name=coordinator["name"], role="coordinator", by=admin, code=admins_code())
    assert (outcome.done, outcome.field) == (False, "email")
    assert user_data.get(db, coordinator["id"]) == coordinator
    assert all(session_data.find(db, token) for token in tokens), "nothing changed, so nobody is signed out"
    assert user_events(db, coordinator["id"]) == []


@pytest.mark.parametrize("action", ["demote", "disable"])
def test_the_only_active_admin_can_be_neither_demoted_nor_disabled(db, admin, action):
    tokens = signed_in(db, admin["id"])
    if action == "demote":
        outcome = accounts.update_user(db, admin["id"], admin["version"], email=admin["email"], name=admin["name"],
                                       role="manager", by=admin, code=admins_code())
        assert outcome.field == "role"
    else:
        outcome = accounts.disable_user(db, admin["id"], by=admin)
    assert not outcome.done and "only active admin" in outcome.problem
    assert user_data.get(db, admin["id"]) == admin
    assert all(session_data.find(db, token) for token in tokens)
    assert user_events(db, admin["id"]) == []


@pytest.mark.parametrize("action", ["demote", "disable"])
def test_an_admin_can_be_demoted_or_disabled_once_someone_else_is_an_admin(db, admin, action):
    add_user(db, "second.admin@example.org", "admin")
    if action == "demote":
        outcome = accounts.update_user(db, admin["id"], admin["version"], email=admin["email"], name=admin["name"],
                                       role="manager", by=admin, code=admins_code())
    else:
        outcome = accounts.disable_user(db, admin["id"], by=admin)
    assert outcome.done
    after = user_data.get(db, admin["id"])
    assert (after["role"], after["active"]) == (("manager", 1) if action == "demote" else ("admin", 0))
    assert user_data.count_active_admins(db) == 1


def test_a_disabled_account_is_signed_out_everywhere_and_its_set_password_link_stops_working(db, admin, coordinator):
    tokens = signed_in(db, coordinator["id"])
    link, _expires = accounts.issue_password_link(db, coordinator["id"], lifetime=DAY, by=admin).value
    outcome = accounts.disable_user(db, coordinator["id"], by=admin)
    assert (outcome.done, outcome.value) == (True, 2)
    assert user_data.get(db, coordinator["id"])["active"] == 0
    assert [session_data.find(db, token) for token in tokens] == [None, None]
    assert user_events(db, coordinator["id"])[-1] == (admin["email"], "user.disabled", {"sessions_ended": 2})
    accounts.enable_user(db, coordinator["id"], by=admin)
    assert password_tokens.find_usable(db, link) is None, "enabled again, the old link still does not work"


def test_an_enabled_account_is_active_again_and_audited(db, admin, coordinator):
    accounts.disable_user(db, coordinator["id"], by=admin)
    assert accounts.enable_user(db, coordinator["id"], by=admin).done
    assert user_data.get(db, coordinator["id"])["active"] == 1
    assert [action for _actor, action, _detail in user_events(db, coordinator["id"])] == [
        "user.disabled", "user.enabled"]


def test_signing_out_everywhere_ends_every_session_of_that_person_only(db, admin, coordinator):
    tokens = signed_in(db, coordinator["id"], browsers=3)
    admins_own = signed_in(db, admin["id"], browsers=1)
    outcome = accounts.sign_out_everywhere(db, coordinator["id"], by=admin)
    assert (outcome.done, outcome.value) == (True, 3)
    assert [session_data.find(db, token) for token in tokens] == [None] * 3
    assert session_data.find(db, admins_own[0])["id"] == admin["id"]
    assert user_events(db, coordinator["id"]) == [(admin["email"], "user.sessions_ended", {"sessions_ended": 3})]


def test_a_new_set_password_link_retires_the_last_one_and_is_audited(db, admin, coordinator):
    first, _expires = accounts.issue_password_link(db, coordinator["id"], lifetime=DAY, by=admin).value
    outcome = accounts.issue_password_link(db, coordinator["id"], lifetime=DAY, by=admin)
    second, expires = outcome.value
    assert outcome.done
    assert DAY - datetime.timedelta(minutes=1) < expires - datetime.datetime.now(datetime.UTC) <= DAY
    assert password_tokens.find_usable(db, first) is None
    assert password_tokens.find_usable(db, second)["user_id"] == coordinator["id"]
    assert user_events(db, coordinator["id"])[-1] == (admin["email"], "user.password_link_issued",
                                                      {"expires_at": expires.isoformat(timespec="minutes")})


def test_a_closure_day_is_added_and_removed_with_its_audit_events(db, admin):
    christmas_eve = datetime.date(2026, 12, 24)
    assert accounts.add_closure_day(db, christmas_eve, "Office closed", by=admin).done
    assert closure_days.dates(db) == [christmas_eve]
    outcome = accounts.remove_closure_day(db, "2026-12-24", by=admin)
    assert (outcome.done, outcome.value) == (True, True)
    assert closure_days.dates(db) == []
    assert [(row["actor"], row["action"], row["detail"])
            for row in audit_data.for_record(db, "closure_day", "2026-12-24")] == [
        (admin["email"], "service.closure_day_added", {"reason": "Office closed"}),
        (admin["email"], "service.closure_day_removed", None)]


def test_removing_a_day_that_is_not_a_closure_day_changes_nothing_and_is_not_audited(db, admin):
    outcome = accounts.remove_closure_day(db, "2026-12-25", by=admin)
    assert (outcome.done, outcome.value) == (True, False)
    assert audit_data.events(db, action="service.closure_day_removed") == []


@pytest.mark.parametrize("code, problem", [
    ("", "Enter the 6-digit code from your authenticator app"),
    ("000000", "Enter the code shown in your authenticator app now"),
], ids=["no-code", "wrong-code"])
def test_a_new_role_needs_the_admins_own_code_again(db, admin, coordinator, code, problem):
    outcome = accounts.update_user(db, coordinator["id"], coordinator["version"], email=coordinator["email"],
                                   name=coordinator["name"], role="admin", by=admin, code=code)
    assert (outcome.done, outcome.field, outcome.problem) == (False, "code", problem)
    assert user_data.get(db, coordinator["id"])["role"] == "coordinator"
    assert user_events(db, coordinator["id"]) == []
    failed = [row["detail"] for row in audit_data.for_record(db, "user", admin["id"])]
    assert failed == ([] if not code else [{"for": "change role, email or permission"}]), "a wrong code is audited"


def test_a_code_works_once_so_a_stolen_one_cannot_be_replayed(db, admin, coordinator):
    code = admins_code()
    first = accounts.update_user(db, coordinator["id"], coordinator["version"], email=coordinator["email"],
                                 name=coordinator["name"], role="manager", by=admin, code=code)
    assert first.done
    again = accounts.update_user(db, coordinator["id"], coordinator["version"] + 1, email=coordinator["email"],
                                 name=coordinator["name"], role="admin", by=admin, code=code)
    assert (again.done, again.field) == (False, "code")
    assert user_data.get(db, coordinator["id"])["role"] == "manager"


def test_resetting_a_second_factor_signs_them_out_tells_them_and_they_set_it_up_again(db, admin, coordinator):
    tokens = signed_in(db, coordinator["id"])
    assert factor_data.ready(db, coordinator["id"])
    outcome = accounts.reset_second_factor(db, coordinator["id"], by=admin, code=admins_code())
    assert (outcome.done, outcome.value) == (True, 2)
    assert not factor_data.ready(db, coordinator["id"]) and factor_data.recovery_codes_left(db, coordinator["id"]) == 0
    assert all(session_data.find(db, token) is None for token in tokens)
    assert user_events(db, coordinator["id"]) == [(admin["email"], "user.second_factor_reset", {"sessions_ended": 2})]
    [told] = db.execute("SELECT address, kind FROM messages").fetchall()
    assert tuple(told) == ("coordinator@example.org", "second_factor_reset")


def test_a_reset_without_the_admins_code_changes_nothing(db, admin, coordinator):
    outcome = accounts.reset_second_factor(db, coordinator["id"], by=admin, code="123456")
    assert (outcome.done, outcome.field) == (False, "code")
    assert factor_data.ready(db, coordinator["id"])
    assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == 0
