"""Measure the plan PDFs: a realistic ten-page plan made by the background worker against bare WeasyPrint, pages
served while renders queue, a kept copy, and the worker's memory over many renders.

Run:  .venv/bin/python benchmarks/pdf.py [--runs 5] [--queued 8] [--renders 1000]

Builds the app on a throwaway SQLite file, seeds one case the size of a busy real one (two children,
12 people in the network, 5 professionals, 40 tasks, bottom lines, questions and the children's views),
then measures, as medians after a warm-up:

1. the HTML a download request builds (plan_document.assemble + case_file.html_for);
2. the app's render: one background job as the worker runs it (claim, fgc.render.pdf.render in its render
   process, keep the PDF, audit, finish), against bare WeasyPrint on the same HTML in this process (HTML(...)
   .write_pdf with the same fetcher and fonts, nothing of the app around it), alternating the two;
3. under gunicorn (2 sync workers) with ``flask --app fgc worker`` beside it: the time to the first byte of a
   download that is not ready (its "being prepared" page) and of the case page, idle and while ``--queued``
   renders wait in the queue;
4. an agreed version downloaded again (the kept copy);
5. one worker process's memory (with its render process) after every quarter of ``--renders`` renders of a
   short plan (its first three tasks).

Prints figures beside their targets; asserts nothing about speed.
"""

import argparse
import datetime
import http.client
import io
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdf

from fgc.domain import agreement, filing, jobs, passwords, plan_document
from fgc import create_app
from fgc.render import pdf, case_file
from fgc.data import baselines, child_views, network, now, professionals
from fgc.data import jobs as job_data
from fgc.data import cases as case_data
from fgc.data import meetings as meeting_data
from fgc.data import plans as plan_data
from fgc.data import users
from fgc.db import connect, write

sys.path.insert(0, str(Path(__file__).resolve().parent))
import staff  # noqa: E402

REFERENCE = "FGC-2026-0107"
PASSWORD = "benchmark heron quarry lantern"
ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

