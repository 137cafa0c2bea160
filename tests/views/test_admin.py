"""Admin pages: accounts, roles, disabling and set-password links."""

import re

import pytest

from conftest import PASSWORD, app_code, check_page, set_up_app, text

ADMIN_PAGES = ["/admin/users", "/admin/users/new", "/admin/users/1", "/admin/users/1/edit", "/admin/jobs"]
ADMIN_POSTS = ["/admin/users/new", "/admin/users/1/edit", "/admin/users/1/disable", "/admin/users/1/sign-out",
               "/admin/users/1/enable", "/admin/users/1/set-password-link"]


def user_id(db, email):
    return db.execute("SELECT id FROM users WHERE email = ?", [email]).fetchone()[0]


def admins_code(client):
    return app_code(client.raw.application, "admin@example.org")


@pytest.mark.parametrize("role", ["manager", "coordinator", "social_worker"])
def test_only_admins_reach_admin_pages(client, sign_in, role):
    sign_in(role)
    for url in ADMIN_PAGES:
        page = client.page(url, status=403)
        assert "You do not have permission to see this page" in text(page)
    token = client.csrf_token("/")
    for url in ADMIN_POSTS:
        assert client.post(url, data={"csrf_token": token, "name": "x", "email": "x@example.org",
                                      "role": "admin"}).status_code == 403


def test_navigation_depends_on_role(client, sign_in):
    sign_in("coordinator")
    nav = text(client.page("/").select_one("nav"))
    assert "Users" not in nav
    client.submit("/sign-out", {}, form_url="/")
    sign_in("admin")
    assert "Users" in text(client.page("/").select_one("nav"))


def test_admin_lists_users_and_the_view_is_audited(client, sign_in, db):
    sign_in("admin")
    page = client.page("/admin/users")
    rows = page.select("tbody tr")
    assert len(rows) == 4
    assert "Test Social Worker" in text(page)
    assert db.execute("SELECT count(*) FROM audit_events WHERE action = 'user.list_viewed'").fetchone()[0] == 1


def test_admin_creates_a_user_who_sets_a_password_and_signs_in(client, sign_in, new_client, db):
    sign_in("admin")
    response = client.submit("/admin/users/new", {"name": "Rhiannon Prys", "email": "rhiannon@example.org",
                                                  "role": "coordinator", "code": admins_code(client)})
    assert response.status_code == 200
    page = check_page(response)
    link = page.select_one("#set-password-link").get_text()
    assert re.match(r"http://localhost/set-password/[\w-]{40,}$", link)
    assert "You will not be able to see this link again" in text(page)

    newcomer = new_client()
    new_password = "copper kettle winter fjord"
    assert newcomer.submit(link, {"new_password": new_password, "confirm_password": new_password}).status_code == 302
    assert newcomer.submit("/sign-in", {"email": "rhiannon@example.org", "password": new_password}).status_code == 302
    assert newcomer.get("/sign-in/code").location == "/sign-in/set-up", "a first sign-in sets up the app"
    set_up_app(newcomer)
    assert "Welcome, Rhiannon Prys" in text(newcomer.page("/"))
    actions = [row[0] for row in db.execute("SELECT action FROM audit_events WHERE action NOT LIKE 'case.%' ORDER BY id")]
    assert actions[-7:] == ["user.created", "user.password_link_issued", "user.password_set",
                            "sign_in.password_accepted", "user.second_factor_offered", "user.second_factor_set_up",
                            "sign_in.succeeded"]


def test_giving_someone_an_account_needs_the_admins_code_again(client, sign_in, db):
    sign_in("admin")
    page = check_page(client.submit("/admin/users/new", {"name": "Rhiannon Prys", "email": "rhiannon@example.org",
                                                         "role": "admin", "code": "000000"}))
    assert "Enter the code shown in your authenticator app now" in text(page.select_one(".govuk-error-summary"))
    assert page.select_one("#name")["value"] == "Rhiannon Prys", "what was typed is kept"
    assert db.execute("SELECT count(*) FROM users WHERE email = 'rhiannon@example.org'").fetchone()[0] == 0


