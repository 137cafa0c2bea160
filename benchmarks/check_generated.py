"""Check a file made by benchmarks/generate.py: does the app read it as its own?

Run:  .venv/bin/python benchmarks/check_generated.py PATH.sqlite [--sample 300] [--quick]
(or ``generate.py --check``). Uses the ``fgc`` already imported, else this checkout's.

- ``PRAGMA integrity_check`` (``quick_check`` with ``--quick``) and ``PRAGMA foreign_key_check``;
- each case's stage is the last of its stage changes, and open cases' next deadlines are what the app computes;
- the search index holds, for a sample of cases, exactly what ``fgc.data.cases.reindex`` would write, and a
  search for the sidecar's surname finds cases;
- every frozen version's SHA-256 is its content's, and for a sample of agreed plans the latest version's content
  is what ``fgc.domain.plan_document.assemble`` gathers from the rows now;
- through the test client, signed in as the sidecar's users, every benchmarked page (and the case's timeline,
  versions and a verification) answers 200, and the timeline reads as sentences about people and records.

Prints what it found; returns False (exit status 1) if anything is wrong. It signs in, so it adds sessions and
audit events to the file, as using the app would.
"""

import argparse
import json
import random
import re
import sqlite3
import sys
from pathlib import Path


def _fgc():
    if "fgc" not in sys.modules:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    return __import__("fgc")


def sidecar_for(path):
    path = str(path)
    return Path(path[:-len(".sqlite")] + ".json") if path.endswith(".sqlite") else Path(path + ".json")


class Report:
    def __init__(self):
        self.problems = []

    def ok(self, what):
        print(f"  ok    {what}")

    def bad(self, what):
        self.problems.append(what)
        print(f"  FAIL  {what}")

    def expect(self, condition, what):
        (self.ok if condition else self.bad)(what)


def check_sqlite(path, report, quick):
    conn = sqlite3.connect(path)
    result = [row[0] for row in conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check")]
    report.expect(result == ["ok"], f"{'quick' if quick else 'integrity'}_check: {result[:3]}")
    problems = list(conn.execute("PRAGMA foreign_key_check"))
    report.expect(not problems, f"foreign_key_check: {len(problems)} problem(s) {problems[:3]}")
    wrong = conn.execute(
        "SELECT count(*) FROM cases c WHERE c.stage != (SELECT s.to_stage FROM stage_changes s WHERE s.case_id = c.id "
        "ORDER BY s.at DESC, s.id DESC LIMIT 1)").fetchone()[0]
    report.expect(wrong == 0, f"every case's stage is its last stage change ({wrong} not)")
    counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("cases", "people", "plan_versions", "audit_events")}
    per_case = counts["audit_events"] / max(1, counts["cases"])
    print(f"  rows  {', '.join(f'{table} {count:,}' for table, count in counts.items())} "
          f"({per_case:.0f} audit events a case)")
    conn.close()


def check_app_data(path, report, sample, info):
    """What needs the app's own functions: search index, due dates, plan documents."""
    from fgc import create_app, service
    from fgc.data import cases as case_data
    from fgc.data import plans as plan_data
    from fgc.db import connect
    from fgc.domain import plan_document

    rng = random.Random(1)
    app = create_app({"DATABASE": path, "SECRET_KEY": "check", "TESTING": True, "MIGRATE_ON_START": False})
    db = connect(path)
    with app.app_context():
        ids = [row[0] for row in db.execute("SELECT id FROM cases")]
        wrong = []
        for case_id in rng.sample(ids, min(sample, len(ids))):
            names = [row[0] for row in db.execute(
                "SELECT name FROM children WHERE case_id = ? UNION ALL SELECT name FROM pr_holders WHERE case_id = ? "
                "UNION ALL SELECT name FROM people WHERE case_id = ?", [case_id, case_id, case_id])]
            reference = db.execute("SELECT reference FROM cases WHERE id = ?", [case_id]).fetchone()[0]
            row = db.execute("SELECT reference, names FROM case_search WHERE rowid = ?", [case_id]).fetchone()
            if row is None or tuple(row) != (reference, " | ".join(names)):
                wrong.append(case_id)
        report.expect(not wrong, f"search index matches reindex() for {min(sample, len(ids))} cases ({wrong[:5]})")
        indexed = db.execute("SELECT count(*) FROM case_search").fetchone()[0]
        report.expect(indexed == len(ids), f"search index has one row a case ({indexed:,} for {len(ids):,})")
        manager = db.execute("SELECT id FROM users WHERE email = ?", [info["manager"]["email"]]).fetchone()[0]
        found = case_data.search(db, (manager, "manager"), info["surname"])
        report.expect(len(found) == 50, f"searching “{info['surname']}” as a manager finds 50 (the page's limit): "
                                        f"{len(found)}")
        # Open cases' next deadlines, recomputed.
        deadlines = service.deadlines(db)
        open_ids = case_data.open_ids(db)
        facts = case_data.facts(db, open_ids)
        wrong = []
        overdue = 0
        for case_id in open_ids:
            case = case_data.get(db, case_id)
            item = deadlines.next_due(case, facts[case_id])
            stored = (case["next_due_on"], case["next_due_kind"])
            want = (item["due"].isoformat(), item["kind"]) if item else (None, "")
            if stored != want:
                wrong.append(case_id)
            overdue += bool(item and item["status"] == "overdue")
        report.expect(not wrong, f"next deadlines of {len(open_ids)} open cases are the app's ({overdue} overdue)")
        # Frozen versions.
        bad = [row[0] for row in db.execute("SELECT id, content, sha256 FROM plan_versions")
               if plan_document.digest(row[1]) != row[2]]
        count = db.execute("SELECT count(*) FROM plan_versions").fetchone()[0]
        report.expect(not bad, f"every frozen version's SHA-256 is its content's ({count:,} versions)")
        agreed = [row[0] for row in db.execute("SELECT case_id FROM plans WHERE status = 'agreed'")]
        wrong = []
        for case_id in rng.sample(agreed, min(sample, len(agreed))):
            case = case_data.get(db, case_id)
            plan = plan_data.get(db, case_id)
            latest = plan_data.version(db, plan["id"], plan["number"])
            stored = json.loads(latest["content"])
            document = plan_document.assemble(db, case, plan, decision=stored["decision"])
            if plan_document.canonical(document) != latest["content"]:
                wrong.append(case_id)
                if len(wrong) == 1:
                    for key in document:
                        if document[key] != stored.get(key):
                            print(f"        case {case_id}: {key}: app {document[key]!r:.300}\n"
                                  f"        {' ' * len(str(case_id))}  file {stored.get(key)!r:.300}")
        report.expect(not wrong, f"latest versions of {min(sample, len(agreed))} agreed plans are the app's own "
                                 f"plan document ({wrong[:5]})")
    db.close()


