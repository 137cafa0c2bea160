"""The demo cases that ``seed-demo`` creates: every stage, realistic data, safe to run twice."""

import datetime
import itertools
import json
import re
import subprocess
import sys

import pytest
from conftest import sign_in_as, text

from fgc import service
from fgc.domain import agreement, lifecycle, plan_document, vocabulary
from fgc.data import audit as audit_data
from fgc.data import baselines, child_views, consents, network, offers, professionals
from fgc.data import cases as case_data
from fgc.data import child_outcomes
from fgc.data import meetings as meeting_data
from fgc.data import plans as plan_data
from fgc.data import users as user_data
from fgc.db import write

DEMO_PASSWORD = "demo marsh lantern quill"
CERYS = "cerys.llywelyn@demo.example.org"
TOMASZ = "tomasz.nowak@demo.example.org"
MANAGER = "morgan.ellis@demo.example.org"
SOCIAL_WORKER = "sam.okafor@demo.example.org"


@pytest.fixture
def seeded(runner, db, monkeypatch):
    monkeypatch.setenv("FGC_DEMO_PASSWORD", DEMO_PASSWORD)
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return result


def test_the_app_starts_without_importing_the_demo(tmp_path):
    """The demo's 2,000 lines of fictional content load only for ``seed-demo``."""
    code = ("import sys, fgc; fgc.create_app({'TESTING': True, 'SECRET_KEY': 'x', 'DATABASE': sys.argv[1]}); "
            "sys.exit(any(name.startswith('fgc.demo') for name in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code, str(tmp_path / "fgc.sqlite")]).returncode == 0


def user(db, email):
    return user_data.get_by_email(db, email)


def every_case(db):
    """Every submitted case, as the demo manager sees them: the stories and the two years of history."""
    return case_data.summaries(db, (user(db, MANAGER)["id"], "manager"))


def all_cases(db):
    """The demo's stories: one rich case at each stage, each told in full (the history's references have an H)."""
    return [row for row in every_case(db) if "-H" not in row["reference"]]


def history(db):
    return [row for row in every_case(db) if "-H" in row["reference"]]


def names_on(db, case_id):
    return [row["name"] for row in case_data.children(db, case_id)] + \
        [row["name"] for row in case_data.pr_holders(db, case_id)]


def test_seed_demo_creates_cases_at_every_stage(seeded, db):
    rows = all_cases(db)
    assert 10 <= len(rows) <= 14
    assert f"Created {len(every_case(db))} demo cases." in seeded.output
    stages = {row["stage"] for row in rows}
    assert set(lifecycle.MAIN_PATH) | set(lifecycle.PAUSED) <= stages
    assert all(re.fullmatch(r"FGC-2026-\d{4}", row["reference"]) for row in rows)


def test_demo_cases_are_complete_referrals_owned_by_the_demo_users(seeded, db):
    sam, manager = user(db, SOCIAL_WORKER), user(db, MANAGER)
    coordinators = {user(db, CERYS)["id"], user(db, TOMASZ)["id"]}
    for row in all_cases(db):
        case = case_data.get(db, row["id"])
        assert case["created_by"] == sam["id"] and case["social_worker_id"] == sam["id"]
        assert set(case["sections_done"]) == {"family", "risks", "purpose", "needs", "referrer"}
        children = case_data.children(db, case["id"])
        assert 1 <= len(children) <= 3
        assert all(datetime.date.fromisoformat(child["date_of_birth"]) < datetime.date.today() for child in children)
        assert case_data.pr_holders(db, case["id"])
        assert case["legal_status"] and case["reason"] and case["decision_sought"]
        assert case["referrer_name"] == "Sam Okafor" and case["manager_name"] and case["manager_signed_off_on"]
        assert case["current_risks"] or case["past_risks"]
        assert datetime.date.fromisoformat(case["referred_on"]) >= datetime.date.today() - datetime.timedelta(days=200)
        if case["stage"] == "referred":
            assert case["coordinator_id"] is None
        else:
            assert case["coordinator_id"] in coordinators and case["allocated_on"]
        # The history runs through the stages in order, starting from the draft.
        history = case_data.stage_history(db, case["id"])
        assert history[0]["from_stage"] == "draft" and history[0]["to_stage"] == "referred"
        assert all(a["to_stage"] == b["from_stage"] for a, b in itertools.pairwise(history))
        assert history[-1]["to_stage"] == case["stage"]
        assert audit_data.for_record(db, "case", case["id"]), "the timeline is not empty"
    unallocated = case_data.summaries(db, (manager["id"], "manager"), unallocated=True)
    assert 1 <= len(unallocated) <= 2


def test_stage_specific_records(seeded, db):
    rows = all_cases(db)
    by_stage = {}
    for row in rows:
        by_stage.setdefault(row["stage"], []).append(case_data.get(db, row["id"]))
    closed = by_stage["closed"][0]
    assert closed["closed_on"] and closed["closure_notes"]
    outcomes = child_outcomes.for_case(db, closed["id"])
    assert {point for _child, point in outcomes} == {"closure", "three_months"}
    assert len(outcomes) == 2 * len(case_data.children(db, closed["id"]))
    assert [step["to_stage"] for step in case_data.stage_history(db, closed["id"])] == list(lifecycle.MAIN_PATH)
    for stage in ("plan_agreed", "review_scheduled", "review_held", "closed"):
        assert all(case["plan_agreed_on"] for case in by_stage[stage])
    for stage in ("baseline_held", "preparing", "conference_held", "review_held"):
        for case in by_stage[stage]:
            items = baselines.items(db, case["id"])
            assert baselines.get(db, case["id"]) and items["question"] and items["bottom_line"] and items["resource"]
    for stage, kind, status in (("conference_scheduled", "conference", "scheduled"),
                                ("conference_held", "conference", "held"),
                                ("review_scheduled", "review", "scheduled"), ("review_held", "review", "held")):
        for case in by_stage[stage]:
            meeting = [m for m in meeting_data.for_case(db, case["id"]) if m["kind"] == kind][-1]
            assert meeting["status"] == status
            assert meeting["uid"].endswith("@fgc.invalid")
            starts = datetime.datetime.fromisoformat(meeting["starts_at"])
            assert starts.utcoffset() is not None and meeting["ends_at"] > meeting["starts_at"]
            assert (meeting["held_on"] is not None) == (status == "held")
    paused = [case for stage in lifecycle.PAUSED for case in by_stage[stage]]
    assert all(case["resume_stage"] in lifecycle.MAIN_PATH for case in paused)
    with_consent = [row for row in rows if consents.for_case(db, row["id"])]
    assert len(with_consent) >= len(rows) // 2
    records = [offers.get(db, row["id"]) for row in rows]
    assert any(record and record["response"] == "accepted" and record["in_letter_before_proceedings"]
               for record in records)
    assert any(record and record["exception_reason"] and record["exception_decided_by"] for record in records)


def test_names_are_stored_exactly_and_can_be_found(seeded, db):
    names = {name for row in all_cases(db) for name in names_on(db, row["id"])}
    for name in ("Gwenllïan ap Dafydd", "Dafydd ap Ifan", "Siân Prys", "Siôn Rhys", "مريم حداد", "נועה לוי"):
        assert name in names
    manager = (user(db, MANAGER)["id"], "manager")
    assert [row["reference"] for row in case_data.search(db, manager, "Gwenllian")] == \
        [row["reference"] for row in case_data.search(db, manager, "Gwenllïan")]
    assert case_data.search(db, manager, "حداد")


def test_there_is_an_urgent_case(seeded, db):
    urgent = [case_data.get(db, row["id"]) for row in all_cases(db) if row["urgent"]]
    assert urgent and all(case["urgency_reason"] for case in urgent)


def test_the_withdrawn_case_records_the_withdrawal(seeded, db):
    withdrawn = [row for row in all_cases(db) if row["stage"] == "withdrawn"]
    assert len(withdrawn) == 1
    case = case_data.get(db, withdrawn[0]["id"])
    assert case["resume_stage"] in lifecycle.MAIN_PATH and case["resume_stage"] != "referred"
    assert consents.state(db, case["id"]) == "withdrawn"
    recorded = consents.for_case(db, case["id"])
    assert recorded and all(consent["withdrawn_on"] and consent["withdrawn_by"] for consent in recorded)
    assert recorded[0]["withdrawn_on"] >= recorded[0]["given_on"]
    assert not lifecycle.allowed(case["stage"], case["resume_stage"], resume_stage=case["resume_stage"],
                                 consent_withdrawn=True), "work cannot resume until consent is given again"


def test_some_deadlines_are_overdue(seeded, db, app):
    rows = all_cases(db)
    with app.app_context():
        facts = case_data.facts(db, [row["id"] for row in rows])
        due = service.deadlines()
        found = due.overdue(rows, facts)
        assert found
        assert any(deadline["label"] == "Baseline meeting" for _, deadline in found)
        closed = [row for row in rows if row["stage"] == "closed"]
        assert all(item["status"] is None for row in closed for item in due.for_case(row, facts[row["id"]]))


def networks(db):
    """Every demo case with its family network."""
    return [(row, network.for_case(db, row["id"])) for row in all_cases(db)]


def modes_for(db, person_id):
    return {row["mode"] for row in db.query("SELECT mode FROM attendance WHERE person_id = ?", [person_id])}


def test_every_demo_case_has_a_family_network(seeded, db):
    sizes = set()
    for row, people in networks(db):
        case = case_data.get(db, row["id"])
        assert 8 <= len(people) <= 25, row["reference"]
        sizes.add(len(people))
        children = {child["id"] for child in case_data.children(db, row["id"])}
        for person in people:
            assert person["side"] in network.SIDES and person["roles"]
            assert set(person["roles"]) <= set(network.ROLES)
            assert person["relationships"] and {link["child_id"] for link in person["relationships"]} <= children
            assert re.fullmatch(r"(07700 900|01632 960)\d{3}|", person["phone"]), person["phone"]
            assert person["email"] == "" or person["email"].endswith("example.org")
        holders = {holder["name"] for holder in case_data.pr_holders(db, row["id"])}
        assert holders <= {person["name"] for person in people if {"pr_holder", "parent"} <= set(person["roles"])}
        roles = [role for person in people for role in person["roles"]]
        assert roles.count("relative") >= 3 and ("friend" in roles or "support" in roles)
        # Every child is connected to most of the network (half-siblings share one parent's side).
        for child in children:
            assert sum(child in {link["child_id"] for link in person["relationships"]} for person in people) \
                >= len(people) // 2
        if case["interpreter_language"]:
            assert any("interpreter" in person["roles"] and person["language"] == case["interpreter_language"]
                       for person in people)
    assert len(sizes) >= 6, "network sizes vary from case to case"
    everyone = [person for _, people in networks(db) for person in people]
    assert {person["side"] for person in everyone} == set(network.SIDES)
    assert {"advocate", "interpreter", "friend", "support"} <= {role for person in everyone for role in person["roles"]}
    names = {person["name"] for person in everyone}
    assert any(set(name) & set("âêîôûŵŷïë") for name in names), "Welsh names keep their accents"
    assert any(re.search("[\u0590-\u05ff]", name) for name in names) and \
        any(re.search("[\u0600-\u06ff]", name) for name in names), "some names are written right to left"


def test_one_person_is_excluded_and_takes_no_part(seeded, db):
    excluded = [(row, person) for row, people in networks(db) for person in people if person["excluded"]]
    assert len(excluded) == 1
    row, person = excluded[0]
    assert person["exclusion_reason"] and person["exclusion_approved_by"] == "Morgan Ellis"
    assert person["excluded_on"] and person["excluded_on"] <= datetime.date.today().isoformat()
    assert person["invitation"] not in network.TAKING_PART
    assert modes_for(db, person["id"]) <= {"did_not_attend"}
    history = network.exclusion_history(db, person["id"])
    assert [(change["change"], change["approved_by"]) for change in history] == [("excluded", "Morgan Ellis")]
    assert any(entry["action"] == "case.person_excluded" for entry in audit_data.for_record(db, "case", row["id"]))
    with pytest.raises(network.Excluded), write(db):
        network.set_invitation(db, row["id"], person["id"], "invited", datetime.date.today().isoformat())


def test_the_network_has_hidden_addresses_and_half_siblings(seeded, db):
    everyone = [person for _, people in networks(db) for person in people]
    hidden = [person for person in everyone if person["address_hidden"]]
    assert hidden and all(person["address"] for person in hidden)
    assert any(len(person["relationships"]) >= 2 and len({link["relationship"] for link in person["relationships"]}) > 1
               for person in everyone), "someone is, say, Father to one child and Stepfather to another"


def test_invitations_fit_the_stage(seeded, db):
    today = datetime.date.today().isoformat()
    conference_stages = lifecycle.MAIN_PATH[lifecycle.MAIN_PATH.index("conference_scheduled"):]
    for row, people in networks(db):
        stage = case_data.get(db, row["id"])["resume_stage"] or row["stage"]
        taking_part = [person for person in people if not person["excluded"]]
        statuses = {person["invitation"] for person in taking_part}
        if stage == "referred":
            assert statuses == {"not_contacted"}
        elif stage in conference_stages:
            assert statuses <= {"invited", "confirmed", "declined"} and "confirmed" in statuses
            assert all(person["invitation"] == "confirmed" for person in taking_part if "pr_holder" in person["roles"])
        else:
            assert "not_contacted" in statuses or "contacted" in statuses
        for person in people:
            assert (person["invitation_on"] is None) == (person["invitation"] == "not_contacted")
            assert person["invitation_on"] is None or person["invitation_on"] <= today


def test_attendance_is_recorded_for_held_meetings(seeded, db):
    seen = set()
    held = 0
    for row, people in networks(db):
        by_id = {person["id"]: person for person in people}
        for meeting in meeting_data.for_case(db, row["id"]):
            recorded = network.attendance(db, meeting["id"])
            if meeting["status"] != "held":
                assert not recorded
                continue
            held += 1
            assert len(recorded) >= len(people) // 2 and set(recorded) <= set(by_id)
            for person_id, mode in recorded.items():
                seen.add(mode)
                if mode == "written_views":
                    assert by_id[person_id]["written_views"]
                if mode in ("in_person", "remote"):
                    assert by_id[person_id]["invitation"] == "confirmed"
            assert any(mode in ("in_person", "remote") for mode in recorded.values())
    assert held >= 5
    assert seen == set(network.ATTENDANCE)


def test_the_professionals_took_part_in_every_held_meeting(seeded, db):
    held = 0
    for row, _people in networks(db):
        team = {member["id"] for member in professionals.for_case(db, row["id"])}
        for meeting in meeting_data.for_case(db, row["id"]):
            recorded = professionals.attendance(db, meeting["id"])
            if meeting["status"] != "held":
                assert not recorded
                continue
            held += 1
            assert set(recorded) == team and team, row["reference"]
            expected = {"in_person"} if meeting["kind"] == "conference" else {"in_person", "remote"}
            assert set(recorded.values()) <= expected
    assert held >= 5


def test_seeding_twice_does_not_duplicate_the_network(seeded, runner, db):
    tables = ("people", "relationships", "attendance", "exclusion_changes")
    counts = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in tables}
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in tables} == counts


