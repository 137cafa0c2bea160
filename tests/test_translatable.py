"""Every word a person reads goes through gettext, so the staff pages can be translated later.

Staff pages stay in English for now, but their words are written as ``_("…")`` in templates and
``gettext``/``lazy_gettext`` in Python, and ``scripts/translations`` extracts them into
``fgc/translations/staff.pot``. These tests read the templates and the code and fail on a
human-readable literal that skips gettext, so a new page can't quietly add untranslatable text;
then they render every staff page, and the case-file PDF, in a made-up language to prove the words
really reach the catalogue at run time.
"""

import ast
import datetime
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel import dates
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from jinja2 import Environment, nodes
from pypdf import PdfReader

from fgc import worker
from fgc.db import connect

from conftest import make_app, sign_in_raw
from factories import add_user, make_case, user_id
from test_access import ROLES, add_link, add_plan, nested_ids, url_for_case

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
PACKAGE = ROOT / "fgc"
STAFF_POT = PACKAGE / "translations" / "staff.pot"
GETTEXT = {"_", "gettext", "ngettext", "pgettext", "npgettext", "_l", "lazy_gettext", "lazy_ngettext"}
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None,
            "ngettext": (1, 2), "lazy_ngettext": (1, 2)}

# Python modules whose literals are not interface text: the operator's command line, the schema, and
# (by folder, below) the demo's fictional case files and the data layer (which raises errors views translate).
NOT_INTERFACE = {"cli.py", "migrations.py", "__init__.py", "config.py", "wsgi.py"}
# The gateways' words (why GOV.UK Notify or a mail relay would not take a message) are a record of what the gateway
# said, kept with the message as it was said, like the data layer's.
NOT_INTERFACE_FOLDERS = {"data", "demo", "gateways"}
HUMAN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-roledescription"}
# Keys of GOV.UK Frontend macro parameters that hold words a person reads.
HUMAN_KEYS = {"text", "html", "titleText", "descriptionText", "visuallyHiddenText", "caption", "summaryText",
              "label", "hint", "legend", "heading", "title", "alt", "placeholder", "prefix", "suffix"}


ENVIRONMENT = Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do", "fgc.templating.Fragments"])
# Words that stay as they are in every language: each language's name in its own language.
ENDONYMS = {"English", "Cymraeg"}


def human(value):
    """Words for a person, not a class list, identifier, URL, format or protective marking."""
    if not isinstance(value, str) or not re.search(r"[^\W\d_]", value) or value.strip() in ENDONYMS:
        return False
    if re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?", value):
        return False  # language tags: en-GB
    if re.fullmatch(r"[a-z0-9_\-.:/#!?=&%{}()\[\]@+ ]*", value) and not re.search(r"[a-z]{2,} [a-z]{2,}", value):
        return False  # classes, endpoints, ids, paths
    if re.fullmatch(r"[A-Z0-9_\-]+", value):
        return False  # constants and markings: GET, OFFICIAL-SENSITIVE
    if re.fullmatch(r"[%\-\w:., ]*", value) and re.search(r"%-?[a-zA-Z]", value) and not re.search(r"\w{3,} ", value):
        return False  # strftime formats
    return True


# --- templates -----------------------------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in HUMAN_ATTRIBUTES and value and human(value):
                self.found.append(f'{name}="{value}"')

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip and human(data.strip()):
            self.found.append(" ".join(data.split()))


def _markup_without_jinja(source):
    """The template's own HTML, with each {{ … }} as a 0 and each {% … %} and comment gone."""
    parts = []
    for _line, kind, value in ENVIRONMENT.lex(source):
        if kind == "data":
            parts.append(value)
        elif kind == "variable_begin":
            parts.append("0")
    return "".join(parts)


def _untranslated_constants(tree):
    found = []

    def visit(node, inside_gettext, parent):
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in GETTEXT:
            inside_gettext = True
        if isinstance(node, nodes.Const) and not inside_gettext and human(node.value):
            if isinstance(parent, nodes.Pair) and parent.key is node:
                pass
            elif isinstance(parent, (nodes.Compare, nodes.Operand, nodes.Getitem)):
                pass
            elif isinstance(parent, nodes.Pair) and not (
                    isinstance(parent.key, nodes.Const) and parent.key.value in HUMAN_KEYS):
                pass
            else:
                found.append(node.value)
        for child in node.iter_child_nodes():
            visit(child, inside_gettext, node)

    visit(tree, False, None)
    return found


