"""A family with a private link, shared by the tests of the family pages, their Welsh, their PDF and link actions."""

import datetime

import pytest
from conftest import check_page, text
from factories import agree_plan, make_case, user_id

from fgc.data import audit as audit_data
from fgc.data import cases as case_data
from fgc.data import family_links as links
from fgc.data import iso, network, now
from fgc.db import write
from fgc.domain import passwords


@pytest.fixture
def case_id(db):
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="FAM-1",
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled")
    with write(db):
        case_data.move(db, created, to_stage="conference_held", user_id=1)
    return created


@pytest.fixture
def nain(db, case_id):
    return next(p for p in network.for_case(db, case_id) if p["name"] == "Nain Jones")


def make_link(db, case_id, person_id, *, days=30, pin=None):
    with write(db):
        return links.create(db, case_id, person_id, expires_at=iso(now() + datetime.timedelta(days=days)),
                            pin_hash=passwords.hash_password(pin) if pin else None,
                            user_id=user_id(db, "coordinator@example.org"), consent_withdrawn=False)


def link_events(db, case_id):
    """The case's family-link audit events as (actor, action, detail), oldest first."""
    return [(row["actor"], row["action"], row["detail"]) for row in audit_data.for_record(db, "case", case_id)
            if row["action"].startswith("family.")]


def agreed_with_own_task(db, case_id, person_id):
    """An agreed plan in which the person has a task of their own and someone else has another."""
    return agree_plan(db, case_id, tasks=("Uncle Dai phones every evening", "Nain collects the children"),
                      owners={1: [person_id]})


def open_link(client, token):
    response = client.get(f"/f/{token}")
    assert response.status_code == 303, response.status_code
    return response


def check_family_page(response):
    """conftest.check_page, which knows a Welsh page with errors has a title starting "Gwall: "."""
    html = response.get_data(as_text=True)
    if 'lang="cy"' in html.split(">", 2)[1] and "govuk-error-summary" in html:
        assert "<title>Gwall: " in html, "a Welsh page with errors has a title starting Gwall:"
    return check_page(response)


def switch(client, language, page="/family/"):
    """Press the language switch on ``page``, as a browser would: the page's own form and CSRF token."""
    soup = check_family_page(client.get(page))
    form = soup.find("form", action="/family/language")
    button = form.find("button", attrs={"name": "language"})
    assert button["value"] == language
    assert button["lang"] == ("cy" if language == "cy" else "en-GB"), "the switch says which language it is in"
    assert text(button) == ("Cymraeg" if language == "cy" else "English"), "the switch is in the other language"
    data = {field["name"]: field["value"] for field in form.find_all("input")}
    response = client.post("/family/language", data={**data, "language": language})
    assert response.status_code == 303 and response.location == page
    assert "fgc_lang=" + language in response.headers["Set-Cookie"]
    return check_family_page(client.get(page))
