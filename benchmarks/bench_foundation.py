"""Measure the foundation's costs: password hashing, signed-in page requests and concurrent writers.

Run:  .venv/bin/python benchmarks/bench_foundation.py [--users 500] [--requests 200] [--writers 4] [--writes 250]

Prints figures; asserts nothing. Uses a throwaway SQLite file in a temporary folder.
"""

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fgc import create_app
from fgc.domain import passwords
from fgc.data import audit, users
from fgc.db import connect, write

sys.path.insert(0, str(Path(__file__).resolve().parent))
import staff  # noqa: E402

PASSWORD = "benchmark heron quarry lantern"


def timed(function, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(label, samples):
    samples = sorted(samples)
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    print(f"{label:<44} median {statistics.median(samples):8.2f} ms   p95 {p95:8.2f} ms   n={len(samples)}")


def bench_passwords():
    hashed = passwords.hash_password(PASSWORD)
    report("argon2id hash", timed(lambda: passwords.hash_password(PASSWORD), 10))
    report("argon2id verify", timed(lambda: passwords.verify(hashed, PASSWORD), 10))
    report("password rules (zxcvbn, 72 chars)", timed(lambda: passwords.problem("x7" * 36), 20))


def bench_pages(folder, user_count, requests):
    app = create_app({"DATABASE": str(folder / "pages.sqlite"), "SECRET_KEY": "benchmark", "TESTING": True})
    db = connect(app.config["DATABASE"])
    hashed = passwords.hash_password(PASSWORD)
    with write(db):
        users.create(db, email="admin@example.org", name="Bench Admin", role="admin", password_hash=hashed)
        for number in range(user_count - 1):
            users.create(db, email=f"person{number}@example.org", name=f"Person {number}", role="coordinator")
    db.close()
    client = staff.sign_in_client(app, "admin@example.org", PASSWORD)
    report("GET / (signed in)", timed(lambda: client.get("/"), requests))
    report(f"GET /admin/users ({user_count} users, audited)", timed(lambda: client.get("/admin/users"), requests // 4))
    report("GET /healthz", timed(lambda: client.get("/healthz"), requests))


def _writer(path, writes, results):
    db = connect(path)
    errors = 0
    start = time.perf_counter()
    for number in range(writes):
        try:
            with write(db):
                # Read then write in one transaction: the pattern that fails under a deferred BEGIN.
                db.execute("SELECT count(*) FROM audit_events").fetchone()
                audit.add(db, user_id=None, actor="bench", action="bench.write", record_id=number, ip="127.0.0.1")
        except Exception:  # noqa: BLE001 - counting every failure is the point
            errors += 1
    results.put((time.perf_counter() - start, errors))
    db.close()


def bench_writers(folder, writers, writes):
    path = str(folder / "writers.sqlite")
    create_app({"DATABASE": path, "SECRET_KEY": "benchmark", "TESTING": True})
    results = multiprocessing.Queue()
    processes = [multiprocessing.Process(target=_writer, args=(path, writes, results)) for _ in range(writers)]
    start = time.perf_counter()
    for process in processes:
        process.start()
    outcomes = [results.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - start
    total = writers * writes
    errors = sum(errors for _, errors in outcomes)
    print(f"{writers} processes x {writes} read-then-write transactions (synchronous=FULL): "
          f"{total / elapsed:,.0f} commits/s, {elapsed:.2f} s in all, {errors} failed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--writes", type=int, default=250)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_passwords()
        bench_pages(folder, args.users, args.requests)
        bench_writers(folder, args.writers, args.writes)


if __name__ == "__main__":
    main()