def test_new_user_form_keeps_input_and_explains_errors(client, sign_in):
    sign_in("admin")
    response = client.submit("/admin/users/new", {"name": "<b>Ffion</b> ap Siôn", "email": "not an email"})
    page = check_page(response)
    summary = text(page.select_one(".govuk-error-summary"))
    assert "Enter an email address in the correct format, like name@example.org" in summary
    assert "Select a role" in summary
    assert page.select_one("#name")["value"] == "<b>Ffion</b> ap Siôn"
    assert "<b>Ffion</b>" not in response.get_data(as_text=True), "typed HTML is escaped"
    assert page.title.get_text().startswith("Error: Add a user")


def test_duplicate_email_is_refused(client, sign_in):
    sign_in("admin")
    page = check_page(client.submit("/admin/users/new", {"name": "Someone", "email": "MANAGER@example.org",
                                                         "role": "manager"}))
    assert "An account with this email address already exists" in text(page)


def test_hostile_and_right_to_left_names_are_stored_and_shown_safely(client, sign_in, db):
    sign_in("admin")
    name = "<script>alert(1)</script> مريم‏ \u202eevil Łukasz Ŵyn"
    client.submit("/admin/users/new", {"name": name, "email": "hostile@example.org", "role": "social_worker",
                                       "code": admins_code(client)})
    assert db.execute("SELECT name FROM users WHERE email = 'hostile@example.org'").fetchone()[0] == name
    page = client.page(f"/admin/users/{user_id(db, 'hostile@example.org')}")
    assert page.h1.get_text(strip=True) == name.replace("\u202e", ""), "shown as typed, less the override"
    assert "<script>alert(1)</script>" not in client.get("/admin/users").get_data(as_text=True)


def test_huge_field_gets_a_message_not_an_error(client, sign_in):
    sign_in("admin")
    response = client.submit("/admin/users/new", {"name": "x" * 5000, "email": "big@example.org", "role": "admin"})
    assert response.status_code == 200
    assert "Full name must be 200 characters or fewer" in text(check_page(response))


def test_edit_user_changes_role_and_ends_their_sessions(client, sign_in, new_client, db):
    coordinator = new_client("coordinator")
    assert coordinator.get("/").status_code == 200

    sign_in("admin")
    uid = user_id(db, "coordinator@example.org")
    form = client.page(f"/admin/users/{uid}/edit")
    version = form.select_one("input[name=version]")["value"]
    refused = check_page(client.submit(f"/admin/users/{uid}/edit", {
        "name": "Test Coordinator", "email": "coordinator@example.org", "role": "manager", "version": version}))
    assert "Enter the 6-digit code from your authenticator app" in text(refused.select_one(".govuk-error-summary"))
    assert refused.select_one("input[name=role][value=manager]").has_attr("checked"), "what was chosen is kept"
    response = client.submit(f"/admin/users/{uid}/edit", {"name": "Test Coordinator", "email": "coordinator@example.org",
                                                          "role": "manager", "version": version,
                                                          "code": admins_code(client)})
    assert response.status_code == 302
    assert db.execute("SELECT role FROM users WHERE id = ?", [uid]).fetchone()[0] == "manager"
    assert coordinator.get("/").status_code == 303


def test_conflicting_edit_does_not_overwrite_and_keeps_what_was_typed(client, sign_in, db):
    sign_in("admin")
    uid = user_id(db, "social_worker@example.org")
    stale_version = client.page(f"/admin/users/{uid}/edit").select_one("input[name=version]")["value"]
    first = client.submit(f"/admin/users/{uid}/edit", {"name": "Changed First", "email": "social_worker@example.org",
                                                       "role": "social_worker", "version": stale_version})
    assert first.status_code == 302
    second = client.submit(f"/admin/users/{uid}/edit", {"name": "Changed Second", "email": "social_worker@example.org",
                                                        "role": "social_worker", "version": stale_version})
    assert second.status_code == 200
    page = check_page(second)
    assert "Someone else changed this account while you were editing it" in text(page.select_one(".govuk-error-summary"))
    assert page.title.get_text().startswith("Error: ")
    assert "Changed First" in text(page.main), "the other person's change is shown"
    assert page.select_one("#name")["value"] == "Changed Second"
    assert db.execute("SELECT name FROM users WHERE id = ?", [uid]).fetchone()[0] == "Changed First"
    # Saving again, having seen the other change, works.
    retry_version = page.select_one("input[name=version]")["value"]
    assert client.submit(f"/admin/users/{uid}/edit", {"name": "Changed Second", "email": "social_worker@example.org",
                                                      "role": "social_worker", "version": retry_version}).status_code == 302


