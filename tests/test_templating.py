"""The Jinja set-up: the page chrome rendered once per language, and templates that see every global."""

from flask import render_template_string
from flask_babel import force_locale


def test_a_fragment_is_rendered_once_per_language_and_then_kept(app):
    calls = []
    app.jinja_env.globals["count"] = lambda: calls.append(1) or len(calls)
    source = '{% fragment "test" %}<p>{{ count() }}</p>{% endfragment %}'
    with app.test_request_context("/"):
        first = render_template_string(source)
        again = render_template_string(source)
        with force_locale("cy"):
            welsh = render_template_string(source)
    assert first == again == "<p>1</p>" and welsh == "<p>2</p>"


def test_the_staff_pages_chrome_is_the_same_on_every_page(client, sign_in):
    sign_in("manager")
    home, cases = client.page("/"), client.page("/cases/")
    for selector in (".govuk-skip-link", ".govuk-generic-header", ".govuk-phase-banner", ".govuk-footer"):
        assert str(home.select_one(selector)) == str(cases.select_one(selector)), selector
    assert home.select_one(".govuk-generic-header").get_text(" ", strip=True) == "Family Group Conferences"