def sign_in(app, email, password):
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/sign-in", data={"csrf_token": token, "email": email, "password": password})
    assert response.status_code == 302, (email, response.status_code)
    return client


def check_pages(path, report, info):
    from fgc import create_app
    from fgc.domain import timeline

    app = create_app({"DATABASE": path, "SECRET_KEY": "check", "MIGRATE_ON_START": False})
    app.config["WTF_CSRF_ENABLED"] = True
    password = info["password"]
    case_id = info["case"]["id"]
    users = {role: sign_in(app, info[role]["email"], password)
             for role in ("coordinator", "manager", "social_worker")}
    pages = [("coordinator", f"/cases/{case_id}"), ("coordinator", f"/cases/{case_id}/network"),
             ("coordinator", f"/cases/{case_id}/plan"), ("manager", "/"), ("coordinator", "/"),
             ("manager", "/cases/"), ("coordinator", "/cases/"), ("social_worker", "/plans"),
             ("manager", f"/cases/search?q={info['surname']}"), ("coordinator", f"/cases/{case_id}/timeline"),
             ("coordinator", f"/cases/{case_id}/plan/versions"), ("manager", f"/cases/{case_id}"),
             ("social_worker", "/")]
    for role, url in pages:
        response = users[role].get(url)
        report.expect(response.status_code == 200, f"{role:<13} GET {url} → {response.status_code}")
    client = users["coordinator"]
    page = client.get(f"/cases/{case_id}/plan/versions").get_data(as_text=True)
    numbers = sorted({int(n) for n in re.findall(rf"/cases/{case_id}/plan/versions/(\d+)", page)})
    for number in numbers:
        response = client.get(f"/cases/{case_id}/plan/versions/{number}")
        report.expect(response.status_code == 200, f"coordinator   GET version {number} → {response.status_code}")
        token = re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True))
        verified = client.post(f"/cases/{case_id}/plan/versions/{number}/verify",
                               data={"csrf_token": token.group(1) if token else ""})
        text = verified.get_data(as_text=True)
        report.expect(verified.status_code == 200 and f"Version {number} is intact" in text,
                      f"version {number} verifies ({verified.status_code})")
    with app.test_request_context():
        from fgc.db import get_db
        events, total = timeline.entries(get_db(), case_id)
        words = [re.sub(r"<[^>]+>", "", str(event["words"])) for event in events]
        removed = [w for w in words if "someone since removed" in w or "%(" in w or ": case." in w or ": plan." in w]
        report.expect(total > 50 and not removed, f"timeline of case {case_id}: {total} entries, "
                                                  f"{len(removed)} odd {removed[:3]}")
        for line in words[:6] + words[-4:]:
            print(f"        {line}")


def check(path, *, sample=300, quick=False):
    """Run every check on ``path``; True if all pass."""
    _fgc()
    report = Report()
    info = json.loads(sidecar_for(path).read_text(encoding="utf-8"))
    print(f"checking {path}")
    check_sqlite(path, report, quick)
    check_app_data(path, report, sample, info)
    check_pages(path, report, info)
    print(f"{'all checks passed' if not report.problems else f'{len(report.problems)} check(s) failed'}")
    return not report.problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--quick", action="store_true", help="quick_check instead of integrity_check (big files)")
    args = parser.parse_args()
    sys.exit(0 if check(args.path, sample=args.sample, quick=args.quick) else 1)


if __name__ == "__main__":
    main()