def test_seeding_twice_does_not_duplicate_cases(seeded, runner, db):
    before = [row["reference"] for row in all_cases(db)]
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0, again.output
    assert "no demo cases were added" in again.output
    assert sorted(row["reference"] for row in all_cases(db)) == sorted(before)


def test_seeding_adds_no_cases_to_a_database_that_has_some(runner, db, monkeypatch):
    monkeypatch.setenv("FGC_DEMO_PASSWORD", DEMO_PASSWORD)
    social_worker = user(db, "social_worker@example.org")["id"]
    with write(db):
        case_id = case_data.create_draft(db, created_by=social_worker, reference="REAL-1", urgent=False,
                                         urgency_reason="", referrer_name="Test Social Worker")
        case_data.move(db, case_id, to_stage="referred", user_id=social_worker,
                       referred_on=datetime.date.today().isoformat())
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert [row["reference"] for row in all_cases(db)] == ["REAL-1"]


def test_a_coordinator_sees_only_their_cases(seeded, db):
    cerys, tomasz = user(db, CERYS), user(db, TOMASZ)
    mine = case_data.summaries(db, (cerys["id"], "coordinator"))
    theirs = case_data.summaries(db, (tomasz["id"], "coordinator"))
    assert mine and theirs
    assert all(row["coordinator_id"] == cerys["id"] for row in mine)
    assert all(row["coordinator_id"] == tomasz["id"] for row in theirs)
    assert not {row["id"] for row in mine} & {row["id"] for row in theirs}


