"""An admin adds a user, who then sets a password through the link, sets up an authenticator app on their first
sign-in and keeps their recovery codes; later the admin resets that second factor, confirming with their own code."""

import pyotp
from playwright.sync_api import expect

from conftest import app_code, browser_sign_in


def test_admin_creates_a_user_who_signs_in_through_the_link_with_a_second_factor(page, browser, live_server, axe,
                                                                                 app):
    browser_sign_in(page, axe, "admin@example.org")
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
    # Giving someone an account is a sensitive change: the admin's own code again.
    page.get_by_label("Code from your authenticator app").fill(app_code(app, "admin@example.org"))
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

    # Her first sign-in: set up an authenticator app from the QR code, or the key under "I cannot scan".
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    expect(newcomer.get_by_role("img", name="QR code to set up your authenticator app")).to_be_visible()
    axe.check(newcomer)
    newcomer.get_by_text("I cannot scan the QR code").click()
    key = newcomer.locator("#setup-key").inner_text().replace(" ", "")
    newcomer.get_by_label("Code", exact=True).fill("000000" if pyotp.TOTP(key).now() != "000000" else "111111")
    newcomer.get_by_role("button", name="Continue").click()
    expect(newcomer.locator(".govuk-error-summary")).to_be_focused()
    expect(newcomer.locator(".govuk-error-summary")).to_contain_text("Enter the code shown in your authenticator app now")
    axe.check(newcomer)
    newcomer.get_by_label("Code", exact=True).fill(pyotp.TOTP(key).now())
    newcomer.get_by_role("button", name="Continue").click()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Save your recovery codes")
    codes = newcomer.locator(".app-recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    axe.check(newcomer)
    newcomer.get_by_role("button", name="I have saved my recovery codes").click()
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
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nia Ben-David")
    axe.check(page)

    # She has lost her phone: the admin resets her second factor, confirming with their own code.
    page.get_by_role("button", name="Reset second factor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset Nia Ben-David’s second factor")
    axe.check(page)
    page.get_by_label("Code from your authenticator app").fill(app_code(app, "admin@example.org"))
    page.get_by_role("button", name="Reset second factor").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text("second factor has been reset")
    expect(page.get_by_text("Not set up yet")).to_be_visible()
    axe.check(page)
    newcomer.reload()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Sign in")
    axe.check(newcomer)
