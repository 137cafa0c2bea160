"""Load benchmark: fgc's busiest pages under gunicorn, at several sizes of history, against a bare Flask floor.

Run:  .venv/bin/python benchmarks/load.py --sizes 1000,20000,40000,200000 [--duration 10] [--data-dir DIR]

For each size, the data file DIR/fgc-SIZE.sqlite is made with benchmarks/generate.py unless it is already there
(so big files are made once and reused; each run adds its own sessions and audit events, as real use would).
Then, on loopback, with the same gunicorn settings (2 sync workers):

- benchmarks/bare_app.py, a Flask app that answers "hello": the floor;
- fgc itself (``wsgi:app`` of --app-dir, this checkout unless told otherwise) on that file, configured as in
  production through the environment (FGC_DATABASE, FGC_SECRET_KEY);

signs in over HTTP as the generated coordinator, manager and social worker (GET /sign-in, the form's CSRF
token, POST), checks each page answers 200 and is not the sign-in page, and drives each page with wrk for
--duration seconds over --connections connections (benchmarks/wrk_report.lua sends the cookie and reports
exact percentiles and any answer that is not 2xx). With --rounds N (default 3) the sizes are measured in turn
N times over, and each figure printed is the median of its N rounds: a p95 from one 10-second run moves by a
third from run to run on a 2-core machine, more than the differences between sizes. Prints a table per size
(req/s, as % of bare Flask, p50, p95), a summary of p95 across sizes, and every round's p95 beside it. Asserts
nothing about speed. Needs wrk (scripts/install-bench-deps).
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LUA = HERE / "wrk_report.lua"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
import staff  # noqa: E402

# (name, role, path): the pages people open most, and the lists that grow with the service's history.
PAGES = [
    ("case page", "coordinator", "/cases/{case}"),
    ("network page", "coordinator", "/cases/{case}/network"),
    ("plan page", "coordinator", "/cases/{case}/plan"),
    ("manager home", "manager", "/"),
    ("coordinator home", "coordinator", "/"),
    ("cases list (manager)", "manager", "/cases/"),
    ("social worker's plans", "social_worker", "/plans"),
    ("search a surname (manager)", "manager", "/cases/search?q={surname}"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port, method, path, *, cookie=None, body=None, timeout=120):
    """One HTTP request: (status, headers, text). Redirects are not followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    text = response.read().decode("utf-8", "replace")
    result = response.status, response.headers, text
    conn.close()
    return result


def cookies_from(headers, jar):
    for value in headers.get_all("Set-Cookie") or []:
        name, _, rest = value.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def sign_in(port, email, password, database):
    """Sign in as a browser would, the password and then (if the app asks) the code from the authenticator app
    benchmarks/staff.py set up; returns the Cookie header of the signed-in session."""
    jar = {}
    cookie = None
    for url, fields in (("/sign-in", {"email": email, "password": password}), ("/sign-in/code", None)):
        status, headers, page = request(port, "GET", url, cookie=cookie)
        cookie = cookies_from(headers, jar) or cookie
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        if status != 200 or not token:
            raise RuntimeError(f"GET {url} answered {status} without a CSRF token")
        fields = fields or {"code": staff.code(database, email)}
        body = urllib.parse.urlencode({"csrf_token": token.group(1), **fields})
        status, headers, _ = request(port, "POST", url, cookie=cookie, body=body)
        cookie = cookies_from(headers, jar)
        location = headers.get("Location", "")
        if status not in (302, 303) or (location.startswith("/sign-in") and location != "/sign-in/code"):
            raise RuntimeError(f"signing in as {email} answered {status} (to {location})")
        if location != "/sign-in/code":
            return cookie
    return cookie