def test_the_demo_coordinator_home_shows_a_conference_soon(seeded, db, new_client):
    browser = new_client()
    sign_in_as(browser, CERYS, DEMO_PASSWORD)
    page = text(browser.page("/"))
    conference = next(row for row in all_cases(db) if row["stage"] == "conference_scheduled")
    assert f"Conference for {conference['reference']}" in page
    assert "None this week or next" not in page
    assert "Nothing is overdue" not in page


def prepared_cases(db):
    """Every demo case that has reached the baseline meeting (paused cases by the stage they paused at)."""
    baseline = lifecycle.MAIN_PATH.index("baseline_held")
    found = []
    for row in all_cases(db):
        case = case_data.get(db, row["id"])
        stage = case["resume_stage"] or case["stage"]
        if stage in lifecycle.MAIN_PATH and lifecycle.MAIN_PATH.index(stage) >= baseline:
            found.append((case, stage))
    return found


def conference_held(stage):
    return lifecycle.MAIN_PATH.index(stage) >= lifecycle.MAIN_PATH.index("conference_held")


def test_professionals_bring_three_columns_a_scale_and_danger_statements(seeded, db):
    prepared = prepared_cases(db)
    assert len(prepared) >= 8
    for case, _ in prepared:
        team = professionals.for_case(db, case["id"])
        assert 2 <= len(team) <= 5, case["reference"]
        assert any(person["name"] == "Sam Okafor" and person["contact"] == SOCIAL_WORKER for person in team)
        for person in team:
            assert person["agency"] and person["role"] and person["attends"] in ("information_sharing", "all")
            assert person["worried"] and person["working_well"] and person["needs_to_happen"], person["name"]
            assert person["scale"] is not None and 0 <= person["scale"] <= 10 and person["scale_reason"]
            assert person["resources"]
        dangers = [danger for person in team for danger in person["dangers"]]
        assert 1 <= len(dangers), case["reference"]
        assert all(danger["danger"] and danger["safety_goal"] for danger in dangers)
        actions = [entry["action"] for entry in audit_data.for_record(db, "case", case["id"])]
        assert actions.count("case.professional_saved") == len(team)
        assert actions.count("case.child_views_saved") == len(case_data.children(db, case["id"]))
    assert len({person["scale"] for case, _ in prepared for person in professionals.for_case(db, case["id"])}) >= 5
    earlier = [row for row in all_cases(db) if row["id"] not in {case["id"] for case, _ in prepared}]
    assert earlier and not any(professionals.for_case(db, row["id"]) for row in earlier)


