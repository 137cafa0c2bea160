"""Flat cost without the noise of load: each busy page, one request at a time, at several sizes of history.

Run:  .venv/bin/python benchmarks/flat.py --sizes 1000,40000,200000 [--data-dir DIR] [--repeat 200]

Uses the files benchmarks/generate.py made (DIR/fgc-SIZE.sqlite and its .json sidecar, as load.py does; the
files gain sessions and audit rows, as use would). For each size it builds the app on the file, signs in as the
sidecar's coordinator, manager and social worker through the test client, and times each of load.py's pages
``--repeat`` times, one after another, in this process, beside a bare Flask "hello" through the same test
client. It prints the median and 95th percentile of each page at each size in ms, as a multiple of bare Flask,
and the ratio of each page's median at the largest-but-one and largest sizes to its median at the smallest.

Under gunicorn and wrk (load.py) a 10-second p95 on this 2-core machine moves by a third from run to run; one
request at a time, the medians move by a few per cent, so growth with history shows (or does not) plainly.
Asserts nothing about speed.
"""

import argparse
import json
import sys
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from case_page_costs import bare_app, signed_in, timings  # noqa: E402
from load import PAGES  # noqa: E402

from fgc import create_app  # noqa: E402


def measure(path, repeat):
    info = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    app = create_app({"DATABASE": str(path), "SECRET_KEY": "flat benchmark", "TESTING": True,
                      "MIGRATE_ON_START": False})
    clients = {role: signed_in(app, info[role]["email"], info["password"])
               for role in ("coordinator", "manager", "social_worker")}
    bare = bare_app()
    results = {"bare Flask": timings(lambda: bare.get("/"), repeat)}
    for name, role, template in PAGES:
        url = template.format(case=info["case"]["id"], surname=urllib.parse.quote(info["surname"]))
        client = clients[role]
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code} at {path.name}")
        for _ in range(5):  # warm: first requests fill caches
            client.get(url)
        results[name] = timings(lambda: client.get(url), repeat)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,40000,200000")
    parser.add_argument("--data-dir", default=str(HERE.parent / "instance" / "bench"))
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    results = {}
    for size in sizes:
        path = Path(args.data_dir) / f"fgc-{size}.sqlite"
        if not path.exists():
            sys.exit(f"{path} is missing: make it with benchmarks/generate.py (or run load.py once)")
        results[size] = measure(path, args.repeat)
        print(f"measured {size:,} cases", file=sys.stderr, flush=True)
    small, rest = sizes[0], sizes[1:]
    print(f"\n### One request at a time: median (p95) ms, medians of {args.repeat} requests\n")
    print("| page | " + " | ".join(f"{size:,}" for size in sizes) + " | "
          + " | ".join(f"{size // 1000}k / {small // 1000}k" for size in rest) + " | × bare Flask at "
          + f"{sizes[-1]:,} |")
    print("|---|" + "---:|" * (len(sizes) + len(rest) + 1))
    for name in results[small]:
        cells = [f"{results[size][name][0]:.2f} ({results[size][name][1]:.2f})" for size in sizes]
        ratios = [f"{results[size][name][0] / results[small][name][0]:.2f}" for size in rest]
        times_bare = results[sizes[-1]][name][0] / results[sizes[-1]]["bare Flask"][0]
        print(f"| {name} | " + " | ".join(cells + ratios) + f" | {times_bare:.0f} |")


if __name__ == "__main__":
    main()
