"""Scales at each conference and review, and the chart and table that show them."""

import re
import xml.etree.ElementTree as ET

import pytest

from fgc.render import scale_chart
from fgc.data import cases as case_data
from fgc.data import meetings, network, professionals

from conftest import check_page, text
from factories import make_case, user_id


@pytest.fixture
def case_id(db):
    return make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="SCALE-1",
                     coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled",
                     child_name="Tomos")


def scores_url(case_id, meeting_id):
    return f"/cases/{case_id}/meetings/{meeting_id}/scales"


def test_chart_and_table_agree(client, sign_in, db, case_id):
    from fgc.db import write

    sign_in("coordinator")
    nain = network.for_case(db, case_id)[0]["id"]
    with write(db):
        aunt = network.save(db, case_id, {"name": "Aunt Mari", "side": "maternal", "roles": ["relative"]})
        later = meetings.schedule(db, case_id, "review", {
            "starts_at": "2027-03-01T10:00:00+00:00", "ends_at": "2027-03-01T11:00:00+00:00", "venue": "Hall",
            "address": "", "access_notes": "", "interpreter_language": "", "remote_details": ""},
            user_id=1, uid_domain="test.invalid")
    first = meetings.for_case(db, case_id)[0]["id"]
    pro = professionals.for_case(db, case_id)[0]["id"]
    child = case_data.children(db, case_id)[0]["id"]
    client.submit(scores_url(case_id, first), {f"score-family-{nain}": "3", f"score-family-{aunt}": "4",
                                               f"score-professional-{pro}": "2", f"score-child-{child}": "5"})
    client.submit(scores_url(case_id, later), {f"score-family-{nain}": "7", f"score-family-{aunt}": "8",
                                               f"score-child-{child}": "9"})
    page = client.page(f"/cases/{case_id}/preparation")
    table = page.select_one("#scale-table")
    rows = {text(row.th): [cell.get_text(strip=True) for cell in row.select("td")] for row in table.select("tbody tr")}
    assert rows == {"Family (average)": ["3.5", "7.5"], "Dr Pat Hughes (Health visiting)": ["2", "–"],
                    "Tomos (child)": ["5", "9"]}
    svg = ET.fromstring(str(page.select_one(".app-picture svg")).replace("viewbox", "viewBox"))
    paths = [element.get("d") for element in svg.iter() if element.tag.endswith("path") and element.get("d")]
    for values in (["3.5", "7.5"], ["2", None], ["5", "9"]):
        expected = scale_chart.series_path([float(value) if value else None for value in values])
        assert expected in paths, f"no line drawn for {values}"


def test_scores_must_be_0_to_10_and_are_kept(client, sign_in, db, case_id):
    sign_in("coordinator")
    meeting = meetings.for_case(db, case_id)[0]["id"]
    nain = network.for_case(db, case_id)[0]["id"]
    page = check_page(client.submit(scores_url(case_id, meeting), {f"score-family-{nain}": "11"}))
    assert "Nain Jones: Enter a whole number from 0 to 10, or leave it blank" in text(page)
    assert page.select_one(f"#score-family-{nain}")["value"] == "11"


def test_excluded_people_give_no_scale(client, sign_in, db, case_id):
    from fgc.db import write

    sign_in("coordinator")
    person = network.for_case(db, case_id)[0]["id"]
    with write(db):
        network.exclude(db, case_id, person, reason="Risk", approved_by="M", on="2026-11-01", user_id=1)
    meeting = meetings.for_case(db, case_id)[0]["id"]
    page = client.page(scores_url(case_id, meeting))
    assert page.select_one(f"#score-family-{person}") is None
    client.submit(scores_url(case_id, meeting), {f"score-family-{person}": "5"})
    assert "Scaling over time" in text(client.page(f"/cases/{case_id}/preparation"))
    assert not re.search(r"Family \(average\)", text(client.page(f"/cases/{case_id}/preparation")))


def test_an_excluded_persons_earlier_score_leaves_the_family_average(client, sign_in, db, case_id):
    from fgc.db import write

    sign_in("coordinator")
    with write(db):
        mari = network.save(db, case_id, {"name": "Mari", "side": "maternal", "roles": ["relative"]})
    nain = next(person["id"] for person in network.for_case(db, case_id) if person["name"] == "Nain Jones")
    meeting = meetings.for_case(db, case_id)[0]["id"]
    client.submit(scores_url(case_id, meeting), {f"score-family-{nain}": "1", f"score-family-{mari}": "9"})
    with write(db):
        network.exclude(db, case_id, nain, reason="Risk", approved_by="M", on="2026-11-01", user_id=1)
    table = client.page(f"/cases/{case_id}/preparation").select_one("#scale-table")
    assert "9" in text(table) and "5" not in text(table)
    with pytest.raises(network.Excluded), write(db):
        from fgc.data import scales

        scales.save(db, case_id, meeting, {("family", nain): 3}, user_id=1)


def test_odd_digits_are_refused_not_crashed_on(client, sign_in, db, case_id):
    sign_in("coordinator")
    meeting = meetings.for_case(db, case_id)[0]["id"]
    nain = network.for_case(db, case_id)[0]["id"]
    for odd in ("²", "٣", "0" * 20 + "5"):
        response = client.submit(scores_url(case_id, meeting), {f"score-family-{nain}": odd})
        assert response.status_code == 200
        assert "Enter a whole number from 0 to 10" in text(check_page(response))
