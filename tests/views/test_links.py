"""Family links, the coordinator's side: making a link (with and without a PIN), its expiry, refusals for
anyone excluded and for withdrawn consent, revoking, a new PIN, the list with views and states, what the
family said, the printed letter (a real PDF with a QR code that encodes the link), and who may do what."""

import datetime
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
import segno

from fgc.render import letter
from fgc.domain import passwords
from fgc.data import audit as audit_data
from fgc.data import cases as case_data
from fgc.data import consents, network, parse
from fgc.data import family_links as links
from fgc.data import plans as plan_data
from fgc.db import write
from fgc.domain.deadlines import today
from fgc.domain.workdays import add_months

from conftest import check_page, sign_in_as, text
from factories import add_user, make_case, user_id

LONDON = ZoneInfo("Europe/London")
REFERENCE = "FGC-LINKS-1"
CHILD = "Megan Child"
HOSTILE_NAME = '<script>alert("x")</script><img src=x onerror=alert(1)> \u202eليلى Jones'
SHOWN_NAME = HOSTILE_NAME.replace("\u202e", "")  # as pages and letters show it: the typed override is dropped
URL = re.compile(r"^http://localhost/f/([A-Za-z0-9_-]{22})$")


@pytest.fixture
def case_id(db):
    social_worker = user_id(db, "social_worker@example.org")
    created = make_case(db, created_by=social_worker, reference=REFERENCE, social_worker_id=social_worker,
                        coordinator_id=user_id(db, "coordinator@example.org"), child_name=CHILD)
    with write(db):
        network.save(db, created, {"name": "Mam Jones", "side": "maternal", "roles": ["pr_holder", "parent"],
                                   "address": "1 Secret Street, Swansea SA1 1AA"})
        kevin = network.save(db, created, {"name": "Kevin Stranger", "side": "paternal", "roles": ["relative"]})
        network.exclude(db, created, kevin, reason="Risk to the children", approved_by="Team manager",
                        on=today().isoformat(), user_id=social_worker)
    return created


def person(db, case_id, name):
    return next(p for p in network.for_case(db, case_id) if p["name"] == name)


def form_url(case_id):
    return f"/cases/{case_id}/links/new"


def expiry_fields(day):
    return {"expires_on-day": str(day.day), "expires_on-month": str(day.month), "expires_on-year": str(day.year)}


def make_link(client, db, case_id, name="Nain Jones", *, pin="no", expires_on=None):
    """Make a link through the page; returns (created page, link row, token, PIN or None)."""
    response = client.submit(form_url(case_id), {"person": str(person(db, case_id, name)["id"]), "pin": pin,
                                                 **expiry_fields(expires_on or today() + datetime.timedelta(days=30))})
    assert response.status_code == 200, response.status_code
    assert "no-store" in response.headers["Cache-Control"]
    page = check_page(response)
    url = page.select_one("#family-link").get_text()
    token = URL.match(url).group(1)
    row = links.by_token(db, token)
    assert row is not None and row["case_id"] == case_id
    shown = page.select_one("#pin")
    return page, row, token, shown.get_text().strip() if shown else None


def stored_alone(pin, data):
    """True if the PIN's digits appear in ``data`` on their own: not inside a longer run of digits or letters
    (an argon2 hash's base64), nor as a timestamp's microseconds (after a '.')."""
    return re.search(rb"(?<![0-9A-Za-z+/.$])" + pin.encode() + rb"(?![0-9A-Za-z+/])", data) is not None


def database_bytes(app):
    path = Path(app.config["DATABASE"])
    return b"".join(file.read_bytes() for file in path.parent.glob(path.name + "*"))


def actions(db):
    return [event["action"] for event in audit_data.events(db, limit=50)]


# Making a link

