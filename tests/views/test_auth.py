"""Signing in and out, revocable sessions, throttling and set-password links."""

import re
from datetime import timedelta

import pytest

from fgc.data import hash_token, iso, now
from fgc.data import password_tokens
from fgc.db import write

from conftest import PASSWORD, app_code, check_page, set_up_app, text


def session_cookie(client):
    cookie = client.get_cookie("fgc_session")
    return cookie.value if cookie else None


def test_home_needs_sign_in(client):
    response = client.get("/")
    assert response.status_code == 303
    assert response.location.startswith("/sign-in?next=/")


def test_sign_in_and_out(client, sign_in):
    sign_in("coordinator")
    home = client.page("/")
    assert "Welcome, Test Coordinator" in text(home)
    response = client.submit("/sign-out", {}, form_url="/")
    assert response.status_code == 302
    assert response.location == "/sign-in"
    assert client.get("/").status_code == 303


def test_wrong_password_is_refused_without_saying_whether_the_email_exists(client):
    wrong_password = client.submit("/sign-in", {"email": "coordinator@example.org", "password": "not the password"})
    no_account = client.submit("/sign-in", {"email": "nobody@example.org", "password": "not the password"})
    for response in (wrong_password, no_account):
        assert response.status_code == 200
        page = check_page(response)
        assert page.title.get_text().startswith("Error: Sign in")
        assert "Enter a correct email address and password" in text(page.select_one(".govuk-error-summary"))
    # What the person typed in the email field is kept.
    assert 'value="nobody@example.org"' in no_account.get_data(as_text=True)
    assert text(check_page(wrong_password).main) == text(check_page(no_account).main).replace(
        "nobody@example.org", "coordinator@example.org")


def test_empty_sign_in_shows_each_error(client):
    page = check_page(client.submit("/sign-in", {"email": "", "password": ""}))
    summary = text(page.select_one(".govuk-error-summary"))
    assert "Enter your email address" in summary
    assert "Enter your password" in summary
    assert page.select_one(".govuk-error-summary a")["href"] == "#email"


def test_session_cookie_replayed_after_sign_out_is_refused(client, sign_in, app):
    sign_in("social_worker")
    stolen = session_cookie(client)
    assert client.get("/").status_code == 200
    client.submit("/sign-out", {}, form_url="/")

    replay = app.test_client()
    replay.set_cookie("fgc_session", stolen)
    response = replay.get("/")
    assert response.status_code == 303
    assert response.location.startswith("/sign-in")


def test_sign_out_ends_every_session_of_the_user(sign_in, client, new_client):
    other_device = new_client("manager")
    assert other_device.get("/").status_code == 200

    sign_in("manager")
    client.submit("/sign-out", {}, form_url="/")
    assert other_device.get("/").status_code == 303


def session_token(app, client):
    """The session token Flask-Login keeps in the signed cookie."""
    serializer = app.session_interface.get_signing_serializer(app)
    return serializer.loads(session_cookie(client)).get("_user_id")


def test_sign_in_issues_a_new_session(app, client, sign_in, db):
    sign_in("manager")
    first = session_token(app, client)
    client.submit("/sign-out", {}, form_url="/")
    sign_in("manager")
    second = session_token(app, client)
    assert first and second and first != second
    rows = db.execute("SELECT token_hash, ended_at IS NULL FROM sessions WHERE second_factor_at IS NOT NULL "
                      "ORDER BY id").fetchall()
    assert [open_ for _, open_ in rows] == [0, 1], "the first session ended, the new one is open"
    waiting = db.execute("SELECT end_reason FROM sessions WHERE second_factor_at IS NULL").fetchall()
    assert [row[0] for row in waiting] == ["second factor given"] * 2, "the password's token never signs anyone in"
    assert hash_token(second) == rows[1][0] and hash_token(first) == rows[0][0]
    assert first not in session_cookie(client) and second not in str(rows), "only hashes are stored"


