"""Signing in and out, passwords, second factors and sessions through their actions: each lands with its audit
event, a wrong password says nothing about which part was wrong, a right password is only half a sign-in,
guessing passwords and codes is throttled even for the right password, and a new password ends every other
session."""

import datetime

import pytest
from argon2 import PasswordHasher
from conftest import PASSWORD, app_code
from flask import current_app

from fgc.data import audit as audit_data
from fgc.data import password_tokens
from fgc.data import second_factor as factor_data
from fgc.data import sessions as session_data
from fgc.data import users as user_data
from fgc.db import get_db, write
from fgc.domain import passwords, second_factor, signing_in

NEW_PASSWORD = "quartz meadow violin saucer"
BROWSER = {"ip": "192.0.2.7", "user_agent": "Firefox"}


@pytest.fixture
def db(app):
    """The request's own connection, as the sign-in pages use: the throttle counts on it, in the action's
    transaction."""
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        yield get_db()


@pytest.fixture
def coordinator(db):
    return user_data.get_by_email(db, "coordinator@example.org")


def signed_in(db, user_id, browsers=2):
    with write(db):
        return [session_data.start(db, user_id, **BROWSER, second_factor=True) for _ in range(browsers)]


def actions(db, user_id):
    """The audit events about one account, oldest first."""
    return [row["action"] for row in audit_data.for_record(db, "user", user_id)]


def try_sign_in(db, user, password):
    return signing_in.sign_in(db, user["email"], password, **BROWSER)


def try_change(db, user, password):
    return signing_in.change_password(db, user["id"], password, NEW_PASSWORD, **BROWSER)


def code_now(user):
    return app_code(current_app, user["email"])


def whole_sign_in(db, user, password=PASSWORD):
    """Password then code, as the pages do: the outcome of the step that stopped, or of the code."""
    outcome = try_sign_in(db, user, password)
    if not outcome.done:
        return outcome
    return signing_in.enter_code(db, signing_in.waiting(db, outcome.value[1]), code_now(user), **BROWSER)


def test_the_right_password_is_half_a_sign_in_and_the_code_makes_it_whole(db, coordinator):
    outcome = signing_in.sign_in(db, " Coordinator@Example.org", PASSWORD, **BROWSER)
    assert outcome.done
    user, token = outcome.value
    assert user["id"] == coordinator["id"]
    assert session_data.find(db, token) is None, "a password alone signs nobody in"
    assert user_data.get(db, coordinator["id"])["last_sign_in_at"] is None
    waiting = signing_in.waiting(db, token)
    whole = signing_in.enter_code(db, waiting, code_now(coordinator), **BROWSER)
    assert whole.done
    _user, new_token = whole.value
    assert new_token != token and session_data.find(db, token) is None, "a new token for the whole sign-in"
    assert signing_in.waiting(db, token) is None
    assert session_data.find(db, new_token)["id"] == coordinator["id"]
    assert user_data.get(db, coordinator["id"])["last_sign_in_at"] is not None
    events = audit_data.events(db)
    assert [event["action"] for event in events][::-1] == ["sign_in.password_accepted", "sign_in.succeeded"]
    assert (events[0]["actor"], events[0]["user_id"], events[0]["record_id"], events[0]["detail"]) == (
        "coordinator@example.org", coordinator["id"], str(coordinator["id"]), {"second_factor": "app"})
    assert PASSWORD not in str(events)


@pytest.mark.parametrize("email, password, make", [
    ("coordinator@example.org", "not the password at all", None),
    ("nobody@example.org", PASSWORD, None),
    ("coordinator@example.org", PASSWORD, "disabled"),
    ("coordinator@example.org", "", "no-password-yet"),
], ids=["wrong-password", "unknown-email", "disabled", "no-password-yet"])
def test_a_refused_sign_in_never_says_which_part_was_wrong_and_is_audited(db, coordinator, email, password, make):
    with write(db):
        if make == "disabled":
            user_data.set_active(db, coordinator["id"], False)
        elif make == "no-password-yet":
            user_data.set_password_hash(db, coordinator["id"], None)
    outcome = signing_in.sign_in(db, email, password, **BROWSER)
    assert (outcome.done, outcome.problem, outcome.field) == (
        False, "Enter a correct email address and password", "email")
    assert session_data.open_count(db, coordinator["id"]) == 0
    assert audit_data.events(db, action="sign_in.password_accepted") == []
    assert user_data.get(db, coordinator["id"])["last_sign_in_at"] is None
    assert [event["actor"] for event in audit_data.events(db, action="sign_in.failed")] == [email]
    assert audit_data.events(db, action="sign_in.succeeded") == []


