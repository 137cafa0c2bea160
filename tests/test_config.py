"""Configuration: defaults, instance/config.py, then FGC_* environment variables."""

import os
import stat

from fgc import create_app


def test_environment_sets_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("FGC_DATABASE", str(tmp_path / "elsewhere.sqlite"))
    monkeypatch.setenv("FGC_SECRET_KEY", "from the environment")
    app = create_app()
    assert app.config["DATABASE"] == str(tmp_path / "elsewhere.sqlite")
    assert app.config["SECRET_KEY"] == "from the environment"
    assert (tmp_path / "elsewhere.sqlite").exists(), "migrations run on start-up"


def test_secret_key_is_generated_once_with_private_permissions(tmp_path):
    config = {"DATABASE": str(tmp_path / "x.sqlite"), "TESTING": True}
    instance = tmp_path / "instance"
    from flask import Flask
    from fgc import config as fgc_config

    app = Flask("fgc", instance_path=str(instance))
    fgc_config.load(app, config)
    key_file = instance / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert app.config["SECRET_KEY"] == key_file.read_text()
    again = Flask("fgc", instance_path=str(instance))
    fgc_config.load(again, config)
    assert again.config["SECRET_KEY"] == app.config["SECRET_KEY"]
    assert os.listdir(instance) == ["secret_key"]


def test_instance_config_is_read_and_environment_wins(tmp_path, monkeypatch):
    from flask import Flask
    from fgc import config as fgc_config

    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(f"DATABASE = {str(tmp_path / 'from-file.sqlite')!r}\nSECRET_KEY = 'file key'\n"
                                        "DUE_SOON_DAYS = 4\n")
    monkeypatch.delenv("FGC_DATABASE", raising=False)
    monkeypatch.delenv("FGC_SECRET_KEY", raising=False)
    app = Flask("fgc", instance_path=str(instance))
    fgc_config.load(app)
    assert app.config["DATABASE"].endswith("from-file.sqlite")
    assert app.config["DUE_SOON_DAYS"] == 4
    monkeypatch.setenv("FGC_DATABASE", str(tmp_path / "from-env.sqlite"))
    app = Flask("fgc", instance_path=str(instance))
    fgc_config.load(app)
    assert app.config["DATABASE"].endswith("from-env.sqlite")
    assert app.config["SECRET_KEY"] == "file key"


def test_default_database_is_in_the_instance_folder(monkeypatch, tmp_path):
    from flask import Flask
    from fgc import config as fgc_config

    monkeypatch.delenv("FGC_DATABASE", raising=False)
    app = Flask("fgc", instance_path=str(tmp_path / "instance"))
    fgc_config.load(app, {"SECRET_KEY": "x"})
    assert app.config["DATABASE"] == str(tmp_path / "instance" / "fgc.sqlite")