def test_information_is_shared_before_the_conference(seeded, db):
    today = datetime.date.today()
    held = 0
    for case, stage in prepared_cases(db):
        team = professionals.for_case(db, case["id"])
        assert all(person["shared_on"] is None or person["shared_on"] <= today.isoformat() for person in team)
        if conference_held(stage):
            held += 1
            conference = next(m for m in meeting_data.for_case(db, case["id"]) if m["kind"] == "conference")
            assert all(person["shared_on"] and person["shared_on"] < conference["held_on"] for person in team)
            assert professionals.unshared_count(db, case["id"]) == 0
    assert held >= 4
    soon = [row for row in all_cases(db) if row["stage"] == "conference_scheduled"]
    assert soon
    for row in soon:
        conference = meeting_data.current(db, row["id"], "conference")
        starts = datetime.datetime.fromisoformat(conference["starts_at"]).date()
        assert today <= starts <= today + datetime.timedelta(days=14)
        team = professionals.for_case(db, row["id"])
        assert professionals.unshared_count(db, row["id"]) >= 1, "no new news: someone has not shared yet"
        assert any(person["shared_on"] for person in team)
        assert all(person["shared_on"] < starts.isoformat() for person in team if person["shared_on"])


def test_children_have_their_say(seeded, db):
    ways = set()
    for case, _ in prepared_cases(db):
        for views in child_views.for_case(db, case["id"]):
            assert views["wishes"] and views["gathered"] and views["attending"], views["name"]
            ways.add(views["gathered"])
            assert (views["gathered"] == "advocate") <= bool(views["advocate_name"]), views["name"]
            assert views["scale"] is None or 0 <= views["scale"] <= 10
    assert ways == {"direct", "advocate", "letter_or_drawing"}