class Server:
    """gunicorn serving one app on loopback, with the settings every app in a run gets: ``workers`` sync
    workers and gunicorn's defaults otherwise (so a request over 30 s is cut off, as in production)."""

    def __init__(self, app, chdir, env, workers):
        self.port = free_port()
        self.log = open(os.devnull, "w")  # noqa: SIM115 (kept open for the server's life)
        command = [sys.executable, "-m", "gunicorn", "--chdir", str(chdir), "--workers", str(workers),
                   "--worker-class", "sync", "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", app]
        # Started in ``chdir`` too: ``python -m`` puts the working directory first on sys.path, before PYTHONPATH,
        # so this is what makes the served ``fgc`` the one in ``chdir``.
        self.process = subprocess.Popen(command, env=env, cwd=chdir, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn for {app} stopped at start (exit {self.process.returncode})")
            try:
                status, _, _ = request(self.port, "GET", "/healthz" if app == "wsgi:app" else "/", timeout=5)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn for {app} did not answer within a minute")

    def stop(self):
        """Stop at once: requests still queued from a run (wrk has gone) must not run into the next one."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def wrk(port, path, cookie, *, duration, connections, threads):
    """Drive one URL; returns wrk_report.lua's numbers."""
    env = dict(os.environ, WRK_COOKIE=cookie or "")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "120s", "-s", str(LUA),
               f"http://127.0.0.1:{port}{path}"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    line = next((line for line in result.stdout.splitlines() if line.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no report:\n{result.stdout}\n{result.stderr}")
    numbers = json.loads(line[len("WRKJSON "):])
    numbers["rps"] = numbers["requests"] / (numbers["duration_us"] / 1e6)
    return numbers


def warm(port, path, cookie, count):
    """``count`` requests at once, one a worker, each waited for: (statuses, seconds each)."""
    from concurrent.futures import ThreadPoolExecutor

    def one(_):
        started = time.perf_counter()
        try:
            status = request(port, "GET", path, cookie=cookie, timeout=90)[0]
        except OSError as error:  # cut off by gunicorn's timeout, or none at all
            status = type(error).__name__
        return status, time.perf_counter() - started

    with ThreadPoolExecutor(count) as pool:
        answers = list(pool.map(one, range(count)))
    return [status for status, _ in answers], [seconds for _, seconds in answers]


def migrations_in(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY name")]
    finally:
        conn.close()


def ensure_data(size, data_dir, app_dir, seed):
    """The data file for ``size``, made with generate.py unless it exists; (path, sidecar, seconds or None)."""
    path = Path(data_dir) / f"fgc-{size}.sqlite"
    sidecar = path.with_suffix(".json")
    if path.exists() and sidecar.exists():
        return path, json.loads(sidecar.read_text(encoding="utf-8")), None
    print(f"\nGenerating {size:,} cases into {path} …", flush=True)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--cases", str(size), "--out", str(path),
                    "--seed", str(seed), "--app-dir", str(app_dir), "--force"], env=env, check=True)
    seconds = time.perf_counter() - started
    return path, json.loads(sidecar.read_text(encoding="utf-8")), seconds


def measure(size, path, info, args):
    """Every page at one size: {"bare Flask": numbers, page name: numbers}.

    Each page gets a fresh server: it is checked (200, not the sign-in page) and warmed with one request a
    worker, then driven by wrk; stopping the server afterwards drops anything a slow page left queued.
    """
    env = dict(os.environ, FGC_DATABASE=str(path), FGC_SECRET_KEY=secrets.token_urlsafe(32),
               PYTHONPATH=str(args.app_dir), PYTHONDONTWRITEBYTECODE="1")
    env.pop("FGC_HTTPS", None)
    results = {}
    settings = {"duration": args.duration, "connections": args.connections, "threads": args.threads}
    idle = quiet(args.busy_limit, args.wait_quiet)
    bare = Server("bare_app:app", HERE, dict(os.environ, PYTHONDONTWRITEBYTECODE="1"), args.workers)
    try:
        wrk(bare.port, "/", None, duration=min(2, args.duration), connections=args.connections, threads=args.threads)
        results["bare Flask"] = wrk(bare.port, "/", None, **settings)
        results["bare Flask"].update(first_s=[], load=f"{idle}%")
    finally:
        bare.stop()
    print(f"  {size:>7,}  {'bare Flask':<28} {results['bare Flask']['rps']:8.1f} req/s  "
          f"p95 {results['bare Flask']['p95_us'] / 1000:9.1f} ms  (CPUs {idle}% busy before)", flush=True)
    before = migrations_in(path)
    staff.give_apps(path, env["FGC_SECRET_KEY"], [info[role]["email"] for role in ("coordinator", "manager",
                                                                                   "social_worker")])
    app = Server("wsgi:app", args.app_dir, env, args.workers)
    try:
        cookies = {role: sign_in(app.port, info[role]["email"], info["password"], path)
                   for role in ("coordinator", "manager", "social_worker")}
    finally:
        app.stop()
    if migrations_in(path) != before:
        sys.exit(f"serving {args.app_dir} migrated {path}: the file was made with other code. Make it with "
                 f"generate.py --app-dir {args.app_dir} (or give this checkout its own --data-dir)")
    for name, role, template in args.pages:
        url = template.format(case=info["case"]["id"], surname=urllib.parse.quote(info["surname"]))
        idle = quiet(args.busy_limit, args.wait_quiet)
        app = Server("wsgi:app", args.app_dir, env, args.workers)
        try:
            results[name] = numbers = measure_page(app.port, url, cookies[role], args, settings)
        except (OSError, RuntimeError) as error:  # no answer at all, or the wrong one: reported, not timed
            results[name] = numbers = dict(FAILED, problem=f"not timed: {type(error).__name__}: {error}")
        finally:
            app.stop()
        numbers.update(url=url, role=role, load=f"{idle}%")
        note = f"  {numbers['problem']}" if numbers.get("problem") else ""
        if numbers["non2xx"] or numbers["socket_errors"]:
            note += f"  {numbers['non2xx']} answers not 2xx, {numbers['socket_errors']} socket errors!"
        print(f"  {size:>7,}  {name:<28} {numbers['rps']:8.1f} req/s  p95 {numbers['p95_us'] / 1000:9.1f} ms  "
              f"(first requests {' '.join(f'{s:.2f}' for s in numbers['first_s'])} s; CPUs {numbers['load']} busy "
              f"before){note}", flush=True)
    return results


FAILED = {"requests": 0, "rps": 0.0, "p50_us": 0, "p95_us": 0, "p99_us": 0, "max_us": 0, "non2xx": 0,
          "socket_errors": 0, "first_s": [], "load": "?"}


def measure_page(port, url, cookie, args, settings):
    """One page: checked and warmed one request a worker at a time, then under load."""
    status, headers, text = request(port, "GET", url, cookie=cookie, timeout=90)
    if status != 200 or 'action="/sign-in' in text:
        raise RuntimeError(f"GET {url} answered {status} {headers.get('Location', '')} before timing")
    statuses, seconds = warm(port, url, cookie, args.workers)
    numbers = wrk(port, url, cookie, **settings)
    numbers["first_s"] = seconds
    if any(status != 200 for status in statuses):
        numbers["problem"] = f"warming it answered {statuses}"
    elif numbers["requests"] < 2 * args.connections:
        numbers["problem"] = f"only {numbers['requests']} answers in {args.duration} s"
    return numbers


def busy(seconds=1.0):
    """How busy the CPUs are (%) over ``seconds``, from /proc/stat; None where there is no /proc."""
    def sample():
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(fields), fields[3] + fields[4]  # all, idle + iowait

    try:
        total, idle = sample()
        time.sleep(seconds)
        total2, idle2 = sample()
    except OSError:
        return None
    return round(100 * (1 - (idle2 - idle) / max(1, total2 - total)))


def quiet(limit, wait):
    """Wait up to ``wait`` seconds for the machine to be under ``limit`` % busy with nothing of ours running;
    returns how busy it was when the page started (printed with each result)."""
    deadline = time.monotonic() + wait
    while True:
        percent = busy()
        if percent is None or percent < limit or time.monotonic() > deadline:
            return percent


def medians(results):
    """One size's rounds folded into one result a page: the median of each figure over the rounds (counts of
    failed answers are summed, so a failure in any round shows)."""
    import statistics
    folded = {}
    for name in results[0]:
        runs = [result[name] for result in results if name in result]
        numbers = dict(runs[-1])
        for key in ("rps", "p50_us", "p95_us", "p99_us", "max_us"):
            numbers[key] = statistics.median(run[key] for run in runs)
        for key in ("requests", "non2xx", "socket_errors"):
            numbers[key] = sum(run[key] for run in runs)
        numbers["load"] = "/".join(str(run.get("load", "?")).rstrip("%") for run in runs) + "%"
        problems = [run["problem"] for run in runs if run.get("problem")]
        if problems:
            numbers["problem"] = "; ".join(problems)
        folded[name] = numbers
    return folded


def rounds_table(rounds, label):
    sizes = sorted(rounds)
    names = list(rounds[sizes[0]][0])
    lines = [f"\n### p95 ms in each round{label}\n",
             "| page | " + " | ".join(f"{size:,}" for size in sizes) + " |",
             "|---|" + "---:|" * len(sizes)]
    for name in names:
        cells = [" / ".join(ms(result[name]["p95_us"]) for result in rounds[size] if name in result)
                 for size in sizes]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ms(microseconds):
    return f"{microseconds / 1000:.1f}" if microseconds else "—"


def size_table(size, results, label):
    bare = results["bare Flask"]["rps"]
    lines = [f"\n### {size:,} cases{label}\n",
             "| page | req/s | % of bare Flask | p50 ms | p95 ms | not 2xx | CPUs busy before |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, numbers in results.items():
        share = "100" if name == "bare Flask" else f"{100 * numbers['rps'] / bare:.1f}"
        errors = numbers["non2xx"] + numbers["socket_errors"]
        lines.append(f"| {name} | {numbers['rps']:.1f} | {share} | {ms(numbers['p50_us'])} | {ms(numbers['p95_us'])} "
                     f"| {errors} | {numbers.get('load', '?')} |")
    notes = [f"- {name}: {numbers['problem']}; single requests took "
             f"{', '.join(f'{s:.1f}' for s in numbers['first_s']) or '—'} s"
             for name, numbers in results.items() if numbers.get("problem")]
    return "\n".join(lines + ([""] + notes if notes else []))


def summary_table(all_results, label):
    sizes = sorted(all_results)
    small, large = sizes[0], (40000 if 40000 in all_results else sizes[-1])
    ratio = f"p95 at {large // 1000}k / p95 at {small // 1000}k" if large != small else None
    header = "| page | " + " | ".join(f"p95 ms at {size:,}" for size in sizes) + (f" | {ratio} |" if ratio else " |")
    lines = [f"\n### p95 by size{label}\n", header, "|---|" + "---:|" * (len(sizes) + bool(ratio))]
    for name in all_results[small]:
        cells = [ms(all_results[size][name]["p95_us"]) if name in all_results[size] else "" for size in sizes]
        row = f"| {name} | " + " | ".join(cells)
        if ratio:
            low, high = all_results[small][name]["p95_us"], all_results[large].get(name, {}).get("p95_us")
            row += f" | {high / low:.2f}" if low and high else " | —"
        lines.append(row + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,20000,40000,200000", help="cases in each data file, comma-separated")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page (default 10)")
    parser.add_argument("--data-dir", default=str(ROOT / "instance" / "bench"),
                        help="where the data files are kept and reused (default instance/bench)")
    parser.add_argument("--app-dir", default=str(ROOT), help="the checkout to serve (default: this one)")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers, for fgc and bare Flask")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of untimed load before each page")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3,
                        help="measure every size this many times, in turn, and print medians (default 3)")
    parser.add_argument("--label", default="", help="a name for this run in the table headings (e.g. a commit)")
    parser.add_argument("--busy-limit", type=int, default=20,
                        help="before each page, wait for the CPUs to be less busy than this %% (default 20)")
    parser.add_argument("--wait-quiet", type=int, default=60,
                        help="…but for no more than this many seconds (default 60)")
    parser.add_argument("--pages", default="", help="only the pages whose names contain one of these words "
                                                     "(comma-separated; default: every page)")
    args = parser.parse_args()
    words = [word.strip().lower() for word in args.pages.split(",") if word.strip()]
    args.pages = [page for page in PAGES if not words or any(word in page[0].lower() for word in words)]
    if shutil.which("wrk") is None:
        sys.exit("load.py needs wrk: run scripts/install-bench-deps (or: apt-get install wrk)")
    args.app_dir = Path(args.app_dir).resolve()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    Path(args.data_dir).mkdir(parents=True, exist_ok=True)
    label = f" ({args.label})" if args.label else ""
    commit = subprocess.run(["git", "-C", str(args.app_dir), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    print(f"fgc at {args.app_dir} ({commit or 'not a git checkout'}); gunicorn {args.workers} sync workers; "
          f"wrk {args.threads} thread(s), {args.connections} connections, {args.duration} s a page; "
          f"{os.cpu_count()} CPUs")
    generated, data, rounds = {}, {}, {size: [] for size in sizes}
    for size in sizes:
        path, info, seconds = ensure_data(size, args.data_dir, args.app_dir, args.seed)
        if seconds is not None:
            generated[size] = seconds
        data[size] = path, info
    for number in range(1, args.rounds + 1):
        print(f"\nRound {number} of {args.rounds}", flush=True)
        for size in sizes:
            rounds[size].append(measure(size, *data[size], args))
    all_results = {size: medians(rounds[size]) for size in sizes}
    print()
    for size in sizes:
        print(size_table(size, all_results[size], label))
    print(summary_table(all_results, label))
    if args.rounds > 1:
        print(rounds_table(rounds, label))
    if generated:
        print("\nGenerated this run: " + ", ".join(f"{size:,} cases in {seconds:.0f} s"
                                                    for size, seconds in generated.items()))
    failures = [(size, name) for size, results in all_results.items() for name, numbers in results.items()
                if numbers["non2xx"] or numbers["socket_errors"] or not numbers["requests"]]
    if failures:
        print("\nPages that failed (answers not 2xx, or none in the run): " +
              ", ".join(f"{name} at {size:,}" for size, name in failures))
        sys.exit(1)

if __name__ == "__main__":
    main()