def _templates():
    return sorted(path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("name", _templates())
def test_every_word_in_the_template_goes_through_gettext(name):
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    parser = _Text()
    parser.feed(_markup_without_jinja(source))
    constants = _untranslated_constants(ENVIRONMENT.parse(source))
    assert not parser.found and not constants, (
        f"{name}: wrap these in _(…): text {parser.found!r}, strings {constants!r}")


# --- Python --------------------------------------------------------------------------------------------

VALIDATORS = {"DataRequired", "InputRequired", "Email", "Length", "NumberRange", "Regexp", "EqualTo", "AnyOf",
              "NoneOf", "ValidationError", "StopValidation", "URL"}


def _name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node):
    """A str literal, an f-string, or a sum of them: text that can't reach a translator as written."""
    if isinstance(node, ast.Constant):
        return node.value if human(node.value) else None
    if isinstance(node, ast.JoinedStr):
        return ast.unparse(node)
    if isinstance(node, ast.BinOp):
        return _literal(node.left) or _literal(node.right)
    if isinstance(node, ast.IfExp):
        return _literal(node.body) or _literal(node.orelse)
    return None


def _python_problems(tree):
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        checked = []
        if name == "flash" and node.args:
            checked.append(node.args[0])
        if name.endswith("Field") and node.args:
            checked.append(node.args[0])
        if name in VALIDATORS:
            checked.extend(node.args)
        if name == "append" and isinstance(node.func, ast.Attribute) and _name(node.func.value) in (
                "errors", "form_errors"):
            checked.extend(node.args)
        checked.extend(keyword.value for keyword in node.keywords
                       if keyword.arg in ("message", "label", "description", "title", "heading", "hint"))
        problems.extend(f"line {node.lineno}: {text!r}" for text in map(_literal, checked) if text)
    for node in tree.body:  # module-level tables of words: labels, headings, navigation
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Dict, ast.List, ast.Tuple)):
            problems.extend(f"line {node.lineno}: {text!r}" for text in _table_words(node.value))
    return problems


def _table_words(node):
    if isinstance(node, ast.Call) and _name(node.func) in GETTEXT:
        return []
    if isinstance(node, ast.Constant):
        return [node.value] if human(node.value) else []
    children = node.values if isinstance(node, ast.Dict) else list(ast.iter_child_nodes(node))
    return [word for child in children for word in _table_words(child)]


def _modules():
    return sorted(path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
                  if path.name not in NOT_INTERFACE and not NOT_INTERFACE_FOLDERS & set(path.parts))


@pytest.mark.parametrize("name", _modules())
def test_messages_labels_and_errors_in_python_go_through_gettext(name):
    tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
    problems = _python_problems(tree)
    assert not problems, f"fgc/{name}: use gettext or lazy_gettext for {problems}"


# --- the staff catalogue template --------------------------------------------------------------------


def _extract(mapping):
    with open(ROOT / mapping, encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    return {message[2] if isinstance(message[2], str) else message[2][0]
            for message in extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS)}


def test_the_staff_catalogue_template_holds_every_staff_string():
    """scripts/translations extract was run: translators get every staff string, and the main ones."""
    with open(STAFF_POT, "rb") as handle:
        committed = {message.id if isinstance(message.id, str) else message.id[0]
                     for message in read_po(handle) if message.id}
    found = _extract("babel-staff.cfg")
    assert found == committed, f"run scripts/translations extract: new {sorted(found - committed)[:20]}, " \
                               f"gone {sorted(committed - found)[:20]}"
    for words in ("Sign in", "Cases", "Add a task", "Family network", "Mark as ready for agreement"):
        assert words in committed, words
    assert len(committed) > 500


# --- the staff pages in a made-up language ---------------------------------------------------------------
# A catalogue that turns every staff string into ⟪string⟫, loaded the way docs/architecture.md says a real
# translation would be. Then every staff page is fetched and the words that are always interface (titles,
# labels, legends, buttons, table and summary-list headings, tags, navigation, error summaries) must come out
# translated: proof that the strings reach gettext at run time, lazy tables and flash messages included.

PSEUDO = "fr"
INTERFACE = ["title", "label", "legend", "button", "thead th", "dt.govuk-summary-list__key", "strong.govuk-tag",
             "nav a", ".govuk-back-link", ".govuk-error-summary__title", ".govuk-notification-banner__title",
             ".govuk-task-list__name-and-hint a", ".govuk-summary-list__actions a", ".govuk-hint",
             ".govuk-header__service-name", ".govuk-phase-banner__text"]


def _pseudo(message):
    if isinstance(message.id, tuple):
        return tuple(f"⟪{form}⟫" for form in message.id)
    return f"⟪{message.id}⟫"


