"""The family pages in Welsh: the switch, the words, the dates, and a catalogue that is whole and compiled."""

import datetime
import io
import json
import re
from pathlib import Path

import babel.messages.catalog
import pytest
from babel.dates import format_date
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from fgc.data import plans as plan_data
from fgc.db import write

from conftest import text
from factories import user_id
from families import agreed_with_own_task, case_id, check_family_page, make_link, nain, open_link, switch  # noqa: F401

CATALOGUE = Path(__file__).resolve().parents[2] / "fgc" / "translations" / "cy" / "LC_MESSAGES"


@pytest.fixture
def visiting(client, db, case_id, nain):  # noqa: F811 (fixtures from test_family)
    """Nain has opened her link to an agreed plan with a task of her own."""
    plan = agreed_with_own_task(db, case_id, nain["id"])
    _, token = make_link(db, case_id, nain["id"])
    open_link(client, token)
    return plan


def test_the_plan_page_switches_to_welsh_and_back(client, visiting):
    english = check_family_page(client.get("/family/"))
    assert english.html["lang"] == "en-GB"
    assert text(english.find("h1")) == "Your family plan"

    welsh = switch(client, "cy")
    assert welsh.html["lang"] == "cy"
    assert text(welsh.find("h1")) == "Eich cynllun teulu"
    assert welsh.title.get_text().startswith("Eich cynllun teulu")
    assert text(welsh.select_one("#your-tasks")) == "Eich tasgau"
    assert text(welsh.select_one("#other-tasks")) == "Tasgau pawb arall"
    assert text(welsh.select_one("#if-it-stops")) == "Os bydd y cynllun yn stopio gweithio"
    exit_welsh = welsh.select_one(".govuk-exit-this-page")
    assert text(exit_welsh.find("a", href="/family/exit")) == "Argyfwng Gadael y dudalen hon"
    assert exit_welsh["data-i18n.press-two-more-times"] == "Shift, pwyswch 2 waith arall i adael."
    assert exit_welsh["data-i18n.press-one-more-time"] == "Shift, pwyswch 1 waith arall i adael."
    assert (exit_welsh["data-i18n.activated"], exit_welsh["data-i18n.timed-out"]) == (
        "Yn llwytho.", "Mae ‘Gadael y dudalen hon’ wedi dod i ben.")
    assert text(welsh.select_one(".govuk-skip-link")) == "Neidio i’r prif gynnwys"
    assert "Nain collects the children" in text(welsh), "the family's own words stay as they wrote them"
    assert "Lawrlwythwch eich cynllun (PDF)" in text(welsh)

    english = switch(client, "en")
    assert english.html["lang"] == "en-GB"
    assert text(english.find("h1")) == "Your family plan"
    assert text(english.select_one("#your-tasks")) == "Your tasks"
    exit_english = english.select_one(".govuk-exit-this-page")
    assert text(exit_english.find("a", href="/family/exit")) == "Emergency Exit this page"
    assert exit_english["data-i18n.press-two-more-times"] == "Shift, press 2 more times to exit."


def test_dates_are_in_the_pages_language(client, db, case_id, nain):  # noqa: F811
    # A draft plan, so its review date is the one the family see.
    with write(db):
        plan_data.ensure(db, case_id, user_id=user_id(db, "coordinator@example.org"), review_on="2027-02-14")
    _, token = make_link(db, case_id, nain["id"])
    open_link(client, token)
    english = check_family_page(client.get("/family/"))
    assert text(english.select_one("#review").find_next_sibling("p")) == "14 February 2027"
    assert "This plan is not agreed yet" in text(english.select_one(".govuk-warning-text"))
    welsh = switch(client, "cy")
    assert text(welsh.select_one("#review").find_next_sibling("p")) == "14 Chwefror 2027"
    assert "Nid yw’r cynllun hwn wedi’i gytuno eto" in text(welsh.select_one(".govuk-warning-text"))
    assert "Rhybudd" in text(welsh.select_one(".govuk-warning-text .govuk-visually-hidden"))


def test_the_agreed_date_is_in_welsh(client, db, visiting):
    welsh = switch(client, "cy")
    agreed = plan_data.latest_agreed(db, visiting["id"])
    at = json.loads(agreed["content"])["decision"]["at"][:10]
    expected = format_date(datetime.date.fromisoformat(at), "d MMMM yyyy", locale="cy")
    assert f"Cafodd ei gytuno ar {expected}." in text(welsh)
    assert text(welsh.select_one("#review").find_next_sibling("p")) == "1 Mawrth 2027"


