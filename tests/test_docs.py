"""The README documents every command and setting a newcomer needs."""

from pathlib import Path

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented(app):
    commands = set(app.cli.list_commands(None)) - {"routes", "run", "shell"}
    assert commands, "no commands found"
    for command in commands:
        assert f"flask --app fgc {command}" in README, f"README does not document `{command}`"


def test_every_environment_variable_is_documented():
    source = "\n".join(path.read_text(encoding="utf-8") for path in (Path(__file__).parent.parent / "fgc").rglob("*.py"))
    import re

    variables = set(re.findall(r'"(FGC_[A-Z_]+)"', source))
    assert {"FGC_DATABASE", "FGC_SECRET_KEY", "FGC_HTTPS"} <= variables
    for variable in variables:
        assert f"`{variable}`" in README, f"README does not document {variable}"


def test_the_two_commands_are_documented_and_wired_up():
    root = Path(__file__).parent.parent
    assert "make run " in README and "make test " in README
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    assert "\nrun: install\n" in makefile and "seed-demo --if-empty" in makefile and "scripts/serve" in makefile
    serve = (root / "scripts" / "serve").read_text(encoding="utf-8")
    assert "fgc worker &" in serve and "--port 5000" in serve, "make run serves the pages with the worker beside"
    assert "\ntest: install-test\n" in makefile and "scripts/install-test-deps" in makefile
    assert "chromium" in (root / "scripts" / "install-test-deps").read_text(encoding="utf-8")
    assert "make test" in (root / ".ci" / "run").read_text(encoding="utf-8")


def test_every_test_the_security_map_cites_exists():
    """docs/security.md's ASVS map names the test that proves each requirement: each must be a test that runs."""
    import re

    root = Path(__file__).parent.parent
    text = (root / "docs" / "security.md").read_text(encoding="utf-8")
    cited = set(re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", text))
    assert len(cited) > 60, "the map cites too few tests to be checking anything"
    missing = [f"{path}::{name}" for path, name in sorted(cited)
               if not re.search(rf"^def {name}\(", (root / path).read_text(encoding="utf-8"), re.M)]
    assert missing == []
    rows = re.findall(r"^\| (V\d+\.\d+\.\d+) \| (Met|Partly|Not met|N/A) \|", text, re.M)
    assert len(rows) == len({ident for ident, _status in rows}) == 253, "each L1 and L2 requirement once"


def test_every_image_the_readme_shows_is_in_the_repository():
    import re

    root = Path(__file__).parent.parent
    images = re.findall(r"\]\((docs/screenshots/[\w-]+\.png)\)", README)
    assert images, "the README shows no screenshots"
    assert [image for image in images if not (root / image).is_file()] == []