def test_seeding_twice_does_not_duplicate_preparation(seeded, runner, db):
    tables = ("professionals", "danger_statements", "child_views")
    counts = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in tables}
    assert all(counts.values())
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in tables} == counts


def test_held_meetings_have_scales_for_the_chart(runner, db, monkeypatch):
    from fgc.data import scales

    monkeypatch.setenv("FGC_DEMO_PASSWORD", "demo marsh lantern quill")
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    held = db.execute("SELECT DISTINCT m.case_id FROM meetings m JOIN cases c ON c.id = m.case_id "
                      "WHERE m.status = 'held' AND c.reference NOT LIKE '%-H%'").fetchall()
    assert held
    for (case_id,) in held:
        rows = scales.for_case(db, case_id)
        assert {row["source"] for row in rows} >= {"family", "professional"}
    excluded = db.execute("SELECT id FROM people WHERE excluded = 1").fetchall()
    assert not db.execute("SELECT count(*) FROM scales WHERE source = 'family' AND source_id IN (%s)" %
                          ",".join(str(row[0]) for row in excluded)).fetchone()[0]


# --- the family plans ----------------------------------------------------------------------------

AGREED_STAGES = ("plan_agreed", "review_scheduled", "review_held", "closed")


def plans_by_stage(db):
    """(case, plan, versions oldest first) for every demo case that has a plan."""
    found = []
    for row in all_cases(db):
        plan = plan_data.get(db, row["id"])
        if plan:
            versions = sorted(plan_data.versions(db, plan["id"]), key=lambda version: version["number"])
            found.append((case_data.get(db, row["id"]), plan, versions))
    return found