def test_disabling_ends_sessions_and_blocks_sign_in(client, sign_in, new_client, db):
    worker = new_client("social_worker")
    assert worker.get("/").status_code == 200

    sign_in("admin")
    uid = user_id(db, "social_worker@example.org")
    response = client.submit(f"/admin/users/{uid}/disable", {}, form_url=f"/admin/users/{uid}")
    assert response.status_code == 302
    assert "has been disabled" in text(client.page(f"/admin/users/{uid}"))
    assert worker.get("/").status_code == 303
    again = worker.submit("/sign-in", {"email": "social_worker@example.org", "password": PASSWORD})
    assert "Enter a correct email address and password" in again.get_data(as_text=True)

    client.submit(f"/admin/users/{uid}/enable", {}, form_url=f"/admin/users/{uid}")
    assert worker.submit("/sign-in", {"email": "social_worker@example.org", "password": PASSWORD}).status_code == 302
    actions = {row[0] for row in db.execute("SELECT action FROM audit_events")}
    assert {"user.disabled", "user.enabled", "user.viewed"} <= actions


def test_admin_cannot_disable_themselves_or_remove_the_last_admin(client, sign_in, db):
    sign_in("admin")
    uid = user_id(db, "admin@example.org")
    client.submit(f"/admin/users/{uid}/disable", {}, form_url=f"/admin/users/{uid}")
    assert db.execute("SELECT active FROM users WHERE id = ?", [uid]).fetchone()[0] == 1
    version = client.page(f"/admin/users/{uid}/edit").select_one("input[name=version]")["value"]
    page = check_page(client.submit(f"/admin/users/{uid}/edit", {"name": "Test Admin", "email": "admin@example.org",
                                                                 "role": "manager", "version": version}))
    assert "This is the only active admin account" in text(page)
    assert db.execute("SELECT role FROM users WHERE id = ?", [uid]).fetchone()[0] == "admin"


def test_new_set_password_link_replaces_the_old_one(client, sign_in, db):
    sign_in("admin")
    uid = user_id(db, "manager@example.org")
    first = check_page(client.submit(f"/admin/users/{uid}/set-password-link", {}, form_url=f"/admin/users/{uid}"))
    second = check_page(client.submit(f"/admin/users/{uid}/set-password-link", {}, form_url=f"/admin/users/{uid}"))
    first_link = first.select_one("#set-password-link").get_text()
    second_link = second.select_one("#set-password-link").get_text()
    assert first_link != second_link
    assert client.get(first_link).status_code == 404
    assert client.get(second_link).status_code == 200


def test_unknown_user_is_404(client, sign_in):
    sign_in("admin")
    assert client.page("/admin/users/9999", status=404).h1.get_text(strip=True) == "Page not found"


def test_admin_signs_a_user_out_everywhere(client, sign_in, new_client, db):
    worker = new_client("coordinator")
    assert worker.get("/").status_code == 200

    sign_in("admin")
    uid = user_id(db, "coordinator@example.org")
    assert "1 session" in text(client.page(f"/admin/users/{uid}"))
    response = client.submit(f"/admin/users/{uid}/sign-out", {}, form_url=f"/admin/users/{uid}")
    assert response.status_code == 302
    page = client.page(f"/admin/users/{uid}")
    assert "has been signed out on every device" in text(page)
    assert worker.get("/").status_code == 303
    assert db.execute("SELECT count(*) FROM audit_events WHERE action = 'user.sessions_ended'").fetchone()[0] == 1


