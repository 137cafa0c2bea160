"""Where the time of one case page goes: each part of a request measured on its own, on a generated history.

Run:  .venv/bin/python benchmarks/case_page_costs.py DATABASE.sqlite [--repeat 200]

DATABASE.sqlite comes from benchmarks/generate.py; its .json sidecar names the case and a coordinator. The
file gains a few hundred audit rows and one session. Each part is timed on its own, in this process, as a median
of ``--repeat`` runs, beside a bare Flask "hello" request through the same test client (the floor):

- opening a connection with the app's pragmas and write guard, and closing the last connection to the file
  (SQLite checkpoints the WAL then);
- the session lookup every signed-in request makes (sessions joined to users by the token's hash);
- reading the case with the viewer's visibility check;
- the audit row every read of a case writes, committed with synchronous=FULL as the app does (and, to show what
  the sync itself costs, with NORMAL);
- the overview's reads, and the case header's;
- rendering the overview's template (header and sub-navigation included) from those reads;
- the whole page through Flask's test client, and the number of SQL statements it runs.

Prints milliseconds; asserts nothing.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from flask import Flask, g, render_template
from flask_login import login_user

from fgc import access, create_app, service
from fgc.data import audit as audit_data
from fgc.data import cases as case_data
from fgc.data import sessions as session_data
from fgc.data import users as user_data
from fgc.db import connect, get_db, write
from fgc.domain import case_header
from fgc.views.auth import User
from fgc.views.cases import overview_context

sys.path.insert(0, str(Path(__file__).resolve().parent))
import staff  # noqa: E402


def timings(function, repeat):
    """(median, 95th percentile) in milliseconds of ``repeat`` calls of ``function``."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def median_ms(function, repeat):
    return timings(function, repeat)[0]


def bare_app():
    app = Flask("bare")

    @app.route("/")
    def hello():
        return "Hello"

    return app.test_client()


def signed_in(app, email, password):
    return staff.sign_in_client(app, email, password)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    sidecar = json.loads(Path(args.database).with_suffix(".json").read_text())
    path, repeat = str(Path(args.database).resolve()), args.repeat
    app = create_app({"DATABASE": path, "SECRET_KEY": "benchmark", "TESTING": True, "MIGRATE_ON_START": False})
    db = connect(path)
    case_id = sidecar["case"]["id"]
    coordinator = user_data.get_by_email(db, sidecar["coordinator"]["email"])
    manager = user_data.get_by_email(db, sidecar["manager"]["email"])
    rows = []

    bare = bare_app()
    rows.append(("bare Flask: GET / through the test client", median_ms(lambda: bare.get("/"), repeat)))

    other = connect(path)  # so that closing the connection below is not the last one
    rows.append(("open a connection (pragmas, write guard)", median_ms(lambda: connect(path).close(), repeat)))
    other.close()

    def open_close_last():
        connect(path).close()

    db.close()
    rows.append(("open and close the last connection (WAL checkpoint)", median_ms(open_close_last, repeat)))
    db = connect(path)

    with write(db):
        token = session_data.start(db, manager["id"], ip="127.0.0.1", user_agent="benchmark", second_factor=True)
    rows.append(("session lookup (sessions join users)", median_ms(lambda: session_data.find(db, token), repeat)))
    viewer = {"id": manager["id"], "role": "manager"}
    rows.append(("read the case with its visibility check",
                 median_ms(lambda: case_data.get_visible(db, case_id, viewer), repeat)))

    def audit_row():
        with write(db):
            audit_data.add(db, user_id=manager["id"], actor=manager["email"], action="case.viewed",
                           record_type="case", record_id=case_id, ip="127.0.0.1",
                           detail={"page": "cases.view", "method": "GET"})

    rows.append(("audit row of the read, synchronous=FULL (as the app)", median_ms(audit_row, repeat)))
    db.conn.execute("PRAGMA synchronous = NORMAL")
    rows.append(("  the same with synchronous=NORMAL (for comparison)", median_ms(audit_row, repeat)))
    db.conn.execute("PRAGMA synchronous = FULL")

    with app.test_request_context(f"/cases/{case_id}"):
        login_user(User({**coordinator, "session_id": 0}, "benchmark"))
        case = case_data.get(get_db(), case_id)
        g.case = case
        rows.append(("the overview's reads (overview_context)", median_ms(lambda: overview_context(case), repeat)))
        rows.append(("the case header's reads", median_ms(
            lambda: case_header.header(get_db(), case, service.deadlines()), repeat)))
        context = overview_context(case)
        render = median_ms(lambda: render_template("cases/case.html", **context, can=access.can), repeat)
        rows.append(("render the overview template (with the header's reads)", render))

    client = signed_in(app, sidecar["coordinator"]["email"], sidecar["password"])
    url = f"/cases/{case_id}"
    assert client.get(url).status_code == 200
    rows.append(("the whole case page through the test client", median_ms(lambda: client.get(url), repeat)))
    statements = []
    with app.app_context():
        connection = get_db().conn
    connection.set_trace_callback(statements.append)
    client.get(url)
    connection.set_trace_callback(None)

    print(f"{Path(path).name}: {sidecar['cases']} cases; case {case_id}; medians of {repeat} runs")
    width = max(len(label) for label, _ in rows)
    for label, ms in rows:
        print(f"{label:<{width}}  {ms:8.3f} ms")
    print(f"{'SQL statements the case page runs':<{width}}  {len(statements):8d}")


if __name__ == "__main__":
    main()