@pytest.mark.parametrize("typed, audited", [
    ("nobody@example.org", "nobody@example.org"),
    (PASSWORD, "unrecognised sign-in name"),
    ("my-secret@pass", "unrecognised sign-in name"),
    ("", "unrecognised sign-in name"),
], ids=["an-email", "a-password", "password-with-at", "nothing"])
def test_a_password_typed_into_the_email_box_is_never_written_to_the_audit_trail(db, typed, audited):
    assert signing_in.audit_name(typed, None) == audited
    signing_in.sign_in(db, typed, "whatever was in the password box", **BROWSER)
    [event] = audit_data.events(db, action="sign_in.failed")
    assert event["actor"] == audited
    assert signing_in.audit_name(typed, {"email": "coordinator@example.org"}) == "coordinator@example.org"


@pytest.mark.parametrize("attempt, throttled", [
    (try_sign_in, "sign_in.throttled"),
    (try_change, "user.password_change_throttled"),
], ids=["sign-in", "change-password"])
def test_after_five_wrong_passwords_even_the_right_one_is_refused_and_that_is_audited_once(db, coordinator, attempt,
                                                                                          throttled):
    for _ in range(5):
        assert not attempt(db, coordinator, "not the password at all").done
    for _ in range(2):
        outcome = attempt(db, coordinator, PASSWORD)
        assert (outcome.done, outcome.value, outcome.problem) == (
            False, signing_in.THROTTLED, "You have tried to sign in too many times. Wait 1 minute, then try again")
    assert session_data.open_count(db, coordinator["id"]) == 0
    assert passwords.verify(user_data.get(db, coordinator["id"])["password_hash"], PASSWORD), "password unchanged"
    assert len(audit_data.events(db, action=throttled)) == 1


def test_a_whole_sign_in_forgives_the_wrong_passwords_before_it(db, coordinator):
    for _ in range(3):
        for _ in range(3):
            try_sign_in(db, coordinator, "not the password at all")
        assert whole_sign_in(db, coordinator).done
    assert audit_data.events(db, action="sign_in.throttled") == []


def test_a_wrong_code_is_a_failed_sign_in_and_guessing_codes_is_throttled(db, coordinator):
    token = try_sign_in(db, coordinator, PASSWORD).value[1]
    waiting = signing_in.waiting(db, token)
    wrong = second_factor.code_for(second_factor.unseal(factor_data.get(db, coordinator["id"])["secret"]),
                                   second_factor.current_step() - 5)
    outcomes = [signing_in.enter_code(db, waiting, wrong, **BROWSER) for _ in range(5)]
    assert [(outcome.done, outcome.field) for outcome in outcomes[:4]] == [(False, "code")] * 4
    assert outcomes[4].value == signing_in.THROTTLED, "the password and four codes were five failures"
    assert signing_in.enter_code(db, waiting, code_now(coordinator), **BROWSER).value == signing_in.THROTTLED
    assert session_data.find(db, token) is None
    failed = audit_data.events(db, action="sign_in.failed")
    assert [event["detail"] for event in failed] == [{"second_factor": "app"}] * 4


def test_a_code_that_signed_in_once_never_signs_in_again(db, coordinator):
    code = code_now(coordinator)
    first = try_sign_in(db, coordinator, PASSWORD).value[1]
    assert signing_in.enter_code(db, signing_in.waiting(db, first), code, **BROWSER).done
    second = try_sign_in(db, coordinator, PASSWORD).value[1]
    again = signing_in.enter_code(db, signing_in.waiting(db, second), code, **BROWSER)
    assert (again.done, again.field) == (False, "code")


def test_a_password_waits_ten_minutes_for_its_code(db, coordinator):
    token = try_sign_in(db, coordinator, PASSWORD).value[1]
    with write(db):
        db.execute("UPDATE sessions SET created_at = ?", [
            (datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=10, seconds=1)).isoformat()])
    assert signing_in.waiting(db, token) is None