def test_the_background_work_page_lists_what_waits_and_what_failed(client, sign_in, db):
    from fgc.data import jobs as job_data
    from fgc.data import now
    from fgc.db import write
    from fgc.domain import jobs

    def add(kind):
        with write(db):
            job_data.add(db, kind=kind, key=None, payload={"html": "<p>Osian</p>"}, max_attempts=1, run_after=now(),
                         case_id=None, requested_by=None, at=now())

    add("pdf.version")
    with write(db):
        job_data.claim(db, worker="w", at=now(), lease_until=now())
    assert jobs.run_next(db, "w")["state"] == "failed", "its worker died on its only attempt"
    add("pdf.kept")
    sign_in("admin")
    page = client.page("/admin/jobs")
    assert text(page.h1) == "Background work"
    assert page.select_one("nav [aria-current=page]").get_text(strip=True) == "Background work"
    counts = {text(row.dt): text(row.dd) for row in page.select(".govuk-summary-list__row")}
    assert counts == {"Waiting": "1", "Running": "0", "Done in the last day": "0", "Failed in the last 30 days": "1"}
    [row] = page.select("table tbody tr")
    cells = [text(cell) for cell in row.select("td")]
    assert cells[1] == "PDF of a plan version for the case file" and cells[2] == "1"
    assert cells[3] == "the worker stopped while running it, on its last attempt"
    assert "Osian" not in text(page), "what a job prints is never shown"


def test_an_admin_resets_someones_second_factor_with_their_own_code(client, sign_in, new_client, db):
    worker = new_client("coordinator")
    sign_in("admin")
    uid = user_id(db, "coordinator@example.org")
    page = client.page(f"/admin/users/{uid}")
    assert "Authenticator app set up" in text(page)
    assert page.find("a", string=re.compile("Reset second factor"))["href"] == f"/admin/users/{uid}/reset-second-factor"
    form = client.page(f"/admin/users/{uid}/reset-second-factor")
    assert "They are signed out on every device" in text(form)
    refused = check_page(client.submit(f"/admin/users/{uid}/reset-second-factor", {"code": "000000"}))
    assert "Enter the code shown in your authenticator app now" in text(refused.select_one(".govuk-error-summary"))
    assert worker.get("/").status_code == 200, "nothing happened"
    response = client.submit(f"/admin/users/{uid}/reset-second-factor", {"code": admins_code(client)})
    assert response.location == f"/admin/users/{uid}"
    after = client.page(f"/admin/users/{uid}")
    assert "second factor has been reset" in text(after) and "Not set up yet" in text(after)
    assert worker.get("/").status_code == 303
    assert db.execute("SELECT address, kind FROM messages").fetchall()[0] == ("coordinator@example.org",
                                                                             "second_factor_reset")
    # Their next sign-in sets up a new app.
    worker.submit("/sign-in", {"email": "coordinator@example.org", "password": PASSWORD})
    assert worker.get("/sign-in/code").location == "/sign-in/set-up"


def test_an_admin_cannot_reset_their_own_second_factor(client, sign_in, db):
    sign_in("admin")
    uid = user_id(db, "admin@example.org")
    assert "Reset second factor" not in text(client.page(f"/admin/users/{uid}"))
    response = client.get(f"/admin/users/{uid}/reset-second-factor")
    assert response.location == f"/admin/users/{uid}"


def test_a_team_is_set_without_a_code_and_offered_in_the_managers_reports(client, sign_in, db, new_client):
    sign_in("admin")
    uid = user_id(db, "coordinator@example.org")
    version = client.page(f"/admin/users/{uid}/edit").select_one("input[name=version]")["value"]
    response = client.submit(f"/admin/users/{uid}/edit", {"name": "Test Coordinator", "email": "coordinator@example.org",
                                                          "role": "coordinator", "team": "  North FGC team ",
                                                          "version": version})
    assert response.status_code == 302
    assert db.execute("SELECT team FROM users WHERE id = ?", [uid]).fetchone()[0] == "North FGC team"
    assert "North FGC team" in text(client.page(f"/admin/users/{uid}"))
    assert "team" in db.execute("SELECT detail FROM audit_events WHERE action = 'user.updated' "
                                "ORDER BY id DESC").fetchone()[0]
    reports = new_client("manager").page("/reports/practice")
    assert [option["value"] for option in reports.select("select[name=team] option")] == ["", "North FGC team"]
    long = client.submit(f"/admin/users/{uid}/edit", {"name": "Test Coordinator", "email": "coordinator@example.org",
                                                      "role": "coordinator", "team": "x" * 101,
                                                      "version": str(int(version) + 1)})
    assert "Team must be 100 characters or fewer" in text(check_page(long))
