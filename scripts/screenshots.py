"""Screenshots of the main pages, signed in as each role, on the demo data.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only NAME ...] [--full-page]

Builds a fresh demo database in a temporary folder, serves the app on 127.0.0.1,
signs in as each demo role in headless Chromium (Debian's ``chromium``, or
``FGC_CHROMIUM``) with the password and a code from the authenticator key seed-demo
printed, and saves a PNG of each page at 1280×800 (``-desktop``) and 390×844
(``-phone``). Nothing touches ``instance/``.
"""

import argparse
import os
import pathlib
import re
import shutil
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "screenshots-demo-password"
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]
COORDINATOR = "cerys.llywelyn@demo.example.org"
MANAGER = "morgan.ellis@demo.example.org"
SOCIAL_WORKER = "sam.okafor@demo.example.org"
ADMIN = "ada.pryce@demo.example.org"
RICHEST = "FGC-2026-0107"  # the demo case with a reviewed plan, a full network and every record


def pages(case_id, person_id):
    """(name, who signs in or None for a family link, path) for each screenshot."""
    case = f"/cases/{case_id}"
    return [
        ("coordinator-home", COORDINATOR, "/"),
        ("cases-list", MANAGER, "/cases/"),
        ("case-overview", COORDINATOR, case),
        ("case-referral", COORDINATOR, f"{case}/referral"),
        ("case-network", COORDINATOR, f"{case}/network#network-picture"),
        ("case-network-add", COORDINATOR, f"{case}/network/several"),
        ("case-preparation", COORDINATOR, f"{case}/preparation"),
        ("case-meetings", COORDINATOR, f"{case}/meetings"),
        ("case-plan", COORDINATOR, f"{case}/plan"),
        ("case-links", COORDINATOR, f"{case}/links"),
        ("case-messages", COORDINATOR, f"{case}/messages#messages-list"),
        ("case-timeline", COORDINATOR, f"{case}/timeline"),
        ("plans-list", SOCIAL_WORKER, "/plans"),
        ("manager-home", MANAGER, "/"),
        ("report-outcomes", MANAGER, "/reports/outcomes#figure-twelve_with_family"),
        ("report-served", MANAGER, "/reports/served#breakdown-ethnicity"),
        ("admin-users", ADMIN, "/admin/users"),
        ("admin-messages", ADMIN, "/admin/messages"),
        ("access-records", MANAGER, f"/access-records?subject=person:{person_id}"),
        ("family-plan", None, "family"),
    ]


def build_demo(folder):
    os.environ["FGC_DATABASE"] = str(folder / "fgc.sqlite")
    os.environ["FGC_DEMO_PASSWORD"] = PASSWORD
    from fgc import create_app

    app = create_app()
    runner = app.test_cli_runner()
    for args in (["init-db"], ["seed-demo"]):
        result = runner.invoke(args=args)
        if result.exit_code:
            sys.exit(f"flask {' '.join(args)} failed:\n{result.output}")
    family = next(line.split()[0] for line in result.output.splitlines() if line.strip().startswith("/f/"))
    keys = {found[1]: found[2].replace(" ", "") for found in
            re.finditer(r"^\s+\w+\s+(\S+@\S+)\s.*key: ([A-Z2-7 ]+)$", result.output, re.M)}
    from fgc import worker
    from fgc.db import connect

    worker.run_due(app)  # as the worker beside the server would: PDFs made, messages kept

    db = connect(app.config["DATABASE"])
    case_id = db.execute("SELECT id FROM cases WHERE reference = ?", [RICHEST]).fetchone()[0]
    person_id = db.execute("SELECT id FROM people WHERE case_id = ? ORDER BY id LIMIT 1", [case_id]).fetchone()[0]
    db.close()
    return app, case_id, person_id, family.strip(), keys


class Codes:
    """Codes from each demo account's authenticator key, each step used once, as the app accepts them."""

    def __init__(self, keys):
        import pyotp

        self.apps = {email: pyotp.TOTP(key) for email, key in keys.items()}
        self.used = {}

    def next(self, email):
        while True:
            step = int(time.time() // 30)
            candidate = max(step - 1, self.used.get(email, -1) + 1)
            if candidate <= step + 1:
                self.used[email] = candidate
                return self.apps[email].at(candidate * 30)
            time.sleep(30 - time.time() % 30 + 0.05)


def serve(app):
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", nargs="*", help="names of the pages to take (default: all)")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not just the first screen")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("FGC_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        sys.exit("Chromium was not found: run scripts/install-test-deps or set FGC_CHROMIUM.")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        app, case_id, person_id, family, keys = build_demo(pathlib.Path(folder))
        codes = Codes(keys)
        server, base = serve(app)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                for name, who, path in pages(case_id, person_id):
                    if args.only and name not in args.only:
                        continue
                    for size, (width, height) in SIZES.items():
                        context = browser.new_context(base_url=base, viewport={"width": width, "height": height},
                                                      locale="en-GB", timezone_id="Europe/London")
                        page = context.new_page()
                        if who:
                            page.goto("/sign-in")
                            page.get_by_label("Email address").fill(who)
                            page.get_by_label("Password", exact=True).fill(PASSWORD)
                            page.get_by_role("button", name="Sign in").click()
                            page.get_by_label("Code", exact=True).fill(codes.next(who))
                            page.get_by_role("button", name="Continue").click()
                            page.wait_for_load_state("load")
                        page.goto(family if path == "family" else path)
                        if "#" in path:  # show that part of the page (its heading at the top)
                            page.locator(f"#{path.split('#')[1]}").scroll_into_view_if_needed()
                            page.evaluate(f"document.getElementById('{path.split('#')[1]}').scrollIntoView()")
                        target = out / f"{name}-{size}.png"
                        page.screenshot(path=str(target), full_page=args.full_page)
                        print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}"
                              f"  {page.evaluate('document.documentElement.scrollHeight')} px tall")
                        context.close()
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