def content(db, plan, number):
    return json.loads(plan_data.version(db, plan["id"], number)["content"])


def test_every_case_past_the_conference_has_an_agreed_plan(seeded, db):
    with_plans = {case["id"]: (plan, versions) for case, plan, versions in plans_by_stage(db)}
    agreed_cases = [row for row in all_cases(db) if row["stage"] in AGREED_STAGES]
    assert {row["stage"] for row in agreed_cases} == set(AGREED_STAGES)
    for row in agreed_cases:
        case = case_data.get(db, row["id"])
        plan, versions = with_plans[case["id"]]
        assert plan["status"] == "agreed", case["reference"]
        latest = plan_data.latest_agreed(db, plan["id"])
        assert latest["number"] == plan["number"] and latest["decided_by_name"] == "Sam Okafor"
        document = json.loads(latest["content"])
        assert 5 <= len(document["tasks"]) <= 8, case["reference"]
        for task in document["tasks"]:
            assert task["what"] and task["who"] and task["checker"] and (task["by_date"] or task["by_when"])
        assert sum(bool(task["answers"]) for task in document["tasks"]) >= len(document["tasks"]) - 1
        refs = {ref for task in document["tasks"] for ref in task["answers"]}
        assert any(ref.startswith("danger:") for ref in refs), "the plan answers the professionals' worries"
        assert document["contingency"] and document["monitoring"]
        assert any(person["kind"] == "person" for task in document["tasks"] for person in task["who"])
        # Agreed by the referrer after the conference; the first review date about three months on.
        conference = next(m for m in meeting_data.for_case(db, case["id"]) if m["kind"] == "conference")
        assert conference["held_on"] <= case["plan_agreed_on"] <= datetime.date.today().isoformat()
        first = content(db, plan, next(version["number"] for version in versions if version["outcome"] != "declined"))
        gap = datetime.date.fromisoformat(first["review_on"]) - datetime.date.fromisoformat(conference["held_on"])
        assert 70 <= gap.days <= 110, case["reference"]
        history = [step["to_stage"] for step in case_data.stage_history(db, case["id"])]
        assert "plan_agreed" in history


def test_every_frozen_version_is_intact_and_every_agreed_version_answers_the_bottom_lines(seeded, db):
    frozen = 0
    for case, plan, versions in plans_by_stage(db):
        for version in versions:
            frozen += 1
            intact, stored, recomputed = agreement.verify(db, plan["id"], version["number"])
            assert intact and stored == recomputed, (case["reference"], version["number"])
            document = content(db, plan, version["number"])
            assert document["reference"] == case["reference"] and document["number"] == version["number"]
            assert document["decision"]["outcome"] == version["outcome"]
            if version["outcome"] != "declined":
                assert plan_document.unanswered(document) == [], (case["reference"], version["number"])
                assert plan_document.pending_sign_off(document) == []
    assert frozen >= 6


def test_a_declined_plan_is_revised_and_agreed_as_version_two(seeded, db):
    found = [(case, plan, versions) for case, plan, versions in plans_by_stage(db)
             if [version["outcome"] for version in versions][:2] == ["declined", "agreed"]]
    assert found
    case, plan, versions = found[0]
    declined, agreed = content(db, plan, 1), content(db, plan, 2)
    assert declined["decision"]["text"], "the referrer gives reasons"
    assert declined["decision"]["by"] == "Sam Okafor"
    changes = plan_document.differences(declined, agreed)
    assert {change["change"] for change in changes["tasks"]} >= {"changed", "added"}
    assert case["stage"] in AGREED_STAGES


