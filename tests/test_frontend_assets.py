"""The committed front-end build: GOV.UK Frontend and MOJ Frontend, unbranded."""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"


def test_the_build_pins_the_versions_the_templates_are_written_for():
    package = json.loads((ROOT / "frontend" / "package.json").read_text())
    assert package["devDependencies"]["govuk-frontend"] == "6.3.0"
    assert package["devDependencies"]["@ministryofjustice/frontend"] == "11.1.0"


def test_the_css_holds_the_moj_case_working_components_the_pages_use():
    css = (STATIC / "css" / "fgc.min.css").read_text()
    for component in ("moj-sub-navigation", "moj-filter", "moj-pagination", "moj-timeline",
                      "moj-badge", "moj-add-another", "moj-progress-bar"):
        assert f".{component}" in css, component
    assert "GDS Transport" not in css


def test_every_image_the_css_asks_for_is_shipped_and_none_is_a_brand_asset():
    css = (STATIC / "css" / "fgc.min.css").read_text()
    for url in set(re.findall(r"url\(([^)]*)\)", css)):
        url = url.strip("\"'")
        if url.startswith("data:"):
            continue
        assert url.startswith("/static/images/"), url
        assert (STATIC / "images" / url.removeprefix("/static/images/")).is_file(), url
    shipped = {p.name for p in (STATIC / "images").iterdir()}
    assert not {n for n in shipped if re.match(r"(govuk-crest|govuk-logotype|moj-logotype|moj-apple|moj-opengraph)", n)}


def test_the_page_script_starts_both_libraries():
    init = (STATIC / "js" / "init.js").read_text()
    assert "./govuk-frontend.min.js" in init and "./moj-frontend.min.js" in init
    assert "initMoj()" in init
    assert re.search(r"export\{[^}]*initAll", (STATIC / "js" / "moj-frontend.min.js").read_text())
