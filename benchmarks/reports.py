"""The managers' reports at 40,000 cases: each report for the last twelve months and for two years, one team's, and
the case-level data return, beside a bare Flask "hello" in the same run.

Run:  .venv/bin/python benchmarks/reports.py [--cases 40000] [--repeat 15] [--keep DIR]

Makes a database with the app's migrations, then writes (straight into SQLite, quickly) ``--cases`` cases referred
evenly over the last four years, each with one to three children, an s.31ZA offer on four in ten, a baseline, and
for seven in ten a conference, network, attendance, a plan with resources, children's views, a review and each
child's outcomes at closure and 3 and 12 months. Signs a manager in (password and code) through Flask's test client
in this process, and times each page ``--repeat`` times: worked out afresh ("first view": the reports kept in the
process are forgotten before each request) and then as shown again while nothing has changed. Prints the median
and 95th percentile in ms and the medians as multiples of bare Flask's. Every report view is audited as it runs,
as in use. Asserts nothing.
"""

import argparse
import datetime
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
from fgc.domain import passwords, reports  # noqa: E402

PASSWORD = "benchmark report lantern quay"
COORDINATORS = 60
ETHNICITIES = ["white_british"] * 7 + ["white_other", "black_african", "asian_pakistani",
                                       "mixed_white_black_caribbean", "other_arab", ""]
LANGUAGES = ["English"] * 6 + ["Welsh", "Polish", "Somali", "Urdu", "Arabic", ""]
LIVING = [("parents", ""), ("parents", ""), ("wider_family", "informal"), ("wider_family", "order"),
          ("wider_family", "kinship_foster"), ("care", ""), ("other", "")]


