"""The Reports area through its pages: for managers only, every figure's chart holds the numbers of the table
beside it, the filters narrow what is counted and say plainly what is wrong, and every table downloads as CSV."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from fgc.data import audit as audit_data
from fgc.db import write

import reports_world
from conftest import text

SVG = "{http://www.w3.org/2000/svg}"
FIRST_HALF = {"since-day": "1", "since-month": "1", "since-year": "2026", "until-day": "30", "until-month": "6",
              "until-year": "2026"}


def query(values):
    return "&".join(f"{key}={value}" for key, value in values.items())


@pytest.fixture
def world(db):
    return reports_world.build(db)


@pytest.mark.parametrize("role, status", [("coordinator", 403), ("social_worker", 403), ("admin", 403)])
def test_only_managers_see_reports(client, sign_in, role, status):
    sign_in(role)
    assert client.get("/reports").status_code == status
    assert client.get("/reports/offers").status_code == status
    assert client.get("/reports/offers/download.csv?table=summary").status_code == status


@pytest.mark.parametrize("key", ["offers", "timeliness", "practice", "outcomes", "served"])
def test_every_chart_holds_the_numbers_of_the_table_beside_it(client, sign_in, world, key):
    sign_in("manager")
    page = client.page(f"/reports/{key}?{query(FIRST_HALF)}")
    charts = page.select(".app-chart")
    assert charts, "the report draws charts"
    for chart in charts:
        root = ET.fromstring(str(chart.svg))
        title = root.find(f"{SVG}title").text
        assert root.get("role") == "img" and root.find(f"{SVG}desc").text
        bars = [(bar.get("data-label"), bar.get("data-value")) for bar in root.iter(f"{SVG}g")
                if bar.get("class") == "app-chart-bar"]
        table = chart.find_next("table")
        assert text(table.caption) == title
        rows = [[text(cell) for cell in row.select("th, td")] for row in table.select("tbody tr")]
        assert [value or "–" for _label, value in bars] == [row[1].removesuffix("%") for row in rows], title
        if chart.find_parent("section").select_one("h2").get("id", "").startswith("figure-"):
            assert len(bars) == 6 and bars[0][0] == "2026-01" and rows[0][0] == "January 2026"
        else:
            assert [label for label, _value in bars] == [row[0] for row in rows]


def test_the_summary_names_each_figure_with_its_value_and_what_it_counts(client, sign_in, db, world):
    sign_in("manager")
    page = client.page(f"/reports/timeliness?{query(FIRST_HALF)}")
    summary = page.find("caption", string="Summary").find_parent("table")
    rows = {text(row.th): [text(cell) for cell in row.select("td")] for row in summary.select("tbody tr")}
    assert rows["Working days from referral to conference (median)"][:2] == ["29.5", "Target: 40 working days"]
    assert rows["Reviews held on time"][0] == "33%"
    summary_csv = list(csv.reader(io.StringIO(client.get(f"/reports/timeliness/download.csv?table=summary&{query(FIRST_HALF)}")
                                              .get_data(as_text=True))))
    assert summary_csv[0] == ["Figure", "Value", "Target", "What is counted"]
    assert summary_csv[5] == ["Working days from referral to conference (median)", "29.5", "Target: 40 working days",
                              "first conferences held in the period, by the day it was held"]
    assert "From 1 January 2026 to 30 June 2026. Every case." in text(page)
    [event] = audit_data.events(db, action="report.viewed")
    assert event["detail"]["report"] == "timeliness" and event["detail"]["from"] == "2026-01-01"


def test_a_team_or_a_coordinator_narrows_the_report(client, sign_in, world):
    sign_in("manager")
    page = client.page(f"/reports/offers?{query({**FIRST_HALF, 'team': 'North'})}")
    assert "Cases coordinated by the North team." in text(page)
    assert page.select_one("option[value='North']").has_attr("selected")
    page = client.page(f"/reports/served?{query({**FIRST_HALF, 'coordinator': str(world.north)})}")
    summary = page.find("caption", string="Summary").find_parent("table")
    assert [text(cell) for cell in summary.select("tbody tr")[0].select("td")][0] == "4"  # A's two, B, C
    assert "Cases coordinated by Nia North." in text(page)


@pytest.mark.parametrize("values, message", [
    ({"since-day": "31", "since-month": "2", "since-year": "2026"}, "date the report starts must be a real date"),
    ({**FIRST_HALF, "until-year": "2025"}, "The date the report ends must be the same as or after the date it starts"),
    ({"since-day": "1", "since-month": "1", "since-year": "1999"}, "The date the report starts must be in 2000 or later"),
    ({"coordinator": "99999"}, "Choose a coordinator from the list"),
    ({"team": "<script>"}, "Choose a team from the list"),
    ({**FIRST_HALF, "since-year": "2010", "until-year": "2026"}, "A report can cover up to 10 years"),
], ids=["not-a-date", "backwards", "too-early", "unknown-coordinator", "unknown-team", "too-long"])
def test_a_bad_filter_is_explained_and_kept(client, sign_in, world, values, message):
    sign_in("manager")
    response = client.get(f"/reports/practice?{query(values)}")
    assert response.status_code == 200
    page = client.page(f"/reports/practice?{query(values)}")
    assert page.select_one(".govuk-error-summary") and message.lower() in text(page).lower()
    assert page.title.text.startswith("Error:")
    assert client.get(f"/reports/practice/download.csv?table=summary&{query(values)}").status_code == 400


def test_every_table_downloads_as_csv_written_safe_for_spreadsheets(client, sign_in, db, world):
    with write(db):
        db.execute("UPDATE children SET ethnicity = '=HYPERLINK(\"http://x.invalid\")' WHERE name = 'Dee'")
    sign_in("manager")
    page = client.page(f"/reports/served?{query(FIRST_HALF)}")
    links = [link["href"] for link in page.select("a[download]")]
    assert len(links) == len(page.select("table.app-report-table")) + 1  # each table, and every figure by month
    response = client.get(f"/reports/served/download.csv?table=ethnicity&{query(FIRST_HALF)}")
    assert response.mimetype == "text/csv"
    assert "served-ethnicity-2026-01-01-to-2026-06-30.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["Group", "Children", "Share of children"]
    assert ["'=HYPERLINK(\"http://x.invalid\")", "1", "17%"] == rows[1][:3]
    months = list(csv.reader(io.StringIO(client.get(f"/reports/served/download.csv?table=months&{query(FIRST_HALF)}")
                                         .get_data(as_text=True))))
    assert months[0] == ["Month", "Children referred", "Children whose family had a conference (so far)"]
    assert months[1] == ["January 2026", "3", "100%"]
    assert client.get(f"/reports/served/download.csv?table=nothing&{query(FIRST_HALF)}").status_code == 404


def test_the_reports_area_lists_each_report_keeping_the_filters(client, sign_in, world):
    sign_in("manager")
    page = client.page(f"/reports?{query({**FIRST_HALF, 'team': 'North'})}")
    hrefs = [link["href"] for link in page.select(".app-report-list a")]
    assert len(hrefs) == 6 and all("team=North" in href and "since-year=2026" in href for href in hrefs)
    assert "Reports" in [text(link) for link in page.select(".govuk-service-navigation__link, .govuk-header__link")]


def test_the_data_return_page_explains_each_column_and_downloads_the_return(client, sign_in, db, world):
    sign_in("manager")
    page = client.page(f"/reports/data-return?{query(FIRST_HALF)}")
    columns = [text(row.th) for row in page.select("tbody tr")]
    assert columns[:3] == ["case_id", "child_id", "children_on_case"] and len(columns) == 51
    assert "Children of the cases referred from 1 January 2026 to 30 June 2026." in text(page)
    download = page.find("a", string=lambda words: words and "Download the data return (CSV)" in words)
    response = client.get(download["href"])
    assert response.mimetype == "text/csv"
    assert "fgc-data-return-2026-01-01-to-2026-06-30.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == columns and len(rows) == 7
    [event] = audit_data.events(db, action="report.data_return")
    assert event["detail"]["from"] == "2026-01-01"
    assert client.get(f"/reports/data-return.csv?{query({'team': 'Nowhere'})}").status_code == 400
    assert client.page("/reports").find("a", string="Case-level data return")


@pytest.mark.parametrize("role", ["coordinator", "social_worker", "admin"])
def test_only_managers_download_the_data_return(client, sign_in, role):
    sign_in(role)
    assert client.get("/reports/data-return").status_code == 403
    assert client.get("/reports/data-return.csv").status_code == 403


def test_an_end_without_a_start_shows_the_twelve_months_to_that_day(client, sign_in, world):
    sign_in("manager")
    page = client.page("/reports/offers?until-day=30&until-month=6&until-year=2026")
    assert "From 1 July 2025 to 30 June 2026." in text(page)
    summary = page.find("caption", string="Summary").find_parent("table")
    assert [text(cell) for cell in summary.select("tbody tr")[0].select("td")][0] == "3"