def test_a_reviewed_plan_has_two_agreed_versions(seeded, db):
    found = [(case, plan, versions) for case, plan, versions in plans_by_stage(db)
             if [version["outcome"] for version in versions] == ["agreed", "agreed"]]
    assert found
    case, plan, versions = found[0]
    assert case["stage"] in ("review_held", "closed")
    reviews = plan_data.reviews(db, plan["id"])
    assert len(reviews) == 1
    review = reviews[0]
    assert review["version_number"] == 1 and review["started_new_version"] and review["changes"]
    meeting = next(m for m in meeting_data.for_case(db, case["id"]) if m["id"] == review["meeting_id"])
    assert meeting["kind"] == "review" and meeting["status"] == "held" and review["held_on"] == meeting["held_on"]
    first, second = content(db, plan, 1), content(db, plan, 2)
    assert set(review["outcomes"]) == {task["key"] for task in first["tasks"]}
    assert {row["outcome"] for row in review["outcomes"].values()} == set(vocabulary.REVIEW_OUTCOMES)
    assert all(row["comment"] for row in review["outcomes"].values())
    changes = plan_document.differences(first, second)
    assert {change["change"] for change in changes["tasks"]} >= {"changed", "added"}
    assert any(change["label"] == "Review date" for change in changes["plan"])
    # The new version carries what the review found.
    statuses = {task["key"]: task["status"] for task in second["tasks"]}
    for key, row in review["outcomes"].items():
        assert statuses[key] == agreement.REVIEW_TO_STATUS[row["outcome"]]
    # Other reviewed plans record their review too, without a new version.
    reviewed = [plan for _, plan, _ in plans_by_stage(db) if plan_data.reviews(db, plan["id"])]
    assert len(reviewed) >= 2


def test_a_resource_is_signed_off_by_a_manager(seeded, db):
    signed = [(case, row) for case, plan, _ in plans_by_stage(db) for row in plan_data.resources(db, plan["id"])
              if row["sign_off_needed"]]
    assert signed
    for case, row in signed:
        assert row["sign_off"] == "approved" and row["sign_off_by"] == user(db, MANAGER)["id"]
        assert row["sign_off_note"] and row["sign_off_at"]
        plan = plan_data.get(db, case["id"])
        document = json.loads(plan_data.latest_agreed(db, plan["id"])["content"])
        kept = next(resource for resource in document["resources"] if resource["key"] == row["id"])
        assert kept["sign_off"] == "approved" and kept["sign_off_by"] == "Morgan Ellis"


def test_a_plan_is_still_being_written_after_the_conference(seeded, db):
    drafts = [(case, plan, versions) for case, plan, versions in plans_by_stage(db)
              if case["stage"] == "conference_held"]
    assert drafts
    case, plan, versions = drafts[0]
    assert plan["status"] == "draft" and not versions
    document = plan_document.assemble(db, case, plan)
    assert document["tasks"]
    missing = plan_document.unanswered(document)
    assert missing and any(item["kind"] == "bottom_line" for item in missing)
    with pytest.raises(agreement.NotReady, match="still need"), write(db):
        agreement.mark_ready(db, case, plan, plan["revision"], user_id=case["coordinator_id"])


def test_a_plan_shows_welsh_words(seeded, db):
    agreed = [plan_data.version(db, plan["id"], version["number"])["content"]
              for _, plan, versions in plans_by_stage(db) for version in versions if version["outcome"] != "declined"]
    assert any(set(words) & set("ŵŷŴŶ") for words in agreed), "a name such as Llŷr keeps its accent"
    assert any("Bydd Nain" in words for words in agreed), "a task written partly in Welsh"


def test_seeding_twice_does_not_duplicate_plans(seeded, runner, db):
    tables = ("plans", "plan_tasks", "plan_versions", "plan_reviews", "plan_resources")
    counts = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in tables}
    assert all(counts.values())
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in tables} == counts


