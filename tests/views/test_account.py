"""Changing your own password."""

from conftest import PASSWORD, check_page, text

NEW = "saffron tundra lighthouse owl"


def test_change_password_ends_every_other_session(app, client, sign_in, new_client, db):
    other_device = new_client("coordinator")
    assert other_device.get("/").status_code == 200

    sign_in("coordinator")
    old_cookie = client.get_cookie("fgc_session").value
    response = client.submit("/account/password", {"current_password": PASSWORD, "new_password": NEW,
                                                   "confirm_password": NEW})
    assert response.status_code == 302
    assert "Your password has been changed" in text(client.page("/"))
    assert other_device.get("/").status_code == 303

    replay = app.test_client()
    replay.set_cookie("fgc_session", old_cookie)
    assert replay.get("/").status_code == 303, "the cookie from before the change no longer works"

    client.submit("/sign-out", {}, form_url="/")
    assert client.submit("/sign-in", {"email": "coordinator@example.org", "password": PASSWORD}).status_code == 200
    assert client.submit("/sign-in", {"email": "coordinator@example.org", "password": NEW}).status_code == 302
    assert db.execute("SELECT count(*) FROM audit_events WHERE action = 'user.password_changed'").fetchone()[0] == 1


def test_wrong_current_password_changes_nothing(client, sign_in):
    sign_in("manager")
    page = check_page(client.submit("/account/password", {"current_password": "not my password", "new_password": NEW,
                                                          "confirm_password": NEW}))
    assert "Your current password is not correct" in text(page.select_one(".govuk-error-summary"))
    assert page.select_one(".govuk-error-summary a")["href"] == "#current_password"
    client.submit("/sign-out", {}, form_url="/")
    assert client.submit("/sign-in", {"email": "manager@example.org", "password": PASSWORD}).status_code == 302


def test_password_containing_your_own_name_is_refused(client, sign_in):
    sign_in("manager")
    weak = "manager@example.org"
    page = check_page(client.submit("/account/password", {"current_password": PASSWORD, "new_password": weak,
                                                          "confirm_password": weak}))
    assert "Password must not be based on your name or email address" in text(page)


def test_guessing_the_current_password_is_throttled(client, sign_in):
    sign_in("manager")
    for _ in range(5):
        client.submit("/account/password", {"current_password": "a wrong guess", "new_password": NEW,
                                            "confirm_password": NEW})
    response = client.submit("/account/password", {"current_password": PASSWORD, "new_password": NEW,
                                                   "confirm_password": NEW})
    assert response.status_code == 429
    assert "too many times" in text(check_page(response))
