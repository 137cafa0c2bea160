"""Response headers and HTTPS settings."""

import re

import pytest

from conftest import PASSWORD


@pytest.mark.parametrize("url", ["/sign-in", "/healthz", "/static/css/fgc.min.css", "/no-such-page"])
def test_every_response_has_security_headers(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers


def test_inline_script_carries_the_pages_nonce(client):
    response = client.get("/sign-in")
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.get_data(as_text=True)
    assert nonce != client.get("/sign-in").headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]


def test_signed_in_pages_are_never_cached(client, sign_in):
    sign_in("coordinator")
    client.page("/")
    headers = client.get("/").headers
    assert headers["Cache-Control"] == "no-store"
    assert "Cookie" in headers["Vary"]


def test_https_mode_sets_secure_cookies_and_hsts(tmp_path, monkeypatch):
    monkeypatch.setenv("FGC_HTTPS", "1")
    monkeypatch.setenv("FGC_DATABASE", str(tmp_path / "https.sqlite"))
    monkeypatch.setenv("FGC_SECRET_KEY", "a test key for https mode")
    from fgc import create_app
    app = create_app()
    client = app.test_client()
    response = client.get("/sign-in", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Set-Cookie"].startswith("__Host-fgc_session=") and "Domain" not in \
        response.headers["Set-Cookie"] and "Path=/" in response.headers["Set-Cookie"]
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_over_https_every_form_works_with_what_the_referrer_policy_lets_a_browser_send(tmp_path):
    """Flask-WTF checks the Referer of every POST over HTTPS. With "no-referrer" browsers send none, and every form
    (signing in first) would answer "this page has expired"; "same-origin" sends it to this site alone."""
    from conftest import app_code, staffed_app

    app, db = staffed_app(tmp_path, HTTPS=True, WTF_CSRF_SSL_STRICT=True)
    db.close()
    client = app.test_client()

    def post(url, data):
        page = client.get(url, base_url="https://localhost")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))[1]
        policy = page.headers["Referrer-Policy"]
        headers = {} if policy == "no-referrer" else {"Referer": f"https://localhost{url}"}
        return client.post(url, base_url="https://localhost", headers=headers, data={"csrf_token": token, **data})

    response = post("/sign-in", {"email": "coordinator@example.org", "password": PASSWORD})
    assert (response.status_code, response.location) == (302, "/sign-in/code")
    response = post("/sign-in/code", {"code": app_code(app, "coordinator@example.org")})
    assert (response.status_code, response.location) == (302, "/")
    assert "__Host-fgc_browser=" in " ".join(response.headers.getlist("Set-Cookie"))


def test_static_files_are_served(client):
    response = client.get("/static/css/fgc.min.css")
    assert response.status_code == 200
    assert ".govuk-header" in response.get_data(as_text=True) or ".govuk-generic-header" in response.get_data(as_text=True)


def test_bandit_finds_nothing_in_fgc_that_is_not_fixed_or_justified(tmp_path):
    """`make test` runs scripts/bandit before the suite; this keeps the same check inside it, and shows the check
    can fail: the same bandit finds SQL built from input in a planted file."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    bandit = str(Path(sys.executable).parent / "bandit")
    clean = subprocess.run([bandit, "--quiet", "--recursive", "fgc"], cwd=root, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout
    planted = tmp_path / "planted.py"
    planted.write_text('def find(db, name):\n    return db.execute(f"SELECT * FROM people WHERE name = \'{name}\'")\n')
    dirty = subprocess.run([bandit, "--quiet", str(planted)], capture_output=True, text=True)
    assert dirty.returncode != 0 and "B608" in dirty.stdout


@pytest.mark.parametrize("name", ["name = 'x' --", "name, (SELECT password_hash FROM users)", "Name", "", 7])
def test_a_column_name_that_is_not_a_plain_identifier_never_reaches_sql(name):
    from fgc.data import identifiers

    with pytest.raises(ValueError):
        identifiers(["case_id", name])
    assert identifiers(["case_id", "first_language"]) == ["case_id", "first_language"]