def test_every_family_page_passes_the_page_checks_in_welsh(client, db, case_id, nain, visiting):  # noqa: F811
    tasks = plan_data.tasks(db, visiting["id"])
    switch(client, "cy")
    task_page = check_family_page(client.get(f"/family/tasks/{tasks[1]['id']}"))
    assert text(task_page.find("h1")) == "Dywedwch wrthym sut mae tasg 2 yn mynd"
    assert text(task_page.select_one(".govuk-back-link")) == "Yn ôl"
    csrf = task_page.find("input", attrs={"name": "csrf_token"})["value"]
    # Nothing ticked and no note: the error is in Welsh, and so is the title's prefix.
    response = client.post(f"/family/tasks/{tasks[1]['id']}", data={"csrf_token": csrf, "note": ""})
    assert response.status_code == 200
    errors = check_family_page(response)
    assert "<title>Gwall: Dywedwch wrthym sut mae tasg 2 yn mynd – Eich cynllun teulu</title>" in response.get_data(
        as_text=True)
    assert text(errors.select_one(".govuk-error-summary__title")) == "Mae problem wedi codi"
    assert "Ticiwch y blwch, neu ysgrifennwch nodyn" in text(errors.select_one(".govuk-error-summary"))
    assert "Gwall:" in text(errors.select_one(".govuk-error-message"))
    # A task that is not theirs: a Welsh 404 in the family's own pages.
    missing = client.get(f"/family/tasks/{tasks[0]['id']}")
    assert missing.status_code == 404
    assert text(check_family_page(missing).find("h1")) == "Ni allwn ddod o hyd i’r dudalen hon"
    # A stale form: a Welsh 400.
    stale = client.post("/family/read", data={"csrf_token": "stale"})
    assert stale.status_code == 400
    assert check_family_page(stale).html["lang"] == "cy"
    # The pages met without an open link.
    client.post("/family/exit")
    gone = client.get("/family/")
    assert gone.status_code == 403
    assert text(check_family_page(gone).find("h1")) == "Agorwch eich dolen eto"
    not_found = client.get("/f/" + "x" * 20)
    assert not_found.status_code == 404
    assert text(check_family_page(not_found).find("h1")) == "Ni allwn ddod o hyd i’r ddolen hon"


def test_the_pin_page_in_welsh(client, db, case_id, nain):  # noqa: F811
    _, token = make_link(db, case_id, nain["id"], pin="135790")
    open_link(client, token)
    welsh = switch(client, "cy", page="/family/pin")
    assert text(welsh.find("h1")) == "Rhowch eich PIN"
    csrf = welsh.find("input", attrs={"name": "csrf_token"})["value"]
    page = check_family_page(client.post("/family/pin", data={"pin": "12", "csrf_token": csrf}))
    assert "Mae eich PIN yn 6 rhif" in text(page.select_one(".govuk-error-summary"))
    page = check_family_page(client.post("/family/pin", data={"pin": "000000", "csrf_token": csrf}))
    assert "Nid yw’r PIN yn gywir" in text(page.select_one(".govuk-error-summary"))


def test_expired_link_page_in_welsh(client, db, case_id, nain):  # noqa: F811
    _, token = make_link(db, case_id, nain["id"], days=-1)
    client.set_cookie("fgc_lang", "cy")
    response = client.get(f"/f/{token}")
    assert response.status_code == 410
    page = check_family_page(response)
    assert text(page.find("h1")) == "Nid yw’r ddolen hon yn gweithio bellach"
    assert "Cysylltwch â’ch cydlynydd, Test Coordinator." in text(page)


def test_staff_pages_stay_in_english_with_the_welsh_cookie(client, visiting, sign_in):
    switch(client, "cy")
    sign_in("coordinator")
    page = client.page("/")
    assert page.html["lang"] == "en-GB"
    assert "Sign out" in text(page) and "Eich" not in text(page)
    assert client.raw.get_cookie("fgc_lang").value == "cy", "the family's choice is still there"


def test_an_unknown_language_is_english(client, visiting):
    client.set_cookie("fgc_lang", "fr")
    assert check_family_page(client.get("/family/")).html["lang"] == "en-GB"


# --- the catalogue --------------------------------------------------------------------------------


def _po():
    with open(CATALOGUE / "messages.po", "rb") as handle:
        return read_po(handle, locale="cy")


def test_every_family_string_has_a_welsh_translation():
    catalog = _po()
    messages = [message for message in catalog if message.id]
    assert len(messages) > 50, "the catalogue holds the family pages' strings"
    untranslated = [message.id for message in messages if not message.string or not str(message.string).strip()]
    assert not untranslated, f"no Welsh for: {untranslated}"
    fuzzy = [message.id for message in messages if message.fuzzy]
    assert not fuzzy, f"fuzzy (a guess, not checked) Welsh for: {fuzzy}"
    for message in messages:
        if "%(" in message.id:
            assert sorted(_placeholders(message.id)) == sorted(_placeholders(message.string)), message.id


def _placeholders(value):
    return re.findall(r"%\([a-z_]+\)s", value)


