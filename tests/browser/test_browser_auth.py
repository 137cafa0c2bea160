"""Signing in and out in a real browser, with keyboard use and axe-core checks on every page."""

from playwright.sync_api import expect

from conftest import PASSWORD, app_code


HOME_HEADINGS = {"admin": "Family Group Conferences", "manager": "FGC service overview",
                 "coordinator": "Your cases", "social_worker": "Your referrals"}


def sign_in(page, axe, email, password):
    page.goto("/sign-in")
    axe.check(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def focused(page):
    """What has keyboard focus: its accessible text or id."""
    return page.evaluate(r"""() => {
        const el = document.activeElement;
        return (el.innerText || el.value || el.id || el.tagName).replace(/\s+/g, ' ').trim();
    }""")


def test_sign_in_with_a_code_and_sign_out(page, axe, app):
    page.goto("/")
    assert "/sign-in?next=" in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    axe.check(page)
    sign_in(page, axe, "coordinator@example.org", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
    axe.check(page)
    page.get_by_label("Code", exact=True).fill("12345")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page).to_have_title("Error: Enter the code from your authenticator app – Family Group Conferences")
    axe.check(page)
    page.get_by_label("Code", exact=True).fill(app_code(app, "coordinator@example.org"))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HOME_HEADINGS["coordinator"])
    expect(page.get_by_text("Welcome, Test Coordinator")).to_be_visible()
    expect(page.get_by_role("alert", name="Success")).to_contain_text("You are signed in")
    axe.check(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_text("You have signed out")).to_be_visible()
    axe.check(page)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    axe.check(page)


def test_failed_sign_in_moves_focus_to_the_error_summary(page, axe):
    sign_in(page, axe, "coordinator@example.org", "not the right password")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter a correct email address and password")
    expect(page).to_have_title("Error: Sign in – Family Group Conferences")
    expect(page.get_by_label("Email address")).to_have_value("coordinator@example.org")
    axe.check(page)
    summary.get_by_role("link").click()
    expect(page.get_by_label("Email address")).to_be_focused()


def test_sign_in_and_out_with_the_keyboard_alone(page, axe, app):
    page.goto("/sign-in")
    axe.check(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Email address")).to_be_focused()
    page.keyboard.type("manager@example.org")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password", exact=True)).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
    axe.check(page)
    page.keyboard.press("Tab")  # the browser carries on from where the password form was: the code comes next
    expect(page.get_by_label("Code", exact=True)).to_be_focused()
    page.keyboard.type(app_code(app, "manager@example.org"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(HOME_HEADINGS["manager"])
    axe.check(page)

    # From the skip link at the top: service name, navigation, the user's name, then Sign out.
    page.get_by_role("link", name="Skip to main content").focus()
    order = []
    for _ in range(9):
        page.keyboard.press("Tab")
        order.append(focused(page))
    assert order == ["Family Group Conferences", "Home", "Waiting for a coordinator", "Cases", "Search", "Reports",
                     "Disposal review", "Your account: Test Manager", "Sign out"], order
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_text("You have signed out")).to_be_visible()
    axe.check(page)


def test_error_and_account_pages_are_accessible(page, axe, app):
    sign_in(page, axe, "social_worker@example.org", PASSWORD)
    axe.check(page)
    page.get_by_role("link", name="I cannot use my authenticator app").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter a recovery code")
    axe.check(page)
    page.get_by_role("link", name="Use your authenticator app instead").click()
    page.get_by_label("Code", exact=True).fill(app_code(app, "social_worker@example.org"))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HOME_HEADINGS["social_worker"])
    axe.check(page)
    page.goto("/no-such-page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    axe.check(page)
    page.goto("/admin/users")
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have permission to see this page")
    axe.check(page)
    page.goto("/account/recovery-codes")
    axe.check(page)
    page.get_by_label("Code from your authenticator app").fill(app_code(app, "social_worker@example.org"))
    page.get_by_role("button", name="Get new recovery codes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Save your recovery codes")
    axe.check(page)
    page.goto("/account/password")
    axe.check(page)
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your current password")
    axe.check(page)


def test_the_accessibility_check_catches_violations(page, axe):
    """Guard against a vacuous harness: a page with known WCAG failures must fail the check."""
    page.goto("/sign-in")
    axe.check(page)
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = '/static/images/icon-180.png';
        document.querySelector('main').appendChild(img);
        document.getElementById('email').removeAttribute('id');
    }""")
    try:
        axe.check(page)
    except AssertionError as error:
        assert "image-alt" in str(error) or "label" in str(error)
    else:
        raise AssertionError("axe-core reported no violations on a page built to have them")