def build(path, cases, seed=11):
    app = create_app({"DATABASE": str(path), "SECRET_KEY": "reports benchmark", "TESTING": True})
    rng = random.Random(seed)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    today = datetime.date.today()
    stamp = datetime.datetime.now(datetime.UTC).isoformat()
    hashed = passwords.hash_password(PASSWORD)
    users = [("manager@example.org", "Manager", "manager", "")] + [
        (f"coordinator{n}@example.org", f"Coordinator {n}", "coordinator", f"Team {n % 6}") for n in range(COORDINATORS)]
    rows = {name: [] for name in ("cases", "children", "offers", "baselines", "meetings", "people", "pr_holders",
                                  "attendance", "plans", "plan_resources", "child_views", "child_outcomes")}
    meeting_id = person_id = child_id = plan_id = 0
    for case_id in range(1, cases + 1):
        referred = today - datetime.timedelta(days=int(4 * 365 * (cases - case_id) / cases))
        coordinator = 2 + case_id % COORDINATORS
        conference = referred + datetime.timedelta(days=rng.randint(20, 80)) if rng.random() < 0.7 else None
        conference = conference if conference and conference <= today else None
        agreed = conference + datetime.timedelta(days=rng.choice([0, 0, 0, 3, 10])) if conference else None
        agreed = agreed if agreed and agreed <= today else None
        closed = (agreed or referred) + datetime.timedelta(days=rng.randint(60, 200))
        closed = closed if closed <= today else None
        rows["cases"].append((case_id, f"BENCH-{case_id:06d}", "closed" if closed else "referred",
                              int(rng.random() < 0.1), coordinator, referred.isoformat(),
                              rng.choice(["child_in_need", "child_protection", "pre_proceedings", "section_20"]),
                              agreed.isoformat() if agreed else None, closed.isoformat() if closed else None))
        if rng.random() < 0.4:
            offered = referred - datetime.timedelta(days=7)
            rows["offers"].append((case_id, offered.isoformat(), int(rng.random() < 0.8),
                                   rng.choice(["accepted", "accepted", "declined", "withdrawn", None]),
                                   (offered + datetime.timedelta(days=5)).isoformat(), rng.choice(["privacy", ""])))
        baseline = referred + datetime.timedelta(days=rng.randint(1, 9))
        if baseline <= today:
            rows["baselines"].append((case_id, baseline.isoformat()))
        pr = rng.randint(1, 2)
        rows["pr_holders"] += [(case_id, f"Holder {n}") for n in range(pr)]
        people = []
        for _n in range(rng.randint(2, 9)):
            person_id += 1
            people.append(person_id)
            rows["people"].append((person_id, case_id, f"Person {person_id}", int(rng.random() < 0.03)))
        children = []
        for _n in range(rng.choice([1, 1, 2, 3])):
            child_id += 1
            children.append(child_id)
            rows["children"].append((child_id, case_id, f"Child {child_id}",
                                     (referred - datetime.timedelta(days=rng.randint(100, 5800))).isoformat(),
                                     rng.choice(ETHNICITIES), rng.choice(LANGUAGES),
                                     rng.choice(["yes", "no", "no", "no", "unknown", ""])))
            rows["child_views"].append((child_id, rng.choice(["direct", "advocate", None]),
                                        rng.choice(["yes", "part", "no", None])))
        if conference:
            meeting_id += 1
            rows["meetings"].append((meeting_id, case_id, "conference", conference.isoformat(),
                                     int(rng.random() < 0.85)))
            rows["attendance"] += [(person, meeting_id, rng.choice(["in_person", "remote", "written_views"]))
                                   for person in people[:rng.randint(1, len(people))]
                                   if not rows["people"][person - 1][3]]
            review = (agreed or conference) + datetime.timedelta(days=rng.randint(80, 110))
            if agreed and review <= today:
                meeting_id += 1
                rows["meetings"].append((meeting_id, case_id, "review", review.isoformat(), 1))
            plan_id += 1
            rows["plans"].append((plan_id, case_id))
            rows["plan_resources"] += [(plan_id, rng.randint(0, 1), rng.choice(["approved", "refused", None]))
                                       for _n in range(rng.randint(0, 3))]
            for child in children:
                living, how = rng.choice(LIVING)
                for point, months in (("closure", 0), ("three_months", 3), ("twelve_months", 12)):
                    known = (closed if point == "closure" else conference + datetime.timedelta(days=30 * months))
                    if known and known <= today and rng.random() < 0.9:
                        rows["child_outcomes"].append((case_id, child, point, known.isoformat(), living, how,
                                                       "yes" if living == "care" else "no"))
    with db:
        db.executemany("INSERT INTO users (email, name, role, team, password_hash, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", [(*user, hashed, stamp, stamp) for user in users])
        db.executemany("INSERT INTO cases (id, reference, stage, urgent, created_by, coordinator_id, referred_on, "
                       "legal_status, plan_agreed_on, closed_on, created_at, updated_at) "
                       f"VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, '{stamp}', '{stamp}')", rows["cases"])
        db.executemany("INSERT INTO children (id, case_id, name, date_of_birth, ethnicity, first_language, disability) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", rows["children"])
        db.executemany("INSERT INTO offers (case_id, offered_on, in_letter_before_proceedings, response, response_on, "
                       f"declined_reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, '{stamp}')", rows["offers"])
        db.executemany(f"INSERT INTO baselines (case_id, held_on, recorded_by, updated_at) VALUES (?, ?, 1, '{stamp}')",
                       rows["baselines"])
        db.executemany("INSERT INTO meetings (id, case_id, kind, uid, status, starts_at, ends_at, held_on, private_time, "
                       f"created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?1 || '@bench', 'held', ?4, ?4, ?4, ?5, "
                       f"1, '{stamp}', '{stamp}')", rows["meetings"])
        db.executemany(f"INSERT INTO people (id, case_id, name, excluded, created_at, updated_at) VALUES (?, ?, ?, ?, "
                       f"'{stamp}', '{stamp}')", rows["people"])
        db.executemany("INSERT INTO pr_holders (case_id, name) VALUES (?, ?)", rows["pr_holders"])
        db.executemany(f"INSERT INTO attendance (person_id, meeting_id, mode, recorded_by, at) VALUES (?, ?, ?, 1, "
                       f"'{stamp}')", rows["attendance"])
        db.executemany(f"INSERT INTO plans (id, case_id, created_by, created_at, updated_by, updated_at) VALUES "
                       f"(?, ?, 1, '{stamp}', 1, '{stamp}')", rows["plans"])
        db.executemany(f"INSERT INTO plan_resources (plan_id, what, sign_off_needed, sign_off, updated_at) VALUES "
                       f"(?, 'Help', ?, ?, '{stamp}')", rows["plan_resources"])
        db.executemany(f"INSERT INTO child_views (child_id, gathered, attending, updated_at) VALUES (?, ?, ?, "
                       f"'{stamp}')", rows["child_views"])
        db.executemany("INSERT INTO child_outcomes (case_id, child_id, point, known_on, living_with, arrangement, "
                       f"proceedings, legal_order, recorded_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'none', 1, "
                       f"'{stamp}')", rows["child_outcomes"])
    db.execute("ANALYZE")
    db.close()
    return app, {name: len(values) for name, values in rows.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=40_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", help="make the database in this folder and leave it there")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"reports-{args.cases}.sqlite"
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    app, counts = build(path, args.cases)
    print(f"{args.cases:,} cases over four years ({', '.join(f'{n:,} {name}' for name, n in counts.items())}): "
          f"made in {time.perf_counter() - started:.0f} s")
    client = staff.sign_in_client(app, "manager@example.org", PASSWORD)
    today = datetime.date.today()
    two_years = today - datetime.timedelta(days=730)
    since = f"since-day={two_years.day}&since-month={two_years.month}&since-year={two_years.year}"
    pages = [(f"{key}, last 12 months", f"/reports/{key}") for key in
             ("offers", "timeliness", "practice", "outcomes", "served")]
    pages += [(f"{key}, two years", f"/reports/{key}?{since}") for key in
              ("offers", "timeliness", "practice", "outcomes", "served")]
    pages += [("practice, one team, 12 months", "/reports/practice?team=Team+3"),
              ("CSV of a table, 12 months", "/reports/served/download.csv?table=ethnicity"),
              ("data return, 12 months (CSV)", "/reports/data-return.csv")]
    bare = bare_app()
    floor = timings(lambda: bare.get("/"), args.repeat * 10)
    print(f"{'':<40} {'first view':>30}   {'shown again':>28}")
    print(f"{'page':<40} {'median ms':>10} {'p95 ms':>9} {'x bare':>8}   {'median ms':>10} {'p95 ms':>8} "
          f"{'x bare':>7}")
    print(f"{'bare Flask':<40} {floor[0]:10.2f} {floor[1]:9.2f} {1:8.0f}")

    def fresh(url):
        reports._BUILT.clear()
        client.get(url).get_data()

    for name, url in pages:
        response = client.get(url)
        response.get_data()
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        first = timings(lambda url=url: fresh(url), args.repeat)
        again = timings(lambda url=url: client.get(url).get_data(), args.repeat)
        print(f"{name:<40} {first[0]:10.2f} {first[1]:9.2f} {first[0] / floor[0]:8.0f}   {again[0]:10.2f} "
              f"{again[1]:8.2f} {again[0] / floor[0]:7.0f}", flush=True)


if __name__ == "__main__":
    main()