def test_a_coordinator_makes_a_link_without_a_pin(client, sign_in, db, case_id):
    sign_in("coordinator")
    page, row, token, pin = make_link(client, db, case_id)
    assert pin is None and row["pin_hash"] is None
    assert "Link made for Nain Jones" in text(page)
    # The letter is asked for by a POST carrying the token in its body, never in a URL.
    letter_form = page.find("form", attrs={"action": f"/cases/{case_id}/links/{row['id']}/letter"})
    assert letter_form["method"] == "post"
    assert letter_form.find("input", attrs={"name": "token"})["value"] == token
    assert token not in str(row), "only the token's hash is stored"
    event = audit_data.events(db, limit=20, action="family.link_created")[0]
    assert event["detail"] == {"link_id": row["id"], "person_id": row["person_id"], "pin": False,
                               "expires_at": row["expires_at"]}
    assert token not in database_bytes(client.application).decode("latin-1")


def test_a_pin_is_shown_once_and_only_its_hash_is_kept(client, sign_in, db, app, case_id):
    sign_in("coordinator")
    page, row, token, pin = make_link(client, db, case_id, "Mam Jones", pin="yes")
    assert re.fullmatch(r"\d{6}", pin)
    assert "Tell Mam Jones the PIN by phone" in text(page)
    assert row["pin_hash"].startswith("$argon2") and passwords.verify(row["pin_hash"], pin)
    assert not stored_alone(pin, str({k: v for k, v in row.items() if k != "pin_hash"}).encode())
    assert not stored_alone(pin, database_bytes(app)), "the PIN is nowhere in the database"
    assert audit_data.events(db, limit=20, action="family.link_created")[0]["detail"]["pin"] is True
    # Nowhere to see it again: the list says there is a PIN, never what it is.
    listing = client.page(f"/cases/{case_id}/links")
    assert pin not in str(listing) and token not in str(listing)


def test_a_manager_can_make_a_link_too(client, sign_in, db, case_id):
    sign_in("manager")
    _, row, _, _ = make_link(client, db, case_id)
    assert row["created_by"] == user_id(db, "manager@example.org")


def test_the_expiry_defaults_to_the_review_date_plus_14_days(client, sign_in, db, case_id):
    sign_in("coordinator")
    # No plan yet: three months and 14 days from today.
    page = client.page(form_url(case_id))
    fallback = add_months(today(), 3) + datetime.timedelta(days=14)
    assert [page.select_one(f"#expires_on-{part}")["value"] for part in ("day", "month", "year")] == \
        [str(fallback.day), str(fallback.month), str(fallback.year)]
    review_on = today() + datetime.timedelta(days=75)
    with write(db):
        plan_data.ensure(db, case_id, user_id=user_id(db, "coordinator@example.org"), review_on=review_on.isoformat())
    expected = review_on + datetime.timedelta(days=14)
    page = client.page(form_url(case_id))
    assert [page.select_one(f"#expires_on-{part}")["value"] for part in ("day", "month", "year")] == \
        [str(expected.day), str(expected.month), str(expected.year)]
    _, row, _, _ = make_link(client, db, case_id, expires_on=expected)
    # Stored as the end of that day in the UK, in UTC.
    local = parse(row["expires_at"]).astimezone(LONDON)
    assert (local.date(), local.time()) == (expected, datetime.time.max)
    assert row["expires_at"].endswith("+00:00")


def test_the_end_of_a_summer_day_is_stored_in_utc(client, sign_in, db, case_id):
    sign_in("coordinator")
    day = datetime.date(today().year + 1, 7, 15)
    _, row, _, _ = make_link(client, db, case_id, expires_on=day)
    assert row["expires_at"] == f"{day.isoformat()}T22:59:59.999999+00:00"


def test_a_date_in_the_past_is_refused(client, sign_in, db, case_id):
    sign_in("coordinator")
    response = client.submit(form_url(case_id), {"person": str(person(db, case_id, "Nain Jones")["id"]), "pin": "no",
                                                 **expiry_fields(today() - datetime.timedelta(days=1))})
    assert response.status_code == 200
    assert "must be today or in the future" in text(check_page(response).select_one(".govuk-error-summary"))
    assert links.for_case(db, case_id) == []