PEOPLE = [  # name, side, roles, relationship to the first child, to the second
    ("Sioned Pritchard", "maternal", ["pr_holder", "parent"], "Mam", "Mam"),
    ("Gareth Pritchard", "paternal", ["pr_holder", "parent"], "Dad", "Dad"),
    ("Eirlys Jones", "maternal", ["relative"], "Nain", "Nain"),
    ("Huw Jones", "maternal", ["relative"], "Taid", "Taid"),
    ("Catrin Jones", "maternal", ["relative", "support"], "Aunty", "Aunty"),
    ("Rhys Jones", "maternal", ["relative"], "Uncle", "Uncle"),
    ("Margaret Pritchard", "paternal", ["relative"], "Grandma", "Grandma"),
    ("Dai Pritchard", "paternal", ["relative"], "Uncle", "Uncle"),
    ("Amira Haddad", "neither", ["friend"], "Family friend", ""),
    ("Ffion Roberts", "neither", ["friend", "support"], "Neighbour", "Neighbour"),
    ("Bethan Rees", "neither", ["advocate"], "Advocate", ""),
    ("Steve Walters", "paternal", ["relative"], "Step-grandad", ""),
]
PROFESSIONALS = [  # name, agency, role, worried about, working well, needs to happen
    ("Sian Evans", "Children's services", "Social worker",
     "The children have heard shouting and seen fights between the adults at home, most often late in the evening. "
     "Twice the police were called by neighbours. Lowri has told her teacher she is scared to go home on Fridays.",
     "Sioned loves the children and they love her. Nain and Taid see them every week. The family came to every "
     "meeting and were honest about what has happened.",
     "The children need a calm home every evening and to know who to call if they feel frightened. The adults need "
     "help to sort out arguments without shouting or fighting."),
    ("Dr Pat Hughes", "Health visiting", "Health visitor",
     "Osian is not sleeping well and has lost a little weight since the summer.",
     "Osian's jabs are up to date and Sioned always brings him to the clinic.",
     "Osian needs a regular bedtime and a check at the clinic every month."),
    ("Mrs Lewis", "Ysgol Gynradd Llanfair", "Head teacher",
     "Osian has missed eleven days of school this term and is often late on Mondays.",
     "Lowri is doing well in reading and has good friends in her class.",
     "Both children need to be at school every day, on time."),
    ("PC Tom Davies", "Police", "Domestic abuse officer",
     "There have been two call-outs to the house in three months after neighbours heard fighting.",
     "Nobody has been arrested and Gareth has agreed to go on a course.", "No more call-outs to the house."),
    ("Nia Owen", "Family support team", "Family support worker",
     "Mornings are rushed and the children sometimes go to school without breakfast.",
     "Sioned has started using a routine chart and it is helping.",
     "Keep going with the routine chart and get breakfast into the mornings."),
]
DANGERS = [
    ("Lowri and Osian could be hurt, or frightened, if the fighting at home carries on.",
     "Lowri and Osian live in a home where the adults sort out disagreements calmly and nobody is hurt."),
    ("The children could fall behind at school and lose their friends if they keep missing days.",
     "Lowri and Osian are at school every day, on time, with their uniform and packed lunch."),
]
TASKS = [
    "Nain will collect Lowri and Osian from school every Monday, Wednesday and Friday and give them tea at her house",
    "Taid will drive the children to school on Tuesday and Thursday mornings so they are there before the bell",
    "Sioned will go to the Freedom Programme at the family centre every Thursday morning for twelve weeks",
    "Gareth will go to the Change That Lasts course and tell Sian Evans how he is getting on every fortnight",
    "Aunty Catrin will phone Sioned every evening at 7 o'clock to check everything is calm at home",
    "If there is an argument, Gareth will leave the house and go to his mam's house for the night",
    "Uncle Rhys will take Osian to football training on Saturday mornings and watch the match",
    "Grandma Margaret will have the children to stay one weekend a month so Sioned can rest",
    "Sioned will make sure the children are in bed by 8 o'clock on school nights",
    "Lowri will have a safety card with Nain's and Aunty Catrin's phone numbers in her school bag",
    "Mrs Lewis will tell Sioned the same day if either child is not in school by 9:15",
    "Ffion next door will knock if she hears shouting, and call the police if she is worried",
    "Nia Owen will visit every Tuesday afternoon to help Sioned with a morning routine chart",
    "Sioned and Gareth will not drink alcohol when they are looking after the children",
    "Dai will give Gareth a lift to his course and have a coffee with him afterwards",
    "Amira will meet Sioned for a walk every Sunday morning so she has someone to talk to",
    "Dr Pat Hughes will see Osian about his sleep and check his weight at the clinic",
    "The family will meet at Nain's house on the first Sunday of each month to see how the plan is going",
    "Sioned will keep a diary of school mornings and show it to Nia Owen each week",
    "Gareth will only see the children at Grandma Margaret's house until the review",
]
SUFFIXES = ["", "", " and write it on the calendar in the kitchen", "", " and tell Sian Evans if it cannot happen"]
WHEN = ["Every week", "Every school day", "By the end of January", "Before the review", "Starting next Monday",
        "Every weekend", "Every evening", "Within two weeks"]
STATUS = ["not_started", "in_progress", "done", "not_started"]


