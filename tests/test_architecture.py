"""The package keeps the shape docs/architecture.md describes: layers that import only downwards, rules
that stay pure, SQL only in the data layer, thin views, and no function too complex to follow."""

import ast
from pathlib import Path

import pytest
from radon.complexity import cc_rank, cc_visit

PACKAGE = Path(__file__).resolve().parent.parent / "fgc"
MODULES = sorted(path for path in PACKAGE.rglob("*.py"))
# The pure rules: no app, no request, no database. flask_babel only for their words.
PURE = ["domain/lifecycle.py", "domain/workdays.py", "domain/deadlines.py", "domain/invites.py",
        "domain/vocabulary.py", "domain/outcome.py", "domain/passwords.py", "domain/word_diff.py",
        "render/svg.py", "render/font_metrics.py", "render/kinship.py", "render/network_picture.py",
        "render/scale_chart.py"]

def _name(path):
    return path.relative_to(PACKAGE).as_posix()


def _imports(path):
    """Every fgc module ``path`` imports, as a path relative to the package (``data/plans.py``)."""
    package = path.relative_to(PACKAGE).parent.parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[:len(package) - (node.level - 1)])
            elif node.module and node.module.split(".")[0] == "fgc":
                base, node.module = [], node.module.partition(".")[2] or None
            else:
                continue
            parts = base + (node.module.split(".") if node.module else [])
            for alias in node.names:
                submodule = "/".join(parts + [alias.name])
                is_module = (PACKAGE / f"{submodule}.py").exists() or (PACKAGE / submodule).is_dir()
                found.add(submodule if is_module else "/".join(parts))
        elif isinstance(node, ast.Import):
            found |= {alias.name.replace(".", "/")[4:] for alias in node.names if alias.name.startswith("fgc.")}
    return found


def _layer(name):
    return name.split("/")[0] if "/" in name else "root"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_function_is_too_complex_to_follow(path):
    """radon's grades E and F (cyclomatic complexity over 30) are never allowed."""
    blocks = cc_visit(path.read_text(encoding="utf-8"))
    flat = blocks + [method for block in blocks for method in getattr(block, "methods", [])]
    assert not [(block.name, block.complexity) for block in flat if cc_rank(block.complexity) in "EF"]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_layers_import_only_downwards(path):
    """views -> forms, domain, render, data; domain -> render, gateways, data; render -> the vocabulary only; data ->
    the vocabulary only; gateways (GOV.UK Notify, the mail relay) -> nothing of the app's. Nothing imports the
    views, and only the command line imports the demo."""
    name, layer = _name(path), _layer(_name(path))
    upward = {"data": ("views", "forms", "render", "demo", "domain"), "domain": ("views", "forms", "demo"),
              "render": ("views", "forms", "data", "db", "demo", "domain"),
              "forms": ("views", "render", "data", "demo"),
              "gateways": ("views", "forms", "render", "data", "db", "demo", "domain")}.get(layer, ())
    allowed = {"data": ("domain/vocabulary",), "render": ("domain/vocabulary",), "forms": ("domain/vocabulary",
                                                                                        "domain/passwords")}
    wrong = [imported for imported in _imports(path) if imported.startswith(upward)
             and not imported.startswith(allowed.get(layer, ("-",)))]
    assert not wrong, f"{name} imports {sorted(wrong)}"


@pytest.mark.parametrize("name", PURE)
def test_the_rules_are_pure(name):
    source = (PACKAGE / name).read_text(encoding="utf-8")
    tree = ast.parse(source)
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    modules |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not {module for module in modules if module == "flask" or module.startswith("flask.")}, name
    assert not _imports(PACKAGE / name) & {"db", "data", "service"}, name
    assert not any(part.startswith(("data/", "db")) for part in _imports(PACKAGE / name)), name


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_sql_lives_in_the_data_layer(path):
    name = _name(path)
    if name.startswith("data/") or name in ("db.py", "migrations.py"):
        return
    calls = [node.func.attr for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr in ("execute", "executemany", "executescript", "query")]
    assert not calls, f"{name} runs SQL itself: {calls}"


VIEWS = sorted((PACKAGE / "views").glob("*.py"))


@pytest.mark.parametrize("path", VIEWS, ids=_name)
def test_views_are_thin(path):
    """No view function over 40 lines; changes go through the domain's actions, which own the transaction."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [(node.name, node.end_lineno - node.lineno + 1) for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.end_lineno - node.lineno + 1 > 40]
    assert not long, f"{_name(path)}: {long}"
    writes = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.With)
              for item in node.items if isinstance(item.context_expr, ast.Call)
              and getattr(item.context_expr.func, "id", None) == "write"]
    assert not writes, f"{_name(path)} opens a write transaction itself (lines {writes}): call a domain action"


def test_the_demo_is_not_part_of_the_app():
    """Only the seed-demo command reaches the demo (inside the command, so the app never loads it)."""
    importers = [_name(path) for path in MODULES if not _name(path).startswith("demo/")
                 and any(imported.startswith("demo") for imported in _imports(path))]
    assert importers == ["cli.py"]
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    top_level = [node for node in tree.body if isinstance(node, ast.ImportFrom) and "demo" in (node.module or "")]
    assert not top_level


# What a data-layer function that changes something is called: the demo builder must call an action instead.
DATA_WRITES = ("save", "add", "create", "update", "move", "set_", "record", "mark", "exclude", "lift", "withdraw",
               "schedule", "change", "cancel", "acknowledge", "ensure", "freeze", "sign_off", "remove", "revoke",
               "note", "start")


@pytest.mark.parametrize("path", [PACKAGE / "demo" / "builder.py", PACKAGE / "demo" / "network.py"], ids=_name)
def test_the_demo_changes_nothing_except_through_actions(path):
    """The demo builder reads through fgc/data/, but every change is a domain action, with its audit event."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    data_modules = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    and node.level == 2 and node.module == "data" for alias in node.names}
    writes = [f"{node.func.value.id}.{node.func.attr} (line {node.lineno})" for node in ast.walk(tree)
              if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and isinstance(node.func.value, ast.Name) and node.func.value.id in data_modules
              and node.func.attr.startswith(DATA_WRITES)]
    assert data_modules, "the check has nothing to look at: the demo's imports have moved"
    assert not writes, f"{_name(path)} writes through the data layer: {writes}"


TESTS = PACKAGE.parent / "tests"


@pytest.mark.parametrize("path", [path for path in MODULES if _layer(_name(path)) in ("views", "domain", "render",
                                                                                  "gateways")
                                  and path.name != "__init__.py"], ids=_name)
def test_every_module_of_a_layer_has_its_own_test_file(path):
    """fgc/domain/meetings.py is tested in tests/domain/test_meetings.py (the demo, seeded whole, in tests/demo/)."""
    assert (TESTS / _layer(_name(path)) / f"test_{path.name}").exists()