def test_an_excluded_person_is_never_offered_and_a_tampered_post_is_refused(client, sign_in, db, case_id):
    sign_in("coordinator")
    page = client.page(form_url(case_id))
    offered = {radio["value"] for radio in page.select("input[name=person]")}
    assert offered == {str(person(db, case_id, name)["id"]) for name in ("Nain Jones", "Mam Jones")}
    assert "Kevin Stranger" not in text(page)
    assert "Has parental responsibility" in text(page)
    kevin = person(db, case_id, "Kevin Stranger")["id"]
    response = client.submit(form_url(case_id), {"person": str(kevin), "pin": "no",
                                                 **expiry_fields(today() + datetime.timedelta(days=30))})
    assert response.status_code == 200
    summary = text(check_page(response).select_one(".govuk-error-summary"))
    assert "This person is excluded because of risk, so they can never be sent a link" in summary
    assert links.for_case(db, case_id) == []
    assert "family.link_created" not in actions(db)


def test_someone_from_another_case_is_refused(client, sign_in, db, case_id):
    other = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="FGC-OTHER",
                      coordinator_id=user_id(db, "coordinator@example.org"))
    sign_in("coordinator")
    response = client.submit(form_url(case_id), {"person": str(person(db, other, "Nain Jones")["id"]), "pin": "no",
                                                 **expiry_fields(today() + datetime.timedelta(days=30))})
    assert "Select who the link is for" in text(check_page(response).select_one(".govuk-error-summary"))
    assert links.for_case(db, case_id) == [] and links.for_case(db, other) == []


def test_nobody_can_be_sent_a_link_once_consent_is_withdrawn(client, sign_in, db, case_id):
    sign_in("coordinator")
    token = client.csrf_token(form_url(case_id))
    with write(db):
        for consent in consents.for_case(db, case_id):
            consents.withdraw(db, case_id, consent["id"], withdrawn_by="Parent Person", withdrawn_on=today().isoformat())
    response = client.get(form_url(case_id))
    assert response.status_code == 302
    listing = client.page(f"/cases/{case_id}/links")
    assert "Consent has been withdrawn, so nobody on this case can be sent a link" in text(listing)
    assert "Make a link" not in text(listing)
    # A form opened before the withdrawal is refused by the data layer, plainly.
    response = client.post(form_url(case_id), data={"csrf_token": token, "pin": "no",
                                                    "person": str(person(db, case_id, "Nain Jones")["id"]),
                                                    **expiry_fields(today() + datetime.timedelta(days=30))})
    assert response.status_code == 200
    assert "Consent has been withdrawn" in text(check_page(response).select_one(".govuk-error-summary"))
    assert links.for_case(db, case_id) == []


# Revoking, a new PIN, and the list

def test_a_link_is_revoked_after_a_confirm_page(client, sign_in, db, case_id):
    sign_in("coordinator")
    _, row, _, _ = make_link(client, db, case_id)
    url = f"/cases/{case_id}/links/{row['id']}/revoke"
    page = client.page(url)
    assert "Revoke Nain Jones’s link" in text(page)
    assert links.get(db, case_id, row["id"])["revoked_at"] is None, "the GET only asks"
    response = client.submit(url, {})
    assert response.status_code == 302
    revoked = links.get(db, case_id, row["id"])
    assert revoked["revoked_at"] and revoked["revoked_by"] == user_id(db, "coordinator@example.org")
    assert links.state(revoked) == "revoked"
    listing = text(client.page(f"/cases/{case_id}/links"))
    assert "Nain Jones’s link has been revoked" in listing and "Revoked on" in listing
    assert audit_data.events(db, limit=20, action="family.link_revoked")[0]["detail"] == {
        "link_id": row["id"], "person_id": row["person_id"]}
    assert client.get(url).status_code == 302, "nothing left to revoke"


