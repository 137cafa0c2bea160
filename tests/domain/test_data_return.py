"""The pseudonymised data return, against the hand-counted world of tests/reports_world.py: one row per child of
the cases referred in the period, no names, ages in whole years, ids that are stable under one key and different
under another, and cells a spreadsheet cannot run."""

import csv
import io
import pathlib

import pytest

from fgc import service
from fgc.db import get_db, write
from fgc.domain import data_return
from fgc.domain.reports import Scope

import reports_world
from reports_world import EVERYONE, PERIOD


@pytest.fixture
def db(app):
    with app.test_request_context():
        yield get_db()


@pytest.fixture
def world(db):
    return reports_world.build(db)


def rows(db, scope=EVERYONE):
    text = "".join(data_return.export(db, PERIOD, scope, service.deadlines(db), by=None))
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_child_of_the_cases_referred_in_the_period(db, world):
    found = rows(db)
    assert list(found[0]) == [name for name, _meaning in data_return.COLUMNS]
    assert [row["referred_on"] for row in found] == ["2026-01-05", "2026-01-05", "2026-01-12", "2026-02-02",
                                                     "2026-03-02", "2026-04-01"]
    ana, ben = found[0], found[1]
    assert ana["case_id"] == ben["case_id"] and ana["child_id"] != ben["child_id"]
    assert {key: ana[key] for key in (
        "children_on_case", "age_at_referral", "ethnicity", "disability", "legal_status", "urgent", "stage",
        "offer_made_on", "offer_in_letter_before_proceedings", "offer_response", "offer_response_on",
        "consent_withdrawn", "baseline_on", "working_days_to_baseline", "first_conference_on",
        "working_days_to_conference", "conferences_held", "private_family_time", "plan_agreed_on",
        "plan_agreed_on_the_day", "reviews_held", "named_at_referral", "network_size", "network_excluded",
        "family_took_part", "child_took_part", "disposed")} == {
        "children_on_case": "2", "age_at_referral": "10", "ethnicity": "White British", "disability": "no",
        "legal_status": "pre_proceedings", "urgent": "no", "stage": "review_held", "offer_made_on": "2026-01-05",
        "offer_in_letter_before_proceedings": "yes", "offer_response": "accepted", "offer_response_on": "2026-01-09",
        "consent_withdrawn": "no", "baseline_on": "2026-01-09", "working_days_to_baseline": "4",
        "first_conference_on": "2026-02-16", "working_days_to_conference": "30", "conferences_held": "1",
        "private_family_time": "yes", "plan_agreed_on": "2026-02-16", "plan_agreed_on_the_day": "yes",
        "reviews_held": "1", "named_at_referral": "2", "network_size": "4", "network_excluded": "1",
        "family_took_part": "3", "child_took_part": "in_person", "disposed": "no"}
    assert (ben["age_at_referral"], ben["child_took_part"]) == ("", "advocate")
    declined = found[3]
    assert (declined["offer_response"], declined["offer_declined_reason"], declined["urgent"],
            declined["first_conference_on"], declined["child_took_part"]) == ("declined", "privacy", "yes", "", "")
    disposed = found[5]
    assert (disposed["age_at_referral"], disposed["disposed"], disposed["offer_exception_on"],
            disposed["closure_living_with"], disposed["closure_looked_after_or_family"],
            disposed["closure_legal_order"]) == ("7", "yes", "2026-04-01", "care", "care", "interim_care")


def test_no_names_and_ids_that_need_the_key(db, world, app):
    text = "".join(data_return.export(db, PERIOD, EVERYONE, service.deadlines(db), by=None))
    for name in ("Ana", "Ben", "Cai", "Dee", "Hal", "Person 0", "Holder 0", "Emergency"):
        assert name not in text
    first = [row["child_id"] for row in rows(db)]
    assert first == [row["child_id"] for row in rows(db)], "the same ids every time"
    app.config["DATA_RETURN_KEY"] = "another key entirely, held elsewhere"
    assert not set(first) & {row["child_id"] for row in rows(db)}
    assert all(len(value) == 16 and int(value, 16) >= 0 for value in first)


def test_one_team_and_cells_that_cannot_run(db, world):
    with write(db):
        db.execute("UPDATE children SET gender = '=cmd|calc' WHERE name = 'Cai'")
    north = rows(db, Scope(team="North"))
    assert len(north) == 4
    assert north[2]["gender"] == "'=cmd|calc"


def test_every_column_is_in_the_documented_dictionary():
    with open(pathlib.Path(__file__).parents[2] / "docs" / "data-return.md", encoding="utf-8") as handle:
        documented = [line.split("|")[1].strip().strip("`") for line in handle
                      if line.startswith("| `")]
    assert documented == [name for name, _meaning in data_return.COLUMNS]
