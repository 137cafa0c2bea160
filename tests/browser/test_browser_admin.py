"""An admin adds a user, who then sets a password through the link and signs in."""

from playwright.sync_api import expect

from conftest import PASSWORD


def test_admin_creates_a_user_who_signs_in_through_the_link(page, browser, live_server, axe):
    page.goto("/sign-in")
    axe.check(page)
    page.get_by_label("Email address").fill("admin@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Family Group Conferences")
    axe.check(page)

    page.get_by_role("link", name="Users", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Users")
    axe.check(page)
    page.get_by_role("button", name="Add a user").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a user")
    axe.check(page)

    # A mistake first: the form comes back with the error summary and keeps what was typed.
    page.get_by_label("Full name").fill("Nia Ben-David")
    page.get_by_label("Email address").fill("nia at example")
    page.get_by_role("button", name="Add user").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.get_by_label("Full name")).to_have_value("Nia Ben-David")
    axe.check(page)

    page.get_by_label("Email address").fill("nia@example.org")
    page.get_by_label("Coordinator").check()
    page.get_by_role("button", name="Add user").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account created")
    axe.check(page)
    link = page.locator("#set-password-link").inner_text().strip()
    assert link.startswith(live_server + "/set-password/")

    newcomer = axe.watch(browser.new_context(base_url=live_server).new_page())
    newcomer.goto(link)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Set your password")
    axe.check(newcomer)
    newcomer.get_by_label("New password", exact=True).fill("password1234")
    newcomer.get_by_label("Confirm new password").fill("password1234")
    newcomer.get_by_role("button", name="Set password").click()
    expect(newcomer.locator(".govuk-error-summary")).to_contain_text("Password is too easy to guess")
    axe.check(newcomer)
    newcomer.get_by_label("New password", exact=True).fill("juniper atlas kestrel oboe")
    newcomer.get_by_label("Confirm new password").fill("juniper atlas kestrel oboe")
    newcomer.get_by_role("button", name="Set password").click()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(newcomer.get_by_text("Your password has been set")).to_be_visible()
    axe.check(newcomer)
    newcomer.get_by_label("Email address").fill("nia@example.org")
    newcomer.get_by_label("Password", exact=True).fill("juniper atlas kestrel oboe")
    newcomer.get_by_role("button", name="Sign in").click()
    expect(newcomer.get_by_text("Welcome, Nia Ben-David")).to_be_visible()
    axe.check(newcomer)

    page.get_by_role("link", name="Users", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Users")
    axe.check(page)
    page.get_by_role("link", name="Nia Ben-David").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nia Ben-David")
    axe.check(page)
    page.get_by_role("link", name="Change name, email address or role").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change Nia Ben-David")
    axe.check(page)