def test_the_demo_family_links_open_and_the_coordinator_sees_what_the_family_said(seeded, db, new_client):
    printed = re.findall(r"/f/([A-Za-z0-9_-]{22})  ([^,]+), (FGC-\d{4}-\d{4})", seeded.output)
    assert [(name, reference) for _, name, reference in printed] == [
        ("Glenys Morgan-Jones", "FGC-2026-0107"), ("Bethan Morgan-Jones", "FGC-2026-0107")]
    family = new_client()
    opened = family.raw.get(f"/f/{printed[0][0]}")
    assert opened.status_code == 303 and opened.location.endswith("/family/")
    plan = text(family.page("/family/"))
    assert "Your tasks" in plan and "Bydd Nain yn gwneud y siopa mawr" in plan
    case = next(row for row in all_cases(db) if row["reference"] == "FGC-2026-0107")
    coordinator = new_client()
    sign_in_as(coordinator, CERYS, DEMO_PASSWORD)
    links = text(coordinator.page(f"/cases/{case['id']}/links"))
    assert "Glenys Morgan-Jones" in links and "Bethan Morgan-Jones" in links
    assert "Rydyn ni wedi gwneud y siopa bob dydd Sadwrn" in links
    events = [row["action"] for row in audit_data.for_record(db, "case", case["id"])]
    assert {"family.link_created", "family.acknowledged", "family.task_updated"} <= set(events)


def test_every_demo_case_keeps_its_next_deadline_in_step(seeded, db, app):
    with app.app_context():
        due = service.deadlines(db)
        rows = all_cases(db)
        facts = case_data.facts(db, [row["id"] for row in rows])
        for row in rows:
            item = due.next_due(row, facts[row["id"]]) if row["stage"] not in ("draft", "closed") else None
            expected = (item["due"].isoformat(), item["kind"]) if item else (None, "")
            assert (row["next_due_on"], row["next_due_kind"]) == expected, row["reference"]
    assert any(row["next_due_on"] for row in rows)


# --- two years of history, for the reports ----------------------------------------------------------


def test_the_history_covers_two_years_and_every_route_a_case_takes(seeded, db):
    rows = history(db)
    today = datetime.date.today()
    referred = sorted(case_data.get(db, row["id"])["referred_on"] for row in rows)
    assert referred[0] <= (today - datetime.timedelta(days=730)).isoformat() and referred[-1] >= (
        today - datetime.timedelta(days=60)).isoformat()
    assert {row["stage"] for row in rows} >= {"closed", "declined_by_family", "plan_agreed"}
    conferences = {row[0] for row in db.execute("SELECT case_id FROM meetings WHERE kind = 'conference' "
                                                "AND status = 'held'")}
    closed_early = [row for row in rows if row["stage"] == "closed" and row["id"] not in conferences]
    assert closed_early, "some cases closed without a conference"
    withdrawn = db.execute("SELECT count(*) FROM consents WHERE withdrawn_on IS NOT NULL").fetchone()[0]
    assert withdrawn >= 2
    sam = user(db, SOCIAL_WORKER)["id"]
    assert all(case_data.get(db, row["id"])["created_by"] == sam for row in rows)


def test_the_history_has_every_outcome_and_follow_ups_recorded_and_missed(seeded, db):
    found = {tuple(row) for row in db.execute("SELECT point, living_with FROM child_outcomes")}
    for point in vocabulary.OUTCOME_POINTS:
        assert {(point, where) for where in vocabulary.LIVING_WITH} <= found, point
    arrangements = {row[0] for row in db.execute("SELECT DISTINCT arrangement FROM child_outcomes")}
    assert set(vocabulary.ARRANGEMENTS) <= arrangements
    assert {row[0] for row in db.execute("SELECT DISTINCT proceedings FROM child_outcomes")} == {"yes", "no",
                                                                                                 "unknown"}
    today = datetime.date.today()
    coordinator = user(db, CERYS)["id"]
    from fgc.domain import child_outcomes as outcome_rules
    assert outcome_rules.due_for(db, coordinator, today), "a few follow-ups are still to record"


def test_the_reports_tell_a_story_for_every_month_of_the_last_year(seeded, db, app):
    from fgc.domain import reports

    with app.test_request_context():
        period = reports.default_period(datetime.date.today())
        built = {key: reports.build(db, key, period, reports.Scope(), service.deadlines(db))
                 for key in reports.REPORTS}
    totals = {key: {figure.key: figure.total for figure in report.figures} for key, report in built.items()}
    assert totals["offers"]["offers_made"] >= 10 and totals["offers"]["declined"] >= 1
    assert totals["practice"]["conferences"] >= 30
    assert totals["outcomes"]["three_recorded"] >= 20 and totals["outcomes"]["twelve_recorded"] >= 10
    referred = next(figure for figure in built["served"].figures if figure.key == "children_referred")
    assert all(value > 0 for _month, value in referred.monthly[:-1]), "children referred every month"
    groups = {breakdown.key: len(breakdown.rows) for breakdown in built["served"].breakdowns}
    assert groups["ethnicity"] >= 6 and groups["first_language"] >= 4