@pytest.fixture
def pseudo_world(tmp_path):
    with open(STAFF_POT, "rb") as handle:
        catalog = read_po(handle, locale=PSEUDO)
    for message in catalog:
        if message.id:
            message.string = _pseudo(message)
    folder = tmp_path / "pseudo" / PSEUDO / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "staff.mo", "wb") as handle:
        write_mo(handle, catalog)
    app = make_app(tmp_path, BABEL_TRANSLATION_DIRECTORIES=f"{PACKAGE / 'translations'};{tmp_path / 'pseudo'}",
                   BABEL_DOMAIN="messages;staff", WTF_CSRF_ENABLED=False)
    app.extensions["babel"].locale_selector = lambda: PSEUDO
    db = connect(app.config["DATABASE"])
    for role in ROLES:
        add_user(db, f"{role}@example.org", role)
    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="OWN-1",
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled")
    add_plan(db, case_id)
    add_link(db, case_id)
    yield app, db, case_id
    db.close()


# What the pseudo world's people typed or were called: data, never translated.
DATA = ("Family Group Conferences", "Test Child", "Parent Person", "Nain Jones", "Dr Pat Hughes", "Health visiting",
        "OWN-1", "Admin", "Manager", "Coordinator", "Social_Worker", "SHA-256")


def _untranslated_interface(html):
    """Interface elements whose words did not come through the catalogue. An element inside a translated
    sentence (a tag in a paragraph's msgid) is fine; so are the world's data and punctuation."""
    line_starts = [0]
    for line in html.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for selector in INTERFACE:
        for element in soup.select(selector):
            offset = line_starts[element.sourceline - 1] + element.sourcepos
            if html.count("⟪", 0, offset) > html.count("⟫", 0, offset):
                continue
            words, left = element.get_text(" ", strip=True), None
            while left != words:
                left, words = words, re.sub(r"⟪[^⟪⟫]*⟫", " ", words)
            for value in DATA:
                words = words.replace(value, " ")
            if re.search(r"[^\W\d_]", words):
                found.append(f"{selector}: {element.get_text(' ', strip=True)[:100]}")
    return found


def _pages(app):
    """(endpoint, rule) for every staff page fetched with GET that answers HTML."""
    skip = ("static", "family.", "main.healthz")
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.endpoint.startswith(skip):
            yield rule


@pytest.mark.parametrize("role", ["coordinator", "manager", "social_worker", "admin"])
def test_every_staff_page_is_translated_at_run_time(pseudo_world, role):
    app, db, case_id = pseudo_world
    client = app.test_client()
    sign_in_raw(client, f"{role}@example.org")
    ids = {"case_id": case_id, **nested_ids(db, case_id), "user_id": 1, "token": "no-such-invitation",
           "export_id": 1}
    problems, pages = {}, 0
    for rule in _pages(app):
        url = url_for_case(app, rule, ids)
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        pages += 1
        found = _untranslated_interface(response.get_data(as_text=True))
        if found:
            problems[url] = found
    assert pages >= (5 if role == "admin" else 25), f"{role} reached too few pages to be checking anything"
    if role != "admin":  # dates follow the page's language too
        today = dates.format_date(datetime.date.today(), "d MMMM yyyy", locale=PSEUDO)
        assert today in client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert not problems, "\n".join(f"{url}: {found}" for url, found in problems.items())


def test_signed_out_pages_errors_and_messages_are_translated_at_run_time(pseudo_world):
    app, _db, _case_id = pseudo_world
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    assert "⟪Sign in⟫" in page and not _untranslated_interface(page)
    refused = client.post("/sign-in", data={"email": "", "password": ""})
    assert refused.status_code == 200
    assert not _untranslated_interface(refused.get_data(as_text=True))
    assert "⟪Enter your email address⟫" in refused.get_data(as_text=True)  # a lazy validator message
    missing = client.get("/no-such-page")
    assert missing.status_code == 404 and not _untranslated_interface(missing.get_data(as_text=True))
    sign_in_raw(client, "coordinator@example.org")
    assert client.post("/sign-out").status_code == 302
    assert "⟪You have signed out⟫" in client.get("/sign-in").get_data(as_text=True)  # a flash message


def test_the_case_file_pdf_prints_translated_words_in_its_margins(pseudo_world):
    """The margin boxes' words come from the catalogue too (CSS-escaped into the page's own style)."""
    app, _db, case_id = pseudo_world
    client = app.test_client()
    sign_in_raw(client, "coordinator@example.org")
    assert client.get(f"/cases/{case_id}/plan/draft.pdf").status_code == 202
    worker.run_due(app)
    response = client.get(f"/cases/{case_id}/plan/draft.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    first = PdfReader(io.BytesIO(response.data)).pages[0].extract_text()
    assert first.count("⟪OFFICIAL-SENSITIVE⟫") == 2
    assert re.search(r"⟪Page 1 of \d+⟫", first)
    assert re.search(r"⟪Generated ⟪\d{1,2} \w+ \d{4} at \d{1,2}:\d\d[ap]m⟫", first), first
    assert "⟪Family plan⟫" in first and "⟪DRAFT⟫" in first
