"""Measure case pages at service scale: dashboards, search and the case page with many cases.

Run:  .venv/bin/python benchmarks/bench_cases.py [--cases 2000] [--requests 50]

Prints figures; asserts nothing. Uses a throwaway SQLite file in a temporary folder.
"""

import argparse
import datetime
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fgc import create_app
from fgc.domain import lifecycle, passwords
from fgc.data import cases as case_data
from fgc.data import users
from fgc.db import connect, write

sys.path.insert(0, str(Path(__file__).resolve().parent))
import staff  # noqa: E402

PASSWORD = "benchmark heron quarry lantern"
NAMES = ["Siân", "Rhodri", "Gwenllïan", "Dafydd", "Amira", "Noa", "Tomasz", "Olu", "Ffion", "Jack", "Aisha", "Liam"]


def timed(function, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = function()
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return samples


def report(label, samples):
    samples = sorted(samples)
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    print(f"{label:<48} median {statistics.median(samples):8.2f} ms   p95 {p95:8.2f} ms   n={len(samples)}")


def build(path, count):
    db = connect(path)
    hashed = passwords.hash_password(PASSWORD)
    rng = random.Random(7)
    with write(db):
        worker = users.create(db, email="sw@example.org", name="Bench Worker", role="social_worker",
                              password_hash=hashed)
        users.create(db, email="manager@example.org", name="Bench Manager", role="manager", password_hash=hashed)
        coordinators = [users.create(db, email=f"co{n}@example.org", name=f"Coordinator {n}", role="coordinator",
                                     password_hash=hashed) for n in range(10)]
        today = datetime.date.today()
        stages = list(lifecycle.MAIN_PATH[1:5])
        for number in range(count):
            case_id = case_data.create_draft(db, created_by=worker, reference=f"B-{number:05d}", urgent=number % 9 == 0,
                                             urgency_reason="", referrer_name="Bench Worker")
            for _ in range(rng.randint(1, 3)):
                case_data.save_child(db, case_id, {"name": f"{rng.choice(NAMES)} {rng.choice(NAMES)}son",
                                                   "date_of_birth": "2017-03-04", "gender": "", "ethnicity": "",
                                                   "first_language": "", "needs": ""})
            case_data.add_pr_holder(db, case_id, name=f"{rng.choice(NAMES)} Parent", relationship="Mother")
            referred = (today - datetime.timedelta(days=rng.randint(0, 200))).isoformat()
            case_data.move(db, case_id, to_stage="referred", user_id=worker, referred_on=referred)
            stage = rng.choice(stages)
            if stage != "referred":
                case_data.move(db, case_id, to_stage="allocated", user_id=worker,
                               coordinator_id=rng.choice(coordinators), allocated_on=referred)
    db.close()


def signed_in(app, email):
    return staff.sign_in_client(app, email, PASSWORD)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {args.cases} cases, 10 coordinators")
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "cases.sqlite")
        app = create_app({"DATABASE": path, "SECRET_KEY": "benchmark", "TESTING": True})
        start = time.perf_counter()
        build(path, args.cases)
        print(f"{'build':<48} {time.perf_counter() - start:8.2f} s")
        manager = signed_in(app, "manager@example.org")
        coordinator = signed_in(app, "co0@example.org")
        report("manager home (queue, overdue, caseloads, timeliness)", timed(lambda: manager.get("/"), args.requests))
        report("coordinator home (by stage, meetings, overdue)", timed(lambda: coordinator.get("/"), args.requests))
        report("manager GET /cases/ (every case)", timed(lambda: manager.get("/cases/"), max(5, args.requests // 5)))
        report("search 'sian' (accent-insensitive, FTS5)", timed(lambda: manager.get("/cases/search?q=sian"),
                                                                args.requests))
        report("case page", timed(lambda: manager.get("/cases/1"), args.requests))


if __name__ == "__main__":
    main()