def _family_strings():
    root = CATALOGUE.parent.parent.parent.parent
    with open(root / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    return {message[2] for message in extract_from_dir(
        str(root), method_map, options_map, keywords={"_": None, "gettext": None, "_l": None, "lazy_gettext": None})}


def test_the_catalogue_covers_every_string_in_the_family_templates():
    """Every string the extractor finds is in the .po: nobody forgot to run scripts/translations update."""
    found = _family_strings()
    known = {message.id for message in _po() if message.id}
    assert found, "the extractor found the family strings"
    assert found <= known, f"not in the Welsh catalogue: {sorted(found - known)}"


def _translations(catalog):
    """What Flask-Babel reads from a catalogue: the plural rule, and each message's id and its Welsh.
    Like compiling, it leaves out empty and fuzzy entries. Headers that name the tool and the date
    (``Generated-By``, ``POT-Creation-Date``) are not in it: they change with Babel, not with fgc."""
    messages = {message.id: message.string for message in catalog
                if message.id and message.string and not message.fuzzy}
    return {"plural forms": catalog.plural_forms, "messages": messages}


def _differences(po, mo):
    """What a .mo compiled earlier says differently from the .po now: empty when it is up to date."""
    expected, compiled = _translations(po), _translations(mo)
    differences = [f"{key}: {compiled[key]!r} != {expected[key]!r}" for key in ("plural forms",)
                   if expected[key] != compiled[key]]
    want, have = expected["messages"], compiled["messages"]
    differences += [f"not compiled: {key!r}" for key in want.keys() - have.keys()]
    differences += [f"compiled but no longer in the .po: {key!r}" for key in have.keys() - want.keys()]
    differences += [f"compiled Welsh out of date for {key!r}" for key in want.keys() & have.keys()
                    if want[key] != have[key]]
    return sorted(differences)


def _committed_mo():
    return read_mo(io.BytesIO((CATALOGUE / "messages.mo").read_bytes()))


def test_the_compiled_catalogue_is_up_to_date():
    """The committed .mo (what Flask-Babel reads) holds exactly the Welsh the .po holds now."""
    committed = _committed_mo()
    assert not _differences(_po(), committed), "run scripts/translations compile and commit the .mo"
    assert committed.get("Your tasks").string == "Eich tasgau"


def _edited(change):
    """The .po as it would be after ``change``, without compiling it again."""
    catalog = _po()
    change(catalog)
    return catalog


def _retranslate(catalog):
    catalog.get("Your tasks").string = "Eich tasgau chi"


def _empty(catalog):
    catalog.get("Your tasks").string = ""


def _add(catalog):
    catalog.add("A sentence added to a page", "Brawddeg newydd ar dudalen")


def _drop(catalog):
    catalog.delete("Your tasks")


@pytest.mark.parametrize("change", [_retranslate, _empty, _add, _drop],
                         ids=["translation-changed", "translation-missing", "message-added", "message-removed"])
def test_the_catalogue_check_fails_when_the_mo_is_stale(change):
    assert _differences(_edited(change), _committed_mo()), "a .po edited since the .mo was compiled is caught"


def test_the_catalogue_check_ignores_which_babel_compiled_it(monkeypatch):
    """A .mo compiled by another Babel release, on another day, with the same Welsh is up to date."""
    monkeypatch.setattr(babel.messages.catalog, "VERSION", "9.9.0")
    catalog = _po()
    catalog.revision_date = datetime.datetime(2031, 1, 1, tzinfo=datetime.timezone.utc)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    assert b"Generated-By: Babel 9.9.0" in compiled.getvalue()
    assert compiled.getvalue() != (CATALOGUE / "messages.mo").read_bytes(), "the bytes differ"
    assert not _differences(_po(), read_mo(io.BytesIO(compiled.getvalue()))), "the Welsh does not"


def test_the_family_catalogue_template_holds_every_family_string():
    """scripts/translations extract was run: messages.pot (which the plain-words check reads) is current."""
    with open(CATALOGUE.parent.parent / "messages.pot", "rb") as handle:
        committed = {message.id for message in read_po(handle) if message.id}
    assert _family_strings() == committed, "run scripts/translations extract"


# --- plain words ----------------------------------------------------------------------------------

def _syllables(word):
    """Vowel groups, less a silent final e: the usual rough count, close enough for a reading grade."""
    word = word.lower().replace("’", "'").split("'")[0]
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def test_the_family_pages_are_written_in_plain_words():
    """Aim: a reading age of about 9 (US grade 4). The English of every family page, the family PDF and
    the letter, scored with the Flesch–Kincaid grade formula, sentence by sentence as a reader meets them."""
    with open(CATALOGUE.parent.parent / "messages.pot", "rb") as handle:
        template = read_po(handle)
    sentences = []
    for message in template:
        words = message.id if isinstance(message.id, str) else message.id[0]
        words = re.sub(r"%\(\w+\)s", "Nain", re.sub(r"<[^>]+>", "", words))
        sentences += [part for part in re.split(r"(?<=[.?!:])\s+", words.strip()) if re.search(r"[A-Za-z]", part)]
    assert len(sentences) > 80, "the family strings were read"
    words = [word for sentence in sentences for word in re.findall(r"[A-Za-z][A-Za-z’']*", sentence)]
    grade = 0.39 * len(words) / len(sentences) + 11.8 * sum(map(_syllables, words)) / len(words) - 15.59
    assert grade <= 4, f"Flesch–Kincaid grade {grade:.1f}: reading age about {grade + 5:.0f}, aim for 9"
    long = [sentence for sentence in sentences if len(sentence.split()) > 25]
    assert not long, f"split these into shorter sentences: {long}"