def test_a_new_pin_unlocks_the_link_and_is_shown_once(client, sign_in, db, case_id):
    sign_in("coordinator")
    _, row, _, old_pin = make_link(client, db, case_id, pin="yes")
    with write(db):
        for _ in range(links.PIN_ATTEMPTS):
            links.record_pin_result(db, row["id"], ok=False)
    listing = text(client.page(f"/cases/{case_id}/links"))
    assert "Locked after too many wrong tries" in listing
    url = f"/cases/{case_id}/links/{row['id']}/pin"
    assert "The old PIN stops working straight away, and the link is unlocked" in text(client.page(url))
    response = client.submit(url, {})
    assert response.status_code == 200
    page = check_page(response)
    new_pin = page.select_one("#pin").get_text().strip()
    assert re.fullmatch(r"\d{6}", new_pin)
    after = links.get(db, case_id, row["id"])
    assert after["pin_locked_at"] is None and after["pin_failures"] == 0
    assert passwords.verify(after["pin_hash"], new_pin)
    assert new_pin == old_pin or not passwords.verify(after["pin_hash"], old_pin)
    assert "Locked" not in text(client.page(f"/cases/{case_id}/links"))
    event = audit_data.events(db, limit=20, action="family.pin_reset")[0]
    assert event["detail"]["link_id"] == row["id"] and event["detail"]["was_locked"] is True
    assert new_pin not in str(event)


def test_the_list_shows_every_link_with_its_state_and_views(client, sign_in, db, case_id):
    coordinator = user_id(db, "coordinator@example.org")
    nain, mam = person(db, case_id, "Nain Jones")["id"], person(db, case_id, "Mam Jones")["id"]
    future = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)).isoformat()
    past = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)).isoformat()
    with write(db):
        viewed, _ = links.create(db, case_id, nain, expires_at=future, pin_hash=passwords.hash_password("123456"),
                                 user_id=coordinator, consent_withdrawn=False)
        links.record_view(db, viewed)
        links.record_view(db, viewed)
        links.create(db, case_id, mam, expires_at=past, pin_hash=None, user_id=coordinator, consent_withdrawn=False)
        dai = network.save(db, case_id, {"name": "Dai Risk", "side": "paternal", "roles": ["relative"]})
        links.create(db, case_id, dai, expires_at=future, pin_hash=None, user_id=coordinator, consent_withdrawn=False)
        network.exclude(db, case_id, dai, reason="New risk", approved_by="Team manager", on=today().isoformat(),
                        user_id=coordinator)
    sign_in("coordinator")
    page = client.page(f"/cases/{case_id}/links")
    cards = {card.select_one(".govuk-summary-card__title").get_text(" ", strip=True): card
             for card in page.select(".govuk-summary-card")}
    assert set(cards) == {"Link for Nain Jones", "Link for Mam Jones", "Link for Dai Risk"}

    def value(card, key):
        row = next(row for row in card.select(".govuk-summary-list__row")
                   if row.select_one(".govuk-summary-list__key").get_text(strip=True) == key)
        return " ".join(row.select_one(".govuk-summary-list__value").get_text(" ").split())

    nain_card = cards["Link for Nain Jones"]
    assert value(nain_card, "State") == "Open" and value(nain_card, "Views") == "2"
    assert value(nain_card, "Last viewed") != "Never" and value(nain_card, "PIN") == "Yes"
    assert value(nain_card, "Made").endswith("by Test Coordinator")
    assert value(cards["Link for Mam Jones"], "State") == "Expired"
    assert value(cards["Link for Mam Jones"], "Last viewed") == "Never"
    assert value(cards["Link for Mam Jones"], "PIN") == "No PIN"
    assert value(cards["Link for Dai Risk"], "State").startswith("Revoked because excluded")
    # Only an open link can have a new PIN; a revoked one cannot be revoked again.
    assert [a.get_text(" ", strip=True) for a in nain_card.select(".govuk-summary-card__actions a")] == [
        "Set a new PIN (Link for Nain Jones )", "Revoke (Link for Nain Jones )"]
    assert [a.get_text(" ", strip=True) for a in cards["Link for Mam Jones"].select("a")] == [
        "Revoke (Link for Mam Jones )"]
    assert cards["Link for Dai Risk"].select("a") == []


