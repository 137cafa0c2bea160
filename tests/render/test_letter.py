"""The printed letter that carries a family link: one A4 page, in English or Welsh, with the link in full, whether a
PIN is needed, and a file name made from the case reference only."""

import datetime
import io

import pypdf
import pytest
from flask_babel import force_locale

from fgc.render import letter

LINK = "https://fgc.example.org/f/abc123DEF456ghi789JKL012mno345PQR678stu901V"


def read(app, language, **values):
    """The letter's pages as text, made as the links page makes it."""
    letter_values = dict(person_name="Glenys Morgan-Jones", link=LINK, expires_on=datetime.date(2027, 3, 1),
                         has_pin=True, coordinator_name="Cerys Llywelyn", coordinator_email="cerys@example.org",
                         service_name="Aberwen FGC Service", written_on=datetime.date(2026, 12, 4), language=language)
    with app.test_request_context(), force_locale(language):
        pdf = letter.letter_pdf(**(letter_values | values))
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("language, words", [("en", "4 December 2026"), ("cy", "4 Rhagfyr 2026")])
def test_the_letter_is_one_page_with_the_name_the_link_and_the_coordinator_in_its_language(app, language, words):
    pages = read(app, language)
    assert len(pages) == 1
    text = pages[0].replace(" ", "")
    for shown in ("GlenysMorgan-Jones", LINK, "CerysLlywelyn", "cerys@example.org"):
        assert shown in text
    assert words in pages[0]


def test_the_letter_says_whether_a_pin_is_needed(app):
    """Only whether: the PIN itself goes by phone, and the letter is never given it."""
    assert "PIN" in read(app, "en")[0] and "PIN" not in read(app, "en", has_pin=False)[0]


@pytest.mark.parametrize("reference, language, filename", [
    ("FGC-2026-0107", "en", "FGC-2026-0107-letter.pdf"),
    ("FGC-2026-0107", "cy", "FGC-2026-0107-llythyr.pdf"),
    ('../evil"name\r\n', "en", "evil-name-letter.pdf"),
    ("", "en", "case-letter.pdf"),
], ids=["reference", "welsh", "hostile-reference", "no-reference"])
def test_the_letter_filename_comes_from_the_reference_only(reference, language, filename):
    assert letter.filename(reference, language) == filename
