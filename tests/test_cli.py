"""Command-line tools."""

import re

import pyotp

from fgc.data import second_factor as factor_data
from fgc.data import users as user_data

from conftest import PASSWORD



def test_create_user_from_environment(runner, db, client, monkeypatch):
    monkeypatch.setenv("FGC_NEW_PASSWORD", "tangerine glacier posture hymn")
    result = runner.invoke(args=["create-user", "gwen@example.org", "--name", "Gwen Morgan", "--role", "manager"])
    assert result.exit_code == 0, result.output
    assert "Created manager Gwen Morgan <gwen@example.org>" in result.output
    user = user_data.get_by_email(db, "gwen@example.org")
    assert user["role"] == "manager" and user["password_hash"].startswith("$argon2id$")
    assert client.submit("/sign-in", {"email": "gwen@example.org",
                                      "password": "tangerine glacier posture hymn"}).status_code == 302


def test_create_user_reads_a_hidden_prompt(runner, db, monkeypatch):
    monkeypatch.delenv("FGC_NEW_PASSWORD", raising=False)
    result = runner.invoke(args=["create-user", "huw@example.org", "--name", "Huw Jones", "--role", "coordinator"],
                           input="walnut ember sparrow canal\nwalnut ember sparrow canal\n")
    assert result.exit_code == 0, result.output
    assert "walnut ember" not in result.output, "the password is not echoed"
    assert user_data.get_by_email(db, "huw@example.org")["role"] == "coordinator"


def test_create_user_refuses_weak_passwords_and_bad_roles(runner, db, monkeypatch):
    monkeypatch.setenv("FGC_NEW_PASSWORD", "password1234")
    result = runner.invoke(args=["create-user", "weak@example.org", "--name", "Weak", "--role", "manager"])
    assert result.exit_code != 0
    assert "too easy to guess" in result.output
    result = runner.invoke(args=["create-user", "weak@example.org", "--name", "Weak", "--role", "superuser"])
    assert result.exit_code != 0
    assert user_data.get_by_email(db, "weak@example.org") is None


def test_create_user_refuses_a_duplicate(runner, monkeypatch):
    monkeypatch.setenv("FGC_NEW_PASSWORD", "tangerine glacier posture hymn")
    result = runner.invoke(args=["create-user", "admin@example.org", "--name", "Again", "--role", "admin"])
    assert result.exit_code != 0
    assert "already exists" in result.output


def test_seed_demo_creates_every_role_and_prints_sign_ins(runner, db, client, monkeypatch):
    monkeypatch.setenv("FGC_DEMO_PASSWORD", "demo marsh lantern quill")
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "demo marsh lantern quill" in result.output
    demo = [row for row in user_data.all_users(db) if row["email"].endswith("@demo.example.org")]
    assert {row["role"] for row in demo} == {"admin", "manager", "coordinator", "social_worker"}
    assert all(row["email"] in result.output for row in demo)
    response = client.submit("/sign-in", {"email": "sam.okafor@demo.example.org", "password": "demo marsh lantern quill"})
    assert response.location == "/sign-in/code"
    # Each account's authenticator key is printed beside it: a tester adds it to an app, or asks pyotp.
    key = re.search(r"sam\.okafor@demo\.example\.org.*key: ([A-Z2-7 ]+)$", result.output, re.M)[1]
    code = pyotp.TOTP(key.replace(" ", "")).now()
    assert client.submit("/sign-in/code", {"code": code}).location == "/"
    assert [row["email"] for row in demo if row["dpo"]] == ["morgan.ellis@demo.example.org"]
    # Running it again keeps one account each and the printed sign-ins still work.
    monkeypatch.setenv("FGC_DEMO_PASSWORD", "second quill marsh lantern")
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert len(user_data.all_users(db)) == len(demo) + 4


def test_seed_demo_password_is_random_when_not_given(runner, monkeypatch):
    monkeypatch.delenv("FGC_DEMO_PASSWORD", raising=False)
    first = runner.invoke(args=["seed-demo"]).output.split("password for all of them: ")[1].splitlines()[0]
    second = runner.invoke(args=["seed-demo"]).output.split("password for all of them: ")[1].splitlines()[0]
    assert first != second and len(first) >= 16


def test_seed_demo_if_empty_leaves_a_used_database_alone(runner, db, monkeypatch):
    monkeypatch.setenv("FGC_DEMO_PASSWORD", "demo marsh lantern quill")
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0
    assert "no demo data was loaded" in result.output
    assert not [row for row in user_data.all_users(db) if row["email"].endswith("@demo.example.org")]


def test_seed_demo_if_empty_loads_an_empty_database(tmp_path, monkeypatch):
    from conftest import make_app

    monkeypatch.setenv("FGC_DEMO_PASSWORD", "demo marsh lantern quill")
    (tmp_path / "empty").mkdir()
    app = make_app(tmp_path / "empty")
    result = app.test_cli_runner().invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "sam.okafor@demo.example.org" in result.output and "demo marsh lantern quill" in result.output


def test_reset_second_factor_for_when_the_only_admin_has_lost_their_phone(runner, db, client, sign_in):
    sign_in("admin")
    result = runner.invoke(args=["reset-second-factor", "admin@example.org"])
    assert result.exit_code == 0, result.output
    assert "has been reset; 1 sessions ended" in result.output
    assert not factor_data.ready(db, user_data.get_by_email(db, "admin@example.org")["id"])
    assert client.get("/").status_code == 303
    [event] = db.execute("SELECT actor, action FROM audit_events WHERE action = 'user.second_factor_reset'").fetchall()
    assert tuple(event) == ("cli", "user.second_factor_reset")
    client.submit("/sign-in", {"email": "admin@example.org", "password": PASSWORD})
    assert client.get("/sign-in/code").location == "/sign-in/set-up"
    assert runner.invoke(args=["reset-second-factor", "nobody@example.org"]).exit_code != 0