def test_the_list_shows_what_the_family_have_said(client, sign_in, db, case_id):
    from factories import agree_plan

    with write(db):
        for stage in ("conference_scheduled", "conference_held"):
            case_data.move(db, case_id, to_stage=stage, user_id=user_id(db, "coordinator@example.org"))
    plan = agree_plan(db, case_id, tasks=("Nain collects Megan from school", "Mam cooks tea"))
    nain = person(db, case_id, "Nain Jones")
    future = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)).isoformat()
    tasks = plan_data.tasks(db, plan["id"])
    with write(db):
        link_id, _ = links.create(db, case_id, nain["id"], expires_at=future, pin_hash=None,
                                  user_id=user_id(db, "coordinator@example.org"), consent_withdrawn=False)
        links.acknowledge(db, link_id, plan["id"], 1)
        links.add_task_update(db, link_id, plan["id"], 1, tasks[0]["id"], done=True, note="Done every day <b>so far</b>")
    sign_in("social_worker")
    page = client.page(f"/cases/{case_id}/links")
    read = " ".join(page.select_one("#read + ul li").get_text().split())
    assert read.startswith("Nain Jones: read version 1 of the plan on ")
    row = page.select_one("#updates ~ div table tbody tr")
    cells = [" ".join(cell.get_text(" ").split()) for cell in row.select("td")]
    assert cells[0] == "Task 1: Nain collects Megan from school (version 1)"
    assert cells[1] == "Nain Jones" and cells[2] == "Done Done every day <b>so far</b>"


# The letter

def letter_response(client, case_id, link_id, token, created_page=None):
    data = {"token": token}
    if created_page is not None:
        data["csrf_token"] = created_page.find("input", attrs={"name": "csrf_token"})["value"]
        return client.raw.post(f"/cases/{case_id}/links/{link_id}/letter", data=data)
    return client.submit(f"/cases/{case_id}/links/{link_id}/letter", data, form_url=f"/cases/{case_id}/links")


def svg_modules(svg):
    """The dark modules a segno SVG path draws, as a set of (row, column): read back from the path itself."""
    path = re.search(r'<path[^>]* d="([^"]+)"', svg).group(1)
    dark, x, y = set(), 0.0, 0.0
    for command, args in re.findall(r"([MmHh])([^MmHh]*)", path):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            length = numbers[0] if command == "h" else numbers[0] - x
            dark.update((int(y), int(x) + step) for step in range(int(length)))
            x += length
    return dark


def test_the_letter_is_one_page_with_the_link_the_name_and_a_qr_code_that_encodes_it(client, sign_in, db, case_id,
                                                                                         monkeypatch):
    sign_in("coordinator")
    page, row, token, pin = make_link(client, db, case_id, "Mam Jones", pin="yes")
    url = page.select_one("#family-link").get_text()
    rendered = {}
    html_for = letter.html_for

    def keep(**values):
        rendered["html"] = html_for(**values)
        return rendered["html"]

    monkeypatch.setattr(letter, "html_for", keep)
    response = letter_response(client, case_id, row["id"], token, page)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=FGC-LINKS-1-letter.pdf"
    assert "no-store" in response.headers["Cache-Control"]
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    words = reader.pages[0].extract_text()
    flat = "".join(words.split())
    assert url in flat, "the link in full"
    assert "Dear Mam Jones" in " ".join(words.split())
    assert "You will also need a PIN. Your coordinator will tell you it by phone." in " ".join(words.split())
    assert pin not in flat
    assert "Test Coordinator" in words and "coordinator@example.org" in flat
    for secret in (CHILD, "Secret Street", "SA1 1AA", REFERENCE):
        assert secret not in words
    assert "family.letter_printed" in actions(db)
    assert token not in str(audit_data.events(db, limit=50))

    # The QR code in the letter draws exactly segno's encoding of the link.
    html = rendered["html"]
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 1
    expected = segno.make(url, error="m")
    matrix = [list(row) for row in expected.matrix_iter(border=4)]
    assert svg_modules(svgs[0]) == {(y, x) for y, line in enumerate(matrix) for x, dark in enumerate(line) if dark}
    assert expected.error in ("M", "Q", "H") and expected.mode == "byte"
    assert url in html and pin not in html