def seed(db):
    """One case at conference held with a full plan, not yet agreed. Returns (case id, coordinator row, referrer row)."""
    hashed = passwords.hash_password(PASSWORD)
    with write(db):
        worker = users.create(db, email="sian@example.org", name="Sian Evans", role="social_worker",
                              password_hash=hashed)
        coordinator = users.create(db, email="mererid@example.org", name="Mererid Thomas", role="coordinator",
                                   password_hash=hashed)
        case_id = case_data.create_draft(db, created_by=worker, reference=REFERENCE, urgent=False,
                                         urgency_reason="", referrer_name="Sian Evans")
        for name, born in (("Lowri Pritchard", "2016-04-12"), ("Osian Pritchard", "2019-09-30")):
            case_data.save_child(db, case_id, {"name": name, "date_of_birth": born, "gender": "", "ethnicity": "",
                                               "first_language": "Welsh", "needs": ""})
        children = [child["id"] for child in case_data.children(db, case_id)]
        case_data.add_pr_holder(db, case_id, name="Sioned Pritchard", relationship="Mother")
        today = datetime.date.today().isoformat()
        case_data.move(db, case_id, to_stage="referred", user_id=worker, referred_on=today)
        case_data.move(db, case_id, to_stage="allocated", user_id=worker, coordinator_id=coordinator,
                       allocated_on=today)
        case = case_data.get(db, case_id)
        case_data.update(db, case_id, case["version"], social_worker_id=worker)
        baselines.save(db, case_id, None, held_on=today, attendees="Sian Evans, Mererid Thomas",
                       objective="For the family to make a plan so Lowri and Osian can stay living at home safely, "
                                 "with the adults sorting out arguments without fighting.", recorded_by=coordinator)
        for kind, text in (
                ("bottom_line", "The children must not be at home when there is fighting between the adults."),
                ("bottom_line", "Gareth must not look after the children on his own until the review."),
                ("bottom_line", "The children must be in school every day unless they are ill."),
                ("question", "Who will the children go to if things become unsafe at home?"),
                ("question", "How will the family make sure the children get to school on time?"),
                ("question", "Who will support Sioned in the evenings?")):
            baselines.add_item(db, case_id, kind, text)
        people = []
        for name, side, roles, first, second in PEOPLE:
            relationships = {children[0]: first, children[1]: second}
            person = network.save(db, case_id, {"name": name, "side": side, "roles": roles,
                                                "phone": "07700 900000", "address": "1 Stryd Fawr"},
                                  relationships=relationships)
            network.set_invitation(db, case_id, person, "confirmed", today)
            people.append(person)
        team = []
        for name, agency, role, worried, working_well, needs in PROFESSIONALS:
            member = professionals.save(db, case_id, {"name": name, "agency": agency, "role": role, "attends": "all",
                                                      "worried": worried, "working_well": working_well,
                                                      "needs_to_happen": needs})
            team.append(member)
        dangers = [professionals.add_danger(db, team[0], danger, goal) for danger, goal in DANGERS]
        professionals.add_danger(db, team[3], DANGERS[0][0], DANGERS[0][1])
        for child_id, wishes in zip(children, (
                "I want to live with Mam and see Dad at Grandma's. I don't like it when they shout. I like going "
                "to Nain's after school because she makes pancakes. I want to keep going to Brownies.",
                "I want Dad to stop shouting. I like football with Uncle Rhys. I want my bedroom to stay the same."),
                strict=True):
            child_views.save(db, child_id, {"wishes": wishes, "gathered": "advocate", "gathered_note": "",
                                            "advocate_name": "Bethan Rees", "attending": "part", "scale": 6}, None)
        start = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        meeting_data.schedule(db, case_id, "conference", {
            "starts_at": start.isoformat(), "ends_at": (start + datetime.timedelta(hours=3)).isoformat(),
            "venue": "Canolfan Deulu", "address": "", "access_notes": "", "interpreter_language": "",
            "remote_details": ""}, user_id=coordinator, uid_domain="bench.invalid")
        meeting_id = meeting_data.current(db, case_id, "conference")["id"]
        meeting_data.mark_held(db, case_id, meeting_id, today)
        for person in people[:10]:
            network.record_attendance(db, person, meeting_id, "in_person", user_id=coordinator)
        case_data.move(db, case_id, to_stage="conference_held", user_id=coordinator)

        plan = plan_data.ensure(db, case_id, user_id=coordinator, review_on="2027-03-01")
        items = baselines.items(db, case_id)
        refs = [f"item:{item['id']}" for kind in ("bottom_line", "question") for item in items[kind]]
        refs += [f"danger:{danger}" for danger in dangers]
        for number in range(40):
            what = TASKS[number % len(TASKS)] + SUFFIXES[number % len(SUFFIXES)] + "."
            plan_data.save_task(db, case_id, plan["id"], {
                "what": what, "who_people": [people[number % len(people)]],
                "who_professionals": [team[number % len(team)]] if number % 4 == 0 else [], "who_other": "",
                "by_date": None, "by_when": WHEN[number % len(WHEN)], "checker": PEOPLE[(number + 3) % 8][0],
                "status": STATUS[number % len(STATUS)],
                "answers": [refs[number % len(refs)]] if number < 2 * len(refs) else []}, user_id=coordinator)
        plan = plan_data.get(db, case_id)
        plan_data.save_details(db, plan["id"], plan["version"], {
            "contingency": "If the plan is not working, or there is another fight at home, Sioned will take the "
                           "children to Nain's house straight away and phone Sian Evans the next morning. If Nain "
                           "cannot have them, Aunty Catrin will. The family will meet within a week to change the "
                           "plan.", "monitoring": "Sian Evans will visit every two weeks and speak to Lowri and "
                                                  "Osian on their own. Nain will keep the family diary.",
            "review_on": "2027-03-01"}, user_id=coordinator)
        for what, detail in (("Bus passes", "For Nain and Taid to collect the children"),
                             ("Childminder", "Two afternoons a week until the review"),
                             ("Counselling for Lowri", "Ten sessions at school")):
            plan_data.save_resource(db, plan["id"], {"what": what, "detail": detail, "sign_off_needed": False},
                                    user_id=coordinator)
    return case_id, users.get(db, coordinator), users.get(db, worker)