def test_session_cookie_flags(client):
    response = client.submit("/sign-in", {"email": "admin@example.org", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_idle_session_expires_after_30_minutes(client, sign_in, db):
    sign_in("coordinator")
    with write(db):
        db.execute("UPDATE sessions SET last_seen_at = ?", [iso(now() - timedelta(minutes=31))])
    response = client.get("/")
    assert response.status_code == 303
    page = client.page("/sign-in")
    assert "You were signed out to protect the data" in text(page)
    assert db.execute("SELECT end_reason FROM sessions WHERE second_factor_at IS NOT NULL").fetchone()[0] == "idle"


def test_session_within_idle_limit_carries_on(client, sign_in, db):
    sign_in("coordinator")
    with write(db):
        db.execute("UPDATE sessions SET last_seen_at = ?", [iso(now() - timedelta(minutes=29))])
    assert client.get("/").status_code == 200
    seen = db.execute("SELECT last_seen_at FROM sessions WHERE ended_at IS NULL").fetchone()[0]
    assert seen > iso(now() - timedelta(minutes=1)), "an active session's idle clock restarts"


def test_session_ends_after_12_hours_even_when_active(client, sign_in, db):
    sign_in("coordinator")
    with write(db):
        db.execute("UPDATE sessions SET created_at = ?", [iso(now() - timedelta(hours=12, minutes=1))])
    assert client.get("/").status_code == 303
    assert db.execute("SELECT end_reason FROM sessions WHERE second_factor_at IS NOT NULL").fetchone()[0] == "expired"


def test_sign_in_from_somewhere_new_is_slowed_down_per_account(client, new_client, db):
    for _ in range(5):
        assert client.submit("/sign-in", {"email": "manager@example.org", "password": "wrong guess"}).status_code == 200
    # Even the right password waits its turn from here.
    response = client.submit("/sign-in", {"email": "manager@example.org", "password": PASSWORD})
    assert response.status_code == 429
    page = check_page(response)
    assert "You have tried to sign in too many times. Wait 1 minute, then try again" in text(
        page.select_one(".govuk-error-summary"))
    assert page.select_one("#email").get("value") == "manager@example.org", "what was typed is kept"
    # Another account from another address is not affected.
    other = new_client(ip="10.0.0.9")
    assert other.submit("/sign-in", {"email": "admin@example.org", "password": PASSWORD}).status_code == 302
    assert db.execute("SELECT count(*) FROM audit_events WHERE action = 'sign_in.throttled'").fetchone()[0] == 1


def test_a_stranger_guessing_does_not_stop_the_owner_signing_in_where_they_always_do(app, new_client, db):
    own = new_client("manager", ip="192.0.2.10")
    assert own.get_cookie("fgc_browser"), "a sign-in marks the browser as one the account has used"
    own.submit("/sign-out", {}, form_url="/")
    stranger = new_client(ip="198.51.100.66")
    stranger.raw.environ_base["HTTP_HOST"] = "fgc-council-login.evil.example"
    app.config["PUBLIC_URL"] = "https://fgc.council.example"
    statuses = [stranger.submit("/sign-in", {"email": "manager@example.org", "password": f"guess {number}"})
                .status_code for number in range(12)]
    assert statuses == [200] * 5 + [429] * 7
    response = own.submit("/sign-in", {"email": "manager@example.org", "password": PASSWORD})
    assert response.status_code == 302, "the owner's own browser is not slowed by the stranger's guesses"
    # The owner and every admin were told, once.
    told = db.execute("SELECT address, personalisation FROM messages WHERE kind = 'sign_in_under_attack' "
                      "ORDER BY address").fetchall()
    assert [row[0] for row in told] == ["admin@example.org", "manager@example.org"]
    assert ['"yours": false' in told[0][1], '"yours": true' in told[1][1]] == [True, True]
    assert all('"url": "https://fgc.council.example/sign-in"' in row[1] and "evil" not in row[1] for row in told), \
        "the link goes to the service's own address, not the Host the guesser sent"


def test_throttle_message_is_the_same_for_unknown_accounts(client):
    for _ in range(5):
        client.submit("/sign-in", {"email": "nobody@example.org", "password": "wrong guess"})
    response = client.submit("/sign-in", {"email": "nobody@example.org", "password": "wrong guess"})
    assert response.status_code == 429
    assert "too many times" in response.get_data(as_text=True)


def test_one_address_guessing_across_accounts_is_slowed_but_colleagues_known_there_are_not(app, client, new_client):
    colleague = new_client("admin", ip="203.0.113.5")
    colleague.submit("/sign-out", {}, form_url="/")
    client.raw.environ_base["REMOTE_ADDR"] = "203.0.113.5"
    for number in range(20):
        client.submit("/sign-in", {"email": f"guess{number}@example.org", "password": "wrong guess"})
    response = client.submit("/sign-in", {"email": "coordinator@example.org", "password": PASSWORD})
    assert response.status_code == 429, "someone never seen at this address waits with the guesser"
    assert colleague.submit("/sign-in", {"email": "admin@example.org", "password": PASSWORD}).status_code == 302
    office_pc = new_client(ip="203.0.113.5")
    assert office_pc.submit("/sign-in", {"email": "admin@example.org", "password": PASSWORD}).status_code == 302, \
        "an address someone has signed in from is known for them, whichever browser"


def test_post_without_csrf_token_is_refused(client, sign_in):
    sign_in("admin")
    response = client.post("/sign-out")
    assert response.status_code == 400
    page = check_page(response)
    assert "Sorry, this page has expired" in text(page)
    assert client.get("/").status_code == 200, "the refused sign-out changed nothing"


@pytest.mark.parametrize("target, location", [
    ("https://evil.example/", "/"),
    ("//evil.example/", "/"),
    ("/\\evil.example", "/"),
    ("/admin/users", "/admin/users"),
], ids=["other-site", "scheme-relative", "backslash", "this-site"])
def test_sign_in_redirects_only_to_this_site(client, target, location):
    token = client.csrf_token("/sign-in")
    response = client.post(f"/sign-in?next={target}",
                           data={"csrf_token": token, "email": "admin@example.org", "password": PASSWORD})
    assert response.location == "/sign-in/code"
    response = client.submit("/sign-in/code", {"code": app_code(client.raw.application, "admin@example.org")})
    assert response.location == location, target


def test_sign_ins_are_audited_without_passwords(client, sign_in, db):
    client.submit("/sign-in", {"email": "manager@example.org", "password": "a wrong password"})
    sign_in("manager")
    client.submit("/sign-out", {}, form_url="/")
    rows = db.execute("SELECT action, actor, ip, user_id FROM audit_events WHERE action NOT LIKE 'case.%' "
                      "ORDER BY id").fetchall()
    assert [row[0] for row in rows] == ["sign_in.failed", "sign_in.password_accepted", "sign_in.succeeded", "sign_out"]
    assert all(row[1] == "manager@example.org" and row[2] == "127.0.0.1" and row[3] for row in rows)
    everything = " ".join(str(row) for row in db.execute("SELECT * FROM audit_events").fetchall())
    assert "a wrong password" not in everything and PASSWORD not in everything


def _link(db, role="social_worker", lifetime=timedelta(hours=24)):
    user_id = db.execute("SELECT id FROM users WHERE role = ?", [role]).fetchone()[0]
    with write(db):
        token, _ = password_tokens.issue(db, user_id, created_by=None, lifetime=lifetime)
    return token


def test_set_password_link_works_once(client, db):
    token = _link(db)
    page = client.page(f"/set-password/{token}")
    assert "social_worker@example.org" in text(page)
    new = "quartz meadow violin saucer"
    response = client.submit(f"/set-password/{token}", {"new_password": new, "confirm_password": new})
    assert response.status_code == 302
    assert client.submit("/sign-in", {"email": "social_worker@example.org", "password": new}).status_code == 302
    assert client.get(f"/set-password/{token}").status_code == 404
    assert token not in " ".join(str(row) for row in db.execute("SELECT * FROM password_tokens").fetchall())


def test_expired_set_password_link_is_refused(client, db):
    token = _link(db, lifetime=timedelta(seconds=-1))
    page = client.page(f"/set-password/{token}", status=404)
    assert "This link has expired or has already been used" in text(page)


@pytest.mark.parametrize("new_password, confirm_password, message", [
    ("password1234", "password1234", "Password is too easy to guess"),
    ("short", "short", "Password must be 12 characters or more"),
    ("quartz meadow violin saucer", "quartz meadow violin sauce", "The passwords do not match"),
], ids=["guessable", "too-short", "not-matching"])
def test_set_password_refuses_guessable_passwords_and_keeps_the_link(client, db, new_password, confirm_password,
                                                                     message):
    token = _link(db)
    response = client.submit(f"/set-password/{token}", {"new_password": new_password,
                                                        "confirm_password": confirm_password})
    page = check_page(response)
    assert message in text(page.select_one(".govuk-error-summary"))
    assert client.get(f"/set-password/{token}").status_code == 200


def test_parallel_guesses_cannot_pass_the_throttle(app, new_client):
    """Attempts are counted before the password check, so a burst cannot outrun the limit."""
    import threading

    guessers = [new_client() for _ in range(12)]
    tokens = [guesser.csrf_token("/sign-in") for guesser in guessers]
    statuses = []

    def guess(guesser, token):
        response = guesser.raw.post("/sign-in", data={"csrf_token": token, "email": "manager@example.org",
                                                      "password": "a wrong guess"})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=guess, args=pair) for pair in zip(guessers, tokens, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 5 + [429] * 7


def test_throttling_is_audited_once_per_window(client, db):
    for _ in range(9):
        client.submit("/sign-in", {"email": "manager@example.org", "password": "wrong guess"})
    actions = [row[0] for row in db.execute("SELECT action FROM audit_events WHERE action LIKE 'sign_in.%' "
                                            "ORDER BY id")]
    assert actions == ["sign_in.failed"] * 5 + ["sign_in.throttled"]


def test_a_password_typed_as_the_email_is_never_stored(client, db):
    secret = "my secret passphrase 2026"
    response = client.submit("/sign-in", {"email": secret, "password": "whatever"})
    assert response.status_code == 200
    dump = "\n".join(db.conn.iterdump())
    assert secret not in dump
    assert db.execute("SELECT actor FROM audit_events").fetchone()[0] == "unrecognised sign-in name"


def test_ipv6_clients_are_throttled_per_64_block(app):
    from fgc.domain import throttle

    with app.test_request_context():
        assert throttle.ip_key("2001:db8:1:2:aaaa::1") == throttle.ip_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
        assert throttle.ip_key("2001:db8:1:3::1") != throttle.ip_key("2001:db8:1:2::1")
        assert throttle.ip_key("::ffff:192.0.2.7") == "192.0.2.7"
        assert throttle.ip_key("192.0.2.7") == "192.0.2.7"


def test_uploaded_files_in_form_fields_are_ignored_not_crashed_on(client):
    import io

    token = client.csrf_token("/sign-in")
    response = client.raw.post("/sign-in", data={"csrf_token": token, "email": (io.BytesIO(b"x"), "email.txt"),
                                                 "password": (io.BytesIO(b"y"), "p.txt")},
                               content_type="multipart/form-data")
    assert response.status_code == 200
    assert "Enter your email address" in text(check_page(response))


# --- The second factor --------------------------------------------------------------------------------------------

def password_step(client, email="coordinator@example.org"):
    response = client.submit("/sign-in", {"email": email, "password": PASSWORD})
    assert response.location == "/sign-in/code"


def test_a_right_password_alone_reaches_no_page_but_the_code(client):
    password_step(client)
    assert client.get("/").status_code == 303, "half signed in is not signed in"
    page = client.page("/sign-in/code")
    assert page.h1.get_text(strip=True) == "Enter the code from your authenticator app"
    code = page.select_one("#code")
    assert (code["inputmode"], code["autocomplete"]) == ("numeric", "one-time-code")


@pytest.mark.parametrize("url", ["/sign-in/code", "/sign-in/recovery-code", "/sign-in/set-up"])
def test_the_second_step_pages_need_the_first(client, url):
    response = client.get(url)
    assert (response.status_code, response.location) == (303, "/sign-in")


def test_a_wrong_code_says_so_keeps_it_and_counts_towards_the_throttle(client, db):
    password_step(client)
    for _ in range(4):
        response = client.submit("/sign-in/code", {"code": "12 34 56"})
        page = check_page(response)
        assert "Enter the code shown in your authenticator app now" in text(page.select_one(".govuk-error-summary"))
        assert page.select_one("#code")["value"] == "12 34 56"
    throttled = client.submit("/sign-in/code", {"code": app_code(client.raw.application, "coordinator@example.org")})
    assert throttled.status_code == 429, "a password and four wrong codes are five failed sign-ins"
    assert "too many times" in text(check_page(throttled))
    actions = [row[0] for row in db.execute("SELECT action FROM audit_events WHERE action LIKE 'sign_in.%' ORDER BY id")]
    assert actions == ["sign_in.password_accepted"] + ["sign_in.failed"] * 4 + ["sign_in.throttled"]


def test_a_code_left_too_long_sends_the_person_back_to_sign_in_saying_why(client, db):
    password_step(client)
    token = client.csrf_token("/sign-in/code")
    with write(db):
        db.execute("UPDATE sessions SET created_at = ?", [iso(now() - timedelta(minutes=11))])
    response = client.post("/sign-in/code", data={"csrf_token": token, "code": "123456"})
    assert (response.status_code, response.location) == (303, "/sign-in")
    assert "Sign in again. It was more than 10 minutes since you entered your password" in text(
        client.page("/sign-in"))


def test_a_recovery_code_signs_in_once_and_the_owner_is_told(client, db):
    from fgc.data import second_factor as factor_data
    from fgc.domain import second_factor

    codes = second_factor.new_recovery_codes()
    uid = db.execute("SELECT id FROM users WHERE email = 'coordinator@example.org'").fetchone()[0]
    with write(db):
        factor_data.replace_recovery_codes(db, uid, second_factor.hash_recovery_codes(codes))
    password_step(client)
    assert "I cannot use my authenticator app" in text(client.page("/sign-in/code"))
    response = client.submit("/sign-in/recovery-code", {"code": codes[0]})
    assert response.location == "/"
    assert client.get("/").status_code == 200
    assert db.execute("SELECT kind FROM messages").fetchone()[0] == "recovery_code_used"
    client.submit("/sign-out", {}, form_url="/")
    password_step(client)
    page = check_page(client.submit("/sign-in/recovery-code", {"code": codes[0]}))
    assert "Enter one of your recovery codes that you have not used" in text(page.select_one(".govuk-error-summary"))


def test_a_first_sign_in_sets_up_the_app_with_a_qr_code_and_shows_recovery_codes_once(client, db):
    from fgc.data import second_factor as factor_data

    uid = db.execute("SELECT id FROM users WHERE email = 'manager@example.org'").fetchone()[0]
    with write(db):
        factor_data.clear(db, uid)
    password_step(client, "manager@example.org")
    assert client.get("/sign-in/code").location == "/sign-in/set-up"
    page = client.page("/sign-in/set-up")
    qr = page.select_one(".app-qr-box svg")
    assert qr.title.get_text() == "QR code to set up your authenticator app"
    key = page.select_one("#setup-key").get_text()
    assert len(key.replace(" ", "")) == 32 and key.count(" ") == 7, "the key in fours, to type"
    assert client.page("/sign-in/set-up").select_one("#setup-key").get_text() == key, "the same key on a reload"
    wrong = check_page(client.submit("/sign-in/set-up", {"code": "abc"}))
    assert "Enter the code shown in your authenticator app now" in text(wrong.select_one(".govuk-error-summary"))
    _secret, codes = set_up_app(client)
    assert all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", code) for code in codes)
    assert client.get("/").status_code == 200
    assert client.get("/sign-in/set-up").status_code == 303, "shown once: the page is gone once signed in"
    assert not any(code in str(db.execute("SELECT * FROM recovery_codes").fetchall()) for code in codes)


def test_someone_with_an_app_is_never_offered_a_new_one(client):
    password_step(client)
    assert client.get("/sign-in/set-up").location == "/sign-in/code"


def test_new_recovery_codes_need_a_code_and_replace_the_old_ones(client, sign_in, db):
    sign_in("coordinator")
    page = client.page("/account/recovery-codes")
    assert "You have 0 recovery codes left." in text(page)
    refused = check_page(client.submit("/account/recovery-codes", {"code": "000000"}))
    assert "Enter the code shown in your authenticator app now" in text(refused.select_one(".govuk-error-summary"))
    response = client.submit("/account/recovery-codes",
                             {"code": app_code(client.raw.application, "coordinator@example.org")})
    first = [item.get_text(strip=True) for item in check_page(response).select(".app-recovery-codes li")]
    response = client.submit("/account/recovery-codes",
                             {"code": app_code(client.raw.application, "coordinator@example.org")})
    second = [item.get_text(strip=True) for item in check_page(response).select(".app-recovery-codes li")]
    assert len(first) == len(second) == 10 and not set(first) & set(second)
    assert "You have 10 recovery codes left." in text(client.page("/account/recovery-codes"))
    client.submit("/sign-out", {}, form_url="/")
    password_step(client)
    assert client.submit("/sign-in/recovery-code", {"code": first[0]}).status_code == 200, "the old set stopped working"
    assert client.submit("/sign-in/recovery-code", {"code": second[0]}).location == "/"
