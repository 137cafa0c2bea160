"""The subject access export's print HTML: every value escaped, each part's source and review mark shown, the
warning that it is for review on the page."""

from bs4 import BeautifulSoup

from fgc.render import subject_access

CONTENT = {
    "service": "FGC", "review": "Sections marked for review hold information about other people.",
    "subject": {"kind": "person", "id": 7, "name": "<script>alert(1)</script>", "case_reference": "FGC-1"},
    "made": {"at": "2026-12-05T09:00:00+00:00", "by": "Dee Pio"},
    "sections": [
        {"key": "details", "title": "Their details", "source": "Recorded by staff", "review": None,
         "columns": [{"key": "field", "label": "What"}, {"key": "value", "label": "What is recorded"}],
         "rows": [{"field": "Phone", "value": "<img src=x onerror=alert(1)>"}]},
        {"key": "tasks", "title": "Plan tasks they do", "source": "The family's plan", "review": "It names others.",
         "columns": [{"key": "what", "label": "Task"}], "rows": []},
    ],
}


def test_the_export_prints_every_value_as_text_with_sources_and_review_marks(app):
    with app.app_context():
        html = subject_access.html_for(CONTENT)
    assert "<script>" not in html and "<img" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".running").get_text() == "For redaction review: not for release as it stands"
    parts = soup.select("section.part")
    assert [part.h2.get_text() for part in parts] == ["Their details", "Plan tasks they do"]
    assert "review" in parts[1]["class"] and "review" not in parts[0]["class"]
    assert "Where it came from: Recorded by staff" in parts[0].get_text()
    assert "Nothing is held." in parts[1].get_text()
    assert subject_access.filename(CONTENT) == "subject-access-FGC-1-person-7.pdf"
