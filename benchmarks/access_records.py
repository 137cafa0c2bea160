"""Access records at millions of audit events: each kind of search, its first page and a page deep in the past, and
a CSV download, beside a bare Flask "hello" in the same run.

Run:  .venv/bin/python benchmarks/access_records.py [--events 3000000] [--repeat 30] [--keep DIR]

Makes a database with the app's migrations, then writes (straight into SQLite, quickly) 40,000 cases, 200,000
network members and ``--events`` audit events over three years: mostly case views by 400 staff, some naming a
network member or a child, with changes, sign-ins, family visits and messages among them. Then it signs in an
admin (password and code) through Flask's test client, in this process, and times each search page ``--repeat``
times. Prints the median and 95th percentile in ms and each as a multiple of bare Flask's median. Every search is
audited as it runs, as in use. Asserts nothing.
"""

import argparse
import datetime
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from case_page_costs import bare_app, timings  # noqa: E402
import staff  # noqa: E402

from fgc import create_app  # noqa: E402
from fgc.domain import passwords  # noqa: E402

PASSWORD = "benchmark audit heron quarry"
CASES, PEOPLE, STAFF = 40_000, 200_000, 400
CHANGES = ["case.person_saved", "case.child_saved", "case.meeting_scheduled", "case.plan_task_saved",
           "case.consent_recorded", "case.referral_updated"]


def build(path, events, seed=7):
    app = create_app({"DATABASE": str(path), "SECRET_KEY": "access records benchmark", "TESTING": True})
    rng = random.Random(seed)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    now = datetime.datetime.now(datetime.UTC)
    stamp = now.isoformat()
    hashed = passwords.hash_password(PASSWORD)
    with db:
        db.executemany("INSERT INTO users (email, name, role, password_hash, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       [(f"staff{n}@example.org", f"Staff {n}", "coordinator" if n else "admin", hashed, stamp, stamp)
                        for n in range(STAFF)])
        db.executemany("INSERT INTO cases (reference, stage, created_by, created_at, updated_at) "
                       "VALUES (?, 'closed', 2, ?, ?)", [(f"BENCH-{n:06d}", stamp, stamp) for n in range(1, CASES + 1)])
        db.executemany("INSERT INTO people (case_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                       [(1 + n % CASES, f"Person {n}", stamp, stamp) for n in range(PEOPLE)])
        db.executemany("INSERT INTO children (case_id, name) VALUES (?, ?)",
                       [(n, f"Child {n}") for n in range(1, CASES + 1)])
    start = now - datetime.timedelta(days=3 * 365)
    step = (now - start) / events
    batch = []
    for number in range(events):
        at = (start + step * number).isoformat(timespec="microseconds")
        user = rng.randint(1, STAFF)
        case = rng.randint(1, CASES)
        roll = rng.random()
        if roll < 0.70:
            detail = {"page": "cases.view", "method": "GET"}
            if rng.random() < 0.15:
                detail = {"page": "network.person", "method": "GET", "person_id": rng.randint(1, PEOPLE)}
            row = (at, user, f"staff{user - 1}@example.org", "case.viewed", "case", str(case), detail)
        elif roll < 0.85:
            key = rng.choice(("person_id", "child_id"))
            row = (at, user, f"staff{user - 1}@example.org", rng.choice(CHANGES), "case", str(case),
                   {key: rng.randint(1, PEOPLE if key == "person_id" else CASES)})
        elif roll < 0.93:
            row = (at, user, f"staff{user - 1}@example.org", rng.choice(("sign_in.succeeded", "sign_out")), "user",
                   str(user), None)
        elif roll < 0.97:
            row = (at, None, f"family link {case}", "family.plan_viewed", "case", str(case),
                   {"link_id": case, "person_id": rng.randint(1, PEOPLE)})
        else:
            row = (at, None, "fgc worker", "message.sent", "case", str(case), {"message_id": number})
        at, user_id, actor, action, record_type, record_id, detail = row
        batch.append((at, user_id, actor, action, record_type, record_id, "192.0.2.7",
                      json.dumps(detail, sort_keys=True) if detail else None))
        if len(batch) == 50_000:
            with db:
                db.executemany("INSERT INTO audit_events (at, user_id, actor, action, record_type, record_id, ip, "
                               "detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch)
            batch = []
    with db:
        if batch:
            db.executemany("INSERT INTO audit_events (at, user_id, actor, action, record_type, record_id, ip, detail) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch)
    db.execute("ANALYZE")
    db.close()
    return app


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=3_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", help="make the database in this folder and leave it there")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "access-records.sqlite"
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    app = build(path, args.events)
    print(f"{args.events:,} audit events, {CASES:,} cases, {PEOPLE:,} network members, {STAFF} staff: "
          f"made in {time.perf_counter() - started:.0f} s ({path.stat().st_size / 1e9:.1f} GB)")
    client = staff.sign_in_client(app, "staff0@example.org", PASSWORD)
    week_ago = datetime.date.today() - datetime.timedelta(days=7)
    year_ago = datetime.date.today() - datetime.timedelta(days=365)
    pages = [
        ("a case", "/access-records?reference=BENCH-012345"),
        ("a network member", "/access-records?subject=person:123456"),
        ("a child", "/access-records?subject=child:4242"),
        ("one person's actions", "/access-records?user=17"),
        ("one person's actions, deep in the past", f"/access-records?user=17&before={args.events // 20}"),
        ("what families did", "/access-records?action=family"),
        ("changes to cases, last week",
         f"/access-records?action=case_changed&since-day={week_ago.day}&since-month={week_ago.month}"
         f"&since-year={week_ago.year}"),
        ("everything on one day a year ago",
         f"/access-records?since-day={year_ago.day}&since-month={year_ago.month}&since-year={year_ago.year}"
         f"&until-day={year_ago.day}&until-month={year_ago.month}&until-year={year_ago.year}"),
        ("one person's views of one case", "/access-records?reference=BENCH-012345&user=17&action=case_viewed"),
        ("CSV of a network member's records", "/access-records/download.csv?subject=person:123456"),
        ("CSV of a case's records", "/access-records/download.csv?reference=BENCH-012345"),
    ]
    bare = bare_app()
    floor = timings(lambda: bare.get("/"), args.repeat * 10)
    print(f"{'page':<45} {'median ms':>10} {'p95 ms':>9} {'x bare':>8}")
    print(f"{'bare Flask':<45} {floor[0]:10.2f} {floor[1]:9.2f} {1:8.0f}")
    for name, url in pages:
        response = client.get(url)
        response.get_data()
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        median, p95 = timings(lambda url=url: client.get(url).get_data(), args.repeat)
        print(f"{name:<45} {median:10.2f} {p95:9.2f} {median / floor[0]:8.0f}", flush=True)


if __name__ == "__main__":
    main()
