"""Filing the plan PDF on the council's case file: a frozen version is printed once and that copy is kept and
given to everyone after, a working draft is printed afresh and never kept, and a version whose content no
longer matches its hash, or that belongs to another case or plan, is not printed at all.

One case is printed as a draft and filed as declined version 1 and agreed version 2 once for the whole module,
because each render takes a second or so. What the PDFs say is tests/render/test_case_file.py's.
"""

from types import SimpleNamespace

import pytest
from conftest import staffed_app
from factories import add_user, make_case, print_every_version, read, someone

from fgc.data import baselines
from fgc.data import cases as case_data
from fgc.data import plans as plan_data
from fgc.db import write
from fgc.domain import filing, plan_document
from fgc.render import case_file, pdf


def kept(db):
    return list(db.query("SELECT version_id, generated_by, generated_at FROM plan_pdfs ORDER BY version_id"))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The case printed as the working draft, then as declined version 1, then as agreed version 2."""
    app, db = staffed_app(tmp_path_factory.mktemp("filing"))
    coordinator, referrer = someone(db, "coordinator@example.org"), someone(db, "social_worker@example.org")
    case_id = make_case(db, created_by=referrer.id, reference="FGC-2026-0108", coordinator_id=coordinator.id,
                        social_worker_id=referrer.id, stage="conference_scheduled")
    refs = [f"item:{item['id']}" for kind in ("question", "bottom_line") for item in baselines.items(db, case_id)[kind]]
    with write(db):
        case_data.move(db, case_id, to_stage="conference_held", user_id=coordinator.id)
        plan = plan_data.ensure(db, case_id, user_id=coordinator.id, review_on="2027-03-01")
        plan_data.save_task(db, case_id, plan["id"], {
            "what": "Nain collects the children from school every day", "who_people": [], "who_professionals": [],
            "who_other": "Nain", "by_date": None, "by_when": "Every day", "checker": "Uncle Dai",
            "status": "not_started", "answers": refs}, user_id=coordinator.id)
    yield print_every_version(app, db, case_id, decline_reason="Nobody checks the evenings",
                              agreement=("agreed", ""))
    db.close()


def test_a_frozen_version_is_printed_once_and_kept(printed):
    db = printed.db
    rows = list(db.query("SELECT version_id, generated_by, generated_at FROM plan_pdfs ORDER BY version_id"))
    assert [row["version_id"] for row in rows] == [printed.declined_row["id"], printed.agreed_row["id"]], \
        "the working draft is never kept"
    later = SimpleNamespace(id=add_user(db, "later.reader@example.org", "social_worker", "Later Reader"),
                            name="Later Reader")
    with printed.app.app_context():
        again = filing.version_pdf(db, printed.case, printed.plan, printed.agreed_row, later)
    assert again == printed.agreed.raw, "the same bytes, generated line and all"
    assert later.name not in read(again).all, "not rendered again for the second person"
    assert list(db.query("SELECT version_id, generated_by, generated_at FROM plan_pdfs ORDER BY version_id")) == rows


def test_a_version_whose_content_no_longer_matches_its_hash_is_not_printed(printed):
    tampered = dict(printed.agreed_row, sha256="0" * 64)
    with printed.app.app_context(), pytest.raises(filing.VersionTampered):
        filing.version_pdf(printed.db, printed.case, printed.plan, tampered, printed.referrer)
    assert plan_document.digest(printed.agreed_row["content"]) == printed.agreed_row["sha256"]


def test_a_filed_copy_is_handed_out_without_printing_it_again(printed, monkeypatch):
    def no_printing(html, **options):
        raise AssertionError("the filed version was rendered again")

    monkeypatch.setattr(pdf, "render", no_printing)
    with printed.app.app_context():
        assert filing.version_pdf(printed.db, printed.case, printed.plan, printed.declined_row,
                                  printed.coordinator) == printed.declined.raw


def test_the_filed_copy_names_who_first_printed_it(printed):
    assert [row["generated_by"] for row in kept(printed.db)] == [printed.referrer.id] * 2
    assert f"by {printed.referrer.name}" in printed.agreed.all


def test_the_working_draft_is_printed_afresh_for_whoever_asks_and_never_kept(printed):
    manager = someone(printed.db, "manager@example.org")
    before = kept(printed.db)
    with printed.app.app_context():
        again = read(filing.draft_pdf(printed.db, printed.case, printed.plan, manager))
    assert f"by {manager.name}" in again.all and f"by {printed.coordinator.name}" in printed.draft.all
    assert "DRAFT" in again.all
    assert kept(printed.db) == before


@pytest.mark.parametrize("whose", ["another-case", "another-plan"])
def test_a_version_is_never_printed_for_another_case_or_plan(printed, whose):
    case, plan = printed.case, printed.plan
    if whose == "another-case":
        case = case_data.get(printed.db, make_case(printed.db, created_by=printed.referrer.id,
                                                   reference=f"FGC-OTHER-{whose}", extras=False))
    else:
        plan = dict(plan, id=plan["id"] + 1000)
    before = kept(printed.db)
    with printed.app.app_context(), pytest.raises(LookupError):
        filing.version_pdf(printed.db, case, plan, printed.agreed_row, printed.referrer)
    assert kept(printed.db) == before


@pytest.mark.parametrize("change", ["id", "sha256", "template"])
def test_a_new_template_or_other_content_never_gets_an_old_filed_copy(printed, monkeypatch, change):
    filed = filing.cache_key(printed.agreed_row)
    row = printed.agreed_row
    if change == "template":
        monkeypatch.setattr(case_file, "TEMPLATE_REVISION", case_file.TEMPLATE_REVISION + 1)
    else:
        row = dict(row, **{change: printed.declined_row[change]})
    assert filing.cache_key(row) != filed