class Person:
    def __init__(self, row):
        self.id, self.name = row["id"], row["name"]


def timed(function):
    """(milliseconds, result) of one call."""
    start = time.perf_counter()
    result = function()
    return (time.perf_counter() - start) * 1000, result


_font_config = None


def bare_weasyprint(html):
    """WeasyPrint and nothing else: the same HTML, fetcher, fonts and PDF/UA variant, in this process."""
    global _font_config
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    if _font_config is None:
        _font_config = FontConfiguration()
    document = weasyprint.HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.bundled_fetcher())
    return document.write_pdf(pdf_variant=pdf.DEFAULT_VARIANT, font_config=_font_config)


def one_job(db, html, plan_id, user_id, case_id, n):
    """Queue and run one render job as the worker does; the PDF it kept."""
    key = f"benchmark-{n}-{time.monotonic_ns()}"
    jobs.enqueue(db, "pdf.kept", {"html": html, "kind": "draft", "plan_id": plan_id, "language": "", "number": 1},
                 key=key, case_id=case_id, user_id=user_id)
    job = jobs.run_next(db, "benchmark")
    assert job["state"] == "done", job
    return job_data.kept_pdf(db, key)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(args, env):
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def request(port, path, cookie=None, method="GET", body=None, headers=None):
    """(ms to the first byte, status, headers, body) of one request."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    sent = dict(headers or {})
    if cookie:
        sent["Cookie"] = cookie
    began = time.perf_counter()
    connection.request(method, path, body=body, headers=sent)
    response = connection.getresponse()
    first = (time.perf_counter() - began) * 1000
    data = response.read()
    connection.close()
    return first, response.status, response.headers, data


def sign_in(port, email, database):
    """The password, then the code from the app benchmarks/staff.py set up: the signed-in session's cookie."""
    _, _, headers, page = request(port, "/sign-in")
    cookie = headers["Set-Cookie"].split(";")[0]
    for url, body in (("/sign-in", f"email={email}&password={PASSWORD.replace(' ', '+')}"), ("/sign-in/code", None)):
        _, _, _, page = request(port, url, cookie)
        token = re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()
        body = f"csrf_token={token}&" + (body or f"code={staff.code(database, email)}")
        _, status, headers, _ = request(port, url, cookie, "POST", body,
                                        {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302, status
        cookie = headers["Set-Cookie"].split(";")[0]
        if headers["Location"] != "/sign-in/code":
            return cookie
    return cookie


def wait_for_port(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port}")


def rss_kb(pid):
    """Resident memory of a process and all its descendants, in kB."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    stack += [int(child) for child in children.read().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


def under_load(db, database, html, plan_id, user_id, case_id, queued):
    """TTFB of a download that is not ready and of the case page under gunicorn: idle (no worker running yet), then
    with ``queued`` more renders queued and the worker started."""
    port = free_port()
    env = dict(os.environ, FGC_DATABASE=database, FGC_SECRET_KEY="benchmark secret key")
    web = start([str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", "wsgi:app"], env)
    worker = None
    try:
        wait_for_port(port)
        staff.give_apps(database, "benchmark secret key", ["mererid@example.org"])
        cookie = sign_in(port, "mererid@example.org", database)
        pages = {"case page": f"/cases/{case_id}", "download not ready yet": f"/cases/{case_id}/plan/draft.pdf"}

        def sample(path):
            first, status, _, _ = request(port, path, cookie)
            assert status in (200, 202), (path, status)
            return first

        idle = {label: statistics.median(sample(path) for _ in range(20)) for label, path in pages.items()}
        for n in range(queued):
            jobs.enqueue(db, "pdf.kept", {"html": html, "kind": "draft", "plan_id": plan_id, "language": "",
                                          "number": 1}, key=f"burst-{n}", case_id=case_id, user_id=user_id)
        worker = start([str(BIN / "flask"), "--app", "fgc", "worker"], env)
        busy = {label: [] for label in pages}
        began = time.perf_counter()
        while job_data.counts(db).get("queued", 0) > 0 and time.perf_counter() - began < 600:
            for label, path in pages.items():
                busy[label].append(sample(path))
            time.sleep(0.1)
        while job_data.counts(db).get("running"):
            time.sleep(0.1)
        drained = time.perf_counter() - began
        errors = job_data.counts(db).get("failed", 0)
        return idle, {label: statistics.median(values) for label, values in busy.items()}, \
            {label: max(values) for label, values in busy.items()}, drained, errors
    finally:
        for process in (web, worker):
            if process:
                process.terminate()
        for process in (web, worker):
            if process:
                process.wait(timeout=150)


def memory(database, html, plan_id, user_id, case_id, renders, db):
    """One worker process (one thread) rendering ``renders`` jobs: its memory with its render process."""
    env = dict(os.environ, FGC_DATABASE=database, FGC_SECRET_KEY="benchmark secret key")
    worker = start([str(BIN / "flask"), "--app", "fgc", "worker", "--threads", "1"], env)
    points = []
    try:
        def done():
            return job_data.counts(db).get("done", 0)

        base = done()
        for n in range(renders):
            jobs.enqueue(db, "pdf.kept", {"html": html, "kind": "draft", "plan_id": plan_id, "language": "",
                                          "number": 1}, key=f"memory-{n}", case_id=case_id, user_id=user_id)
        while done() - base < 1:
            time.sleep(0.1)
        points.append((1, rss_kb(worker.pid)))
        for quarter in (1, 2, 3, 4):
            target = renders * quarter // 4
            while done() - base < target:
                time.sleep(0.5)
            points.append((target, rss_kb(worker.pid)))
    finally:
        worker.terminate()
        worker.wait(timeout=150)
    return points


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queued", type=int, default=8)
    parser.add_argument("--renders", type=int, default=1000)
    args = parser.parse_args()
    # Bare WeasyPrint sees the same fonts as the render process, which sets this for good as it starts.
    os.environ["FONTCONFIG_FILE"] = str(pdf.FONTCONFIG_FILE)
    print(f"Python {sys.version.split()[0]}, {args.runs} runs each after a warm-up, medians")
    with tempfile.TemporaryDirectory() as tmp:
        database = str(Path(tmp) / "pdf.sqlite")
        app = create_app({"DATABASE": database, "SECRET_KEY": "benchmark", "TESTING": True})
        db = connect(database)
        case_id, coordinator, referrer = seed(db)
        coordinator, referrer = Person(coordinator), Person(referrer)
        with app.app_context():
            def build_html():
                case, plan = case_data.get(db, case_id), plan_data.get(db, case_id)
                document = plan_document.assemble(db, case, plan)
                return case_file.html_for(document, agreed=False, generated_by=coordinator.name,
                                          generated_at=now(), sha256=None)

            plan_id = plan_data.get(db, case_id)["id"]
            pdf.warm_up()
            html = build_html()
            one_job(db, html, plan_id, coordinator.id, case_id, -1)  # warm-up: the render process is ready
            bare_weasyprint(html)  # warm-up: WeasyPrint imported and fonts loaded here too
            html_samples = [timed(build_html)[0] for _ in range(args.runs)]
            app_samples, bare_samples = [], []
            for n in range(args.runs):  # alternated, so both see the same load on a shared machine
                sample, rendered = timed(lambda n=n: one_job(db, html, plan_id, coordinator.id, case_id, n))
                app_samples.append(sample)
                sample, bare = timed(lambda: bare_weasyprint(html))
                bare_samples.append(sample)
            html_ms = statistics.median(html_samples)
            app_ms, bare_ms = statistics.median(app_samples), statistics.median(bare_samples)
            pages = len(pypdf.PdfReader(io.BytesIO(rendered)).pages)
            bare_pages = len(pypdf.PdfReader(io.BytesIO(bare)).pages)

            idle, busy, worst, drained, errors = under_load(db, database, html, plan_id, coordinator.id, case_id,
                                                            args.queued)

            with write(db):
                plan = plan_data.get(db, case_id)
                agreement.mark_ready(db, case_data.get(db, case_id), plan, plan["revision"], user_id=coordinator.id)
                plan = plan_data.get(db, case_id)
                agreement.decide(db, case_data.get(db, case_id), plan, plan["revision"], outcome="agreed", text="",
                                 user=referrer)
            case, plan = case_data.get(db, case_id), plan_data.get(db, case_id)
            jobs.run_next(db, "benchmark")  # the agreed version, queued when it was agreed

            def download():
                return filing.version_download(db, case, plan, plan_data.version(db, plan["id"], 1), referrer)

            first = download().pdf
            cached_samples = []
            for _ in range(max(50, args.runs)):
                sample, cached = timed(download)
                cached_samples.append(sample)
                assert cached.pdf == first
            cached_ms = statistics.median(cached_samples)
            # The memory run renders a short plan (its first three tasks, two pages), so 1,000 renders take minutes.
            case, plan = case_data.get(db, case_id), plan_data.get(db, case_id)
            short = plan_document.assemble(db, case, plan)
            short["tasks"] = short["tasks"][:3]
            short_html = case_file.html_for(short, agreed=False, generated_by=coordinator.name, generated_at=now(),
                                            sha256=None)
            points = memory(database, short_html, plan_id, coordinator.id, case_id, args.renders, db) \
                if args.renders else []
        db.close()

    rows = [
        ("request: assemble + html_for (the HTML to print)", f"{html_ms:9.1f} ms", ""),
        ("app render: one background job (claim, render, keep, audit)", f"{app_ms:9.1f} ms", ""),
        ("bare WeasyPrint, same HTML, in process", f"{bare_ms:9.1f} ms", ""),
        ("ratio app render / bare", f"{app_ms / bare_ms:9.2f}", "aim <= 1.2"),
        ("pages", f"{pages:9d}", f"aim 9-11 (bare: {bare_pages})"),
        ("PDF size", f"{len(rendered) / 1024:7.0f} KB", ""),
    ]
    for label in idle:
        rows.append((f"TTFB {label}, idle", f"{idle[label]:9.1f} ms", "gunicorn, 2 sync workers"))
        rows.append((f"TTFB {label}, {args.queued} renders queued", f"{busy[label]:9.1f} ms",
                     f"median; worst {worst[label]:.0f} ms"))
    rows += [
        (f"time to work through the {args.queued + 1} queued renders", f"{drained:9.1f} s", f"{errors} failed"),
        ("agreed version, later download (kept copy)", f"{cached_ms:9.2f} ms", ""),
    ]
    rows += [(f"worker memory after {count} render(s)", f"{kb / 1024:7.0f} MB",
              "worker + its render process; a short plan") for count, kb in points]
    width = max(len(label) for label, _, _ in rows)
    for label, value, note in rows:
        print(f"{label:<{width}}  {value}  {note}".rstrip())


if __name__ == "__main__":
    main()