def test_the_letter_can_be_printed_in_welsh(client, sign_in, db, case_id):
    sign_in("coordinator")
    page, row, token, _ = make_link(client, db, case_id, "Mam Jones", pin="yes")
    buttons = {button.get_text(strip=True): button.get("value")
               for button in page.select(f"form[action$='/links/{row['id']}/letter'] button[name=language]")}
    assert buttons == {"Download the letter in English (PDF)": "en", "Download the letter in Welsh (PDF)": "cy"}
    data = {"token": token, "language": "cy",
            "csrf_token": page.find("input", attrs={"name": "csrf_token"})["value"]}
    response = client.raw.post(f"/cases/{case_id}/links/{row['id']}/letter", data=data)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=FGC-LINKS-1-llythyr.pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1 and reader.trailer["/Root"]["/Lang"] == "cy"
    words = " ".join(reader.pages[0].extract_text().split())
    assert "Annwyl Mam Jones," in words and "Eich dolen breifat i gynllun eich teulu" in words
    assert "Bydd angen PIN arnoch chi hefyd." in words
    expires = (today() + datetime.timedelta(days=30))
    welsh_month = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
                   "Hydref", "Tachwedd", "Rhagfyr"][expires.month - 1]
    assert f"Bydd y ddolen yn stopio gweithio ar ddiwedd {expires.day} {welsh_month} {expires.year}." in words
    assert "Dear" not in words and "Your coordinator" not in words
    [event] = [entry for entry in audit_data.events(db, action="family.letter_printed")]
    assert event["detail"]["language"] == "cy"
    # The page the coordinator goes back to is still in English.
    assert "Family links" in text(client.page(f"/cases/{case_id}/links"))


def test_the_qr_code_in_the_pdf_scans(client, sign_in, db, case_id):
    """Decoded from the PDF itself, when the optional test tools are installed (pypdfium2 and zxing-cpp:
    wheels that need no system libraries)."""
    pdfium = pytest.importorskip("pypdfium2")
    zxingcpp = pytest.importorskip("zxingcpp")
    sign_in("coordinator")
    page, row, token, _ = make_link(client, db, case_id)
    response = letter_response(client, case_id, row["id"], token, page)
    image = pdfium.PdfDocument(response.data)[0].render(scale=2).to_pil()
    found = [result.text for result in zxingcpp.read_barcodes(image)]
    assert found == [page.select_one("#family-link").get_text()]


def test_a_letter_needs_the_links_own_token(client, sign_in, db, case_id):
    sign_in("coordinator")
    first_page, first, first_token, _ = make_link(client, db, case_id)
    _, second, second_token, _ = make_link(client, db, case_id, "Mam Jones")
    for token in (second_token, "not-a-token", "", first_token + "x"):
        assert letter_response(client, case_id, first["id"], token, first_page).status_code == 400
    other = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="FGC-OTHER",
                      coordinator_id=user_id(db, "coordinator@example.org"))
    assert letter_response(client, other, first["id"], first_token, first_page).status_code == 404
    with write(db):
        links.revoke(db, case_id, second["id"], user_id=user_id(db, "coordinator@example.org"))
    response = letter_response(client, case_id, second["id"], second_token, first_page)
    assert response.status_code == 302
    assert "This link has been revoked, so there is no letter to print" in text(client.page(f"/cases/{case_id}/links"))
    assert "family.letter_printed" not in actions(db)


# Who may do what