def test_a_recovery_code_works_once_and_its_owner_is_told(db, coordinator):
    codes = second_factor.new_recovery_codes()
    with write(db):
        factor_data.replace_recovery_codes(db, coordinator["id"], second_factor.hash_recovery_codes(codes))
    assert len(set(codes)) == 10 and all(len(code) == 11 for code in codes)
    stored = str(db.execute("SELECT * FROM recovery_codes").fetchall())
    assert not any(code in stored or code.replace("-", "") in stored for code in codes), "kept only as hashes"
    token = try_sign_in(db, coordinator, PASSWORD).value[1]
    typed = " " + codes[3].upper().replace("-", " ") + " "
    recovered = signing_in.enter_recovery_code(db, signing_in.waiting(db, token), typed, **BROWSER)
    assert recovered.done and session_data.find(db, recovered.value[1])["id"] == coordinator["id"]
    assert factor_data.recovery_codes_left(db, coordinator["id"]) == 9
    [told] = db.execute("SELECT address, kind, personalisation FROM messages").fetchall()
    assert (told[0], told[1]) == ("coordinator@example.org", "recovery_code_used") and '"left": 9' in told[2]
    token = try_sign_in(db, coordinator, PASSWORD).value[1]
    used_again = signing_in.enter_recovery_code(db, signing_in.waiting(db, token), codes[3], **BROWSER)
    assert (used_again.done, used_again.field) == (False, "code")


def test_setting_up_the_app_offers_one_secret_until_a_code_from_it_confirms_it(db):
    with write(db):
        newcomer = user_data.get(db, user_data.create(db, email="new@example.org", name="New Person",
                                                      role="coordinator", password_hash=passwords.hash_password(PASSWORD)))
    token = try_sign_in(db, newcomer, PASSWORD).value[1]
    waiting = signing_in.waiting(db, token)
    assert not factor_data.ready(db, newcomer["id"])
    secret = signing_in.start_setup(db, waiting)
    assert signing_in.start_setup(db, waiting) == secret, "a reload shows the same QR code"
    assert secret not in str(db.execute("SELECT * FROM users").fetchall()), "kept encrypted"
    wrong = signing_in.finish_setup(db, waiting, "123456" if second_factor.matching_step(secret, "123456") is None
                                    else "654321", **BROWSER)
    assert (wrong.done, wrong.field) == (False, "code") and not factor_data.ready(db, newcomer["id"])
    outcome = signing_in.finish_setup(db, waiting, second_factor.code_for(secret, second_factor.current_step()), **BROWSER)
    assert outcome.done
    _row, new_token, codes = outcome.value
    assert len(codes) == 10 and factor_data.recovery_codes_left(db, newcomer["id"]) == 10
    assert factor_data.ready(db, newcomer["id"]) and session_data.find(db, new_token)["id"] == newcomer["id"]
    assert actions(db, newcomer["id"]) == ["sign_in.password_accepted", "user.second_factor_offered", "sign_in.failed",
                                           "user.second_factor_set_up", "sign_in.succeeded"]


def test_an_old_password_hash_is_made_stronger_at_sign_in(db, coordinator):
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    with write(db):
        user_data.set_password_hash(db, coordinator["id"], weak)
    assert try_sign_in(db, coordinator, PASSWORD).done
    stored = user_data.get(db, coordinator["id"])["password_hash"]
    assert stored != weak and not passwords.needs_rehash(stored) and passwords.verify(stored, PASSWORD)


def test_signing_out_ends_every_session_of_that_person_and_is_audited(db, coordinator):
    tokens = signed_in(db, coordinator["id"])
    outcome = signing_in.sign_out(db, coordinator)
    assert (outcome.done, outcome.value) == (True, 2)
    assert [session_data.find(db, token) for token in tokens] == [None, None]
    [event] = audit_data.events(db, action="sign_out")
    assert (event["actor"], event["record_id"], event["detail"]) == (
        coordinator["email"], str(coordinator["id"]), {"sessions_ended": 2})


def test_a_changed_password_ends_every_other_session_and_carries_on_in_a_new_one(db, coordinator):
    tokens = signed_in(db, coordinator["id"])
    outcome = try_change(db, coordinator, PASSWORD)
    assert outcome.done
    _user, token = outcome.value
    assert [session_data.find(db, old) for old in tokens] == [None, None]
    assert session_data.find(db, token)["id"] == coordinator["id"]
    stored = user_data.get(db, coordinator["id"])["password_hash"]
    assert passwords.verify(stored, NEW_PASSWORD) and not passwords.verify(stored, PASSWORD)
    [event] = audit_data.events(db, action="user.password_changed")
    assert (event["actor"], event["record_id"], event["detail"]) == (
        coordinator["email"], str(coordinator["id"]), {"sessions_ended": 2})


