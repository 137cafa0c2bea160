"""The home page, a dashboard for each role, and the health check the load balancer asks."""

import datetime

from fgc.data import meetings
from fgc.db import write
from fgc.domain.workdays import WorkingCalendar

from conftest import text
from factories import make_case, user_id

TODAY = datetime.date.today()


def referred_case(db, **kwargs):
    return make_case(db, created_by=user_id(db, "social_worker@example.org"), reference=kwargs.pop("reference", "C-1"),
                     extras=False, **kwargs)


def test_dashboards_for_each_role(client, sign_in, db, new_client):
    coordinator = user_id(db, "coordinator@example.org")
    referred_case(db, reference="SW-1")
    make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="SW-2", coordinator_id=coordinator,
              stage="conference_scheduled")
    manager = text(new_client("manager").page("/"))
    assert "Referrals waiting for a coordinator (1)" in manager and "SW-1" in manager
    assert "Test Coordinator" in manager and "Caseloads" in manager
    coordinator_home = text(new_client("coordinator").page("/"))
    assert "Conference for SW-2" in coordinator_home
    assert "Conference scheduled (1)" in coordinator_home
    worker_client = new_client("social_worker")
    worker = text(worker_client.page("/"))
    assert "SW-1" in worker and "SW-2" in worker and "Meeting:" in worker


def test_a_social_workers_home_shows_their_open_cases_and_leads_to_the_rest(db, new_client):
    """Years of closed referrals stay on the cases list, paged, not on the home page."""
    referred_case(db, reference="OPEN-1")
    referred_case(db, reference="SHUT-1", stage="closed")
    client = new_client("social_worker")
    page = client.page("/")
    assert "OPEN-1" in text(page) and "SHUT-1" not in text(page)
    link = page.find("a", string="See all your cases, closed ones too")
    assert "SHUT-1" in text(client.page(link["href"]))


def test_referral_to_conference_timeliness(client, sign_in, db, new_client, app):
    coordinator = user_id(db, "coordinator@example.org")
    cal = WorkingCalendar()
    # Two conferences in the last 12 months: one 15 working days after referral, one 86.
    first_referred = TODAY - datetime.timedelta(days=200)
    second_referred = TODAY - datetime.timedelta(days=250)
    held_cases = [("T-1", first_referred.isoformat(), cal.add_working_days(first_referred, 15).isoformat()),
                  ("T-2", second_referred.isoformat(), cal.add_working_days(second_referred, 86).isoformat())]
    for reference, referred, held in held_cases:
        case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference=reference,
                            coordinator_id=coordinator, stage="conference_scheduled", referred_on=referred)
        with write(db):
            meetings.mark_held(db, case_id, meetings.for_case(db, case_id)[0]["id"], held)
    # A case whose first conference was more than a year ago does not count, whatever it held since.
    long_ago = TODAY - datetime.timedelta(days=800)
    old_case = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="T-OLD",
                         coordinator_id=coordinator, stage="conference_scheduled", referred_on=long_ago.isoformat())
    with write(db):
        meetings.mark_held(db, old_case, meetings.for_case(db, old_case)[0]["id"],
                           cal.add_working_days(long_ago, 30).isoformat())
        start = (TODAY - datetime.timedelta(days=10)).isoformat()
        later = meetings.schedule(db, old_case, "conference", {
            "starts_at": f"{start}T10:00:00+00:00", "ends_at": f"{start}T12:00:00+00:00", "venue": "Hall",
            "address": "", "access_notes": "", "interpreter_language": "", "remote_details": ""},
            user_id=coordinator, uid_domain="test.invalid")
        meetings.mark_held(db, old_case, later, start)
    manager = new_client("manager")
    page = text(manager.page("/"))
    assert "Conferences held 2" in page
    assert "Median time 50.5 working days" in page
    assert "Within target (40 working days) 50%" in page

    # The figure is kept between views, and made again as soon as another conference is held.
    third_referred = TODAY - datetime.timedelta(days=100)
    third = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="T-3",
                      coordinator_id=coordinator, stage="conference_scheduled", referred_on=third_referred.isoformat())
    with write(db):
        meetings.mark_held(db, third, meetings.for_case(db, third)[0]["id"],
                           cal.add_working_days(third_referred, 20).isoformat())
    page = text(manager.page("/"))
    assert "Conferences held 3" in page and "Median time 20 working days" in page
    assert "Within target (40 working days) 67%" in page
    link = manager.page("/").find("a", string="Reports: timeliness month by month, the s.31ZA offer, practice and "
                                              "outcomes")
    assert link["href"] == "/reports"


def test_healthz_answers_ok_without_sign_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True).strip() == "ok"


def test_healthz_answers_503_when_the_database_is_unavailable(app, client, tmp_path):
    app.config["DATABASE"] = str(tmp_path / "missing" / "fgc.sqlite")
    response = client.get("/healthz")
    assert response.status_code == 503