def test_a_social_worker_sees_the_list_but_cannot_make_revoke_or_print(client, sign_in, new_client, db, case_id):
    coordinator = new_client("coordinator")
    page, row, token, _ = make_link(coordinator, db, case_id)
    sign_in("social_worker")
    listing = client.page(f"/cases/{case_id}/links")
    assert "Link for Nain Jones" in text(listing)
    assert "Make a link" not in text(listing) and "Revoke" not in text(listing) and "PIN for" not in text(listing)
    assert client.get(form_url(case_id)).status_code == 403
    for url in (f"/cases/{case_id}/links/{row['id']}/revoke", f"/cases/{case_id}/links/{row['id']}/pin"):
        assert client.get(url).status_code == 403
    # POSTs with a valid CSRF token (every signed-in page has one, in the sign-out form).
    csrf = listing.find("input", attrs={"name": "csrf_token"})["value"]
    for url in (form_url(case_id), f"/cases/{case_id}/links/{row['id']}/revoke",
                f"/cases/{case_id}/links/{row['id']}/pin", f"/cases/{case_id}/links/{row['id']}/letter"):
        assert client.post(url, data={"csrf_token": csrf, "token": token, "pin": "no",
                                      "person": str(row["person_id"])}).status_code == 403
    assert links.get(db, case_id, row["id"])["revoked_at"] is None
    assert len(links.for_case(db, case_id)) == 1


def test_another_cases_coordinator_gets_not_found(client, sign_in, db, case_id, new_client):
    _, row, token, _ = make_link(new_client("coordinator"), db, case_id)
    other = add_user(db, "other.coordinator@example.org", "coordinator")
    own_case = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="FGC-THEIRS",
                         coordinator_id=other)
    sign_in_as(client, "other.coordinator@example.org")
    for url in (f"/cases/{case_id}/links", form_url(case_id), f"/cases/{case_id}/links/{row['id']}/revoke",
                f"/cases/{case_id}/links/{row['id']}/pin"):
        assert client.get(url).status_code == 404
    # Their own case does not reach another case's link either.
    assert client.get(f"/cases/{own_case}/links").status_code == 200
    assert client.get(f"/cases/{own_case}/links/{row['id']}/revoke").status_code == 404
    assert client.get(f"/cases/{own_case}/links/{row['id']}/pin").status_code == 404


# Hostile names

def test_hostile_names_are_shown_as_text_on_the_pages_and_the_letter(client, sign_in, db, case_id, monkeypatch):
    with write(db):
        network.save(db, case_id, {"name": HOSTILE_NAME, "side": "paternal", "roles": ["friend"]})
    sign_in("coordinator")
    form = client.page(form_url(case_id))
    assert SHOWN_NAME in [label.get_text(strip=True) for label in form.select("label")]
    page, row, token, _ = make_link(client, db, case_id, HOSTILE_NAME)
    listing = client.page(f"/cases/{case_id}/links")
    for shown in (page, listing, client.page(f"/cases/{case_id}/links/{row['id']}/revoke")):
        assert SHOWN_NAME in shown.get_text()
        assert not shown.find("img", attrs={"src": "x"})
        assert all(script.get("src") or script.get("nonce") for script in shown.find_all("script"))
        assert any(bdi.get_text() == SHOWN_NAME for bdi in shown.find_all("bdi")), "the name is isolated"
    rendered = {}
    html_for = letter.html_for
    monkeypatch.setattr(letter, "html_for", lambda **values: rendered.setdefault("html", html_for(**values)))
    response = letter_response(client, case_id, row["id"], token, page)
    assert response.status_code == 200
    assert len(pypdf.PdfReader(io.BytesIO(response.data)).pages) == 1
    assert "<script>" not in rendered["html"] and "&lt;script&gt;" in rendered["html"]
    assert f"<bdi>{SHOWN_NAME.replace('<', '&lt;').replace('>', '&gt;').replace(chr(34), '&#34;')}</bdi>" \
        in rendered["html"]