def test_a_wrong_current_password_changes_nothing_and_is_audited(db, coordinator):
    tokens = signed_in(db, coordinator["id"])
    outcome = try_change(db, coordinator, "not the password at all")
    assert (outcome.done, outcome.field) == (False, "current_password")
    assert "not correct" in outcome.problem
    assert user_data.get(db, coordinator["id"])["password_hash"] == coordinator["password_hash"]
    assert all(session_data.find(db, token) for token in tokens), "nobody signed out"
    assert actions(db, coordinator["id"]) == ["user.password_change_failed"]


def test_a_set_password_link_works_once_and_signs_the_person_out_everywhere(db, coordinator):
    with write(db):
        token, _expires = password_tokens.issue(db, coordinator["id"], created_by=None,
                                                lifetime=datetime.timedelta(hours=24))
    link = password_tokens.find_usable(db, token)
    sessions = signed_in(db, coordinator["id"])
    outcome = signing_in.set_password(db, link, NEW_PASSWORD)
    assert (outcome.done, outcome.value) == (True, True)
    assert passwords.verify(user_data.get(db, coordinator["id"])["password_hash"], NEW_PASSWORD)
    assert password_tokens.find_usable(db, token) is None
    assert [session_data.find(db, session) for session in sessions] == [None, None]
    again = signing_in.set_password(db, link, "another fresh passphrase here")
    assert (again.done, again.value) == (True, False), "the link has been used"
    assert passwords.verify(user_data.get(db, coordinator["id"])["password_hash"], NEW_PASSWORD)
    [event] = audit_data.events(db, action="user.password_set")
    assert (event["actor"], event["user_id"], event["detail"]) == (
        coordinator["email"], coordinator["id"], {"by": "set-password link"})


def test_an_idle_session_ends_on_the_server_and_a_touch_never_revives_it(db, coordinator):
    [token] = signed_in(db, coordinator["id"], browsers=1)
    session_id = session_data.find(db, token)["session_id"]
    seen = datetime.datetime.now(datetime.UTC).replace(microsecond=0) + datetime.timedelta(minutes=5)
    signing_in.touch_session(db, session_id, seen)
    assert session_data.find(db, token)["last_seen_at"] == seen
    trail = audit_data.events(db)
    signing_in.end_session(db, session_id, "idle")
    signing_in.touch_session(db, session_id, seen + datetime.timedelta(minutes=1))
    assert session_data.find(db, token) is None
    assert audit_data.events(db) == trail, "session bookkeeping is not audited"


def test_someone_else_with_the_password_never_sees_the_key_the_owner_sets_up(db):
    with write(db):
        newcomer = user_data.get(db, user_data.create(db, email="new2@example.org", name="New Person",
                                                      role="coordinator", password_hash=passwords.hash_password(PASSWORD)))
    intruder = signing_in.waiting(db, try_sign_in(db, newcomer, PASSWORD).value[1])
    owner = signing_in.waiting(db, try_sign_in(db, newcomer, PASSWORD).value[1])
    planted, real = signing_in.start_setup(db, intruder), signing_in.start_setup(db, owner)
    assert planted != real, "each waiting sign-in is offered its own key"
    assert signing_in.finish_setup(db, owner, second_factor.code_for(real, second_factor.current_step()),
                                   **BROWSER).done
    late = signing_in.finish_setup(db, intruder, second_factor.code_for(planted, second_factor.current_step()),
                                   **BROWSER)
    assert (late.done, late.field) == (False, "code"), "the app set up first is the account's"
    assert second_factor.unseal(factor_data.get(db, newcomer["id"])["secret"]) == real


def test_after_a_new_secret_key_people_set_up_their_app_again(app, db, coordinator):
    assert second_factor.has_app(db, coordinator["id"])
    app.config["SECRET_KEY"] = "a new secret key after a breach"
    assert not second_factor.has_app(db, coordinator["id"])
    waiting = signing_in.waiting(db, try_sign_in(db, coordinator, PASSWORD).value[1])
    secret = signing_in.start_setup(db, waiting)
    assert signing_in.finish_setup(db, waiting, second_factor.code_for(secret, second_factor.current_step()),
                                   **BROWSER).done
    assert second_factor.has_app(db, coordinator["id"])
