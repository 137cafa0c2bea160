"""The plan as one document: what it holds, what it never holds, and how two versions compare.

The page, the PDF, the frozen version and its hash all come from ``assemble``, so these tests read the
document itself rather than any one rendering of it.
"""

import pytest

from fgc.data import baselines, network
from fgc.data import cases as case_data
from fgc.data import meetings as meeting_data
from fgc.data import plans as plan_data
from fgc.db import write
from fgc.domain import plan_document

from factories import make_case, user_id

PHONE, EMAIL, ADDRESS = "07700 900123", "nain.jones@example.org", "1 Heol y Mor, Aberwen AW1 1AA"


@pytest.fixture
def case(db):
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="DOC-1",
                        coordinator_id=user_id(db, "coordinator@example.org"))
    with write(db):
        nain = next(p for p in network.for_case(db, created) if p["name"] == "Nain Jones")
        network.save(db, created, dict(nain, phone=PHONE, email=EMAIL, address=ADDRESS), person_id=nain["id"],
                     version=nain["version"])
        network.save(db, created, {"name": "Uncle Dai", "side": "maternal", "roles": ["relative"],
                                   "invitation": "invited"})
        baselines.add_item(db, created, "bottom_line", "No contact with Mr X")
    return case_data.get(db, created)


def person(db, case_id, name):
    return next(p for p in network.for_case(db, case_id) if p["name"] == name)


def write_plan(db, case, *tasks):
    """A working plan with ``tasks``: (what, [person ids], [answer refs])."""
    with write(db):
        plan = plan_data.ensure(db, case["id"], user_id=case["coordinator_id"], review_on="2027-03-01")
        for what, people, answers in tasks:
            plan_data.save_task(db, case["id"], plan["id"], {
                "what": what, "who_people": people, "who_professionals": [], "who_other": "", "by_date": None,
                "by_when": "Every day", "checker": "Uncle Dai", "status": "not_started", "answers": answers},
                user_id=case["coordinator_id"])
    return plan_data.get(db, case["id"])


def refs(db, case_id, kind):
    return [f"item:{item['id']}" for item in baselines.items(db, case_id)[kind]]


def test_the_document_holds_no_contact_details(db, case):
    nain = person(db, case["id"], "Nain Jones")
    document = plan_document.assemble(db, case, write_plan(db, case, ("Nain collects the children", [nain["id"]], [])))
    text = plan_document.canonical(document)
    assert "Nain Jones" in text
    for detail in (PHONE, EMAIL, ADDRESS):
        assert detail not in text, "addresses, phone numbers and emails never enter a plan"


def test_tasks_name_who_does_them_and_say_which_items_they_answer(db, case):
    nain = person(db, case["id"], "Nain Jones")
    question, bottom_line = refs(db, case["id"], "question")[0], refs(db, case["id"], "bottom_line")[0]
    plan = write_plan(db, case, ("Nain collects the children", [nain["id"]], [question]),
                      ("Nobody lets Mr X in", [], [bottom_line, question]))
    document = plan_document.assemble(db, case, plan)
    assert [task["who"][0]["name"] for task in document["tasks"][:1]] == ["Nain Jones"]
    answered = {item["text"]: item["answered_by"] for item in document["items"]}
    assert answered == {"Who will look after the children?": [1, 2], "No contact with Mr X": [2]}
    assert plan_document.unanswered(document) == []
    assert document["answer_labels"][bottom_line] == "No contact with Mr X"


def test_an_item_no_task_answers_holds_the_plan_back(db, case):
    document = plan_document.assemble(db, case, write_plan(db, case, ("Nain collects the children", [], [])))
    assert {item["text"] for item in plan_document.unanswered(document)} == \
        {"Who will look after the children?", "No contact with Mr X"}


def test_an_excluded_person_is_in_the_network_but_never_gets_a_copy_or_counts_as_attending(db, case):
    dai = person(db, case["id"], "Uncle Dai")
    meeting = meeting_data.for_case(db, case["id"])[0]
    with write(db):
        network.record_attendance(db, dai["id"], meeting["id"], "in_person", user_id=case["coordinator_id"])
        network.exclude(db, case["id"], dai["id"], reason="Risk", approved_by="A Manager", on="2026-03-01",
                        user_id=case["coordinator_id"])
    document = plan_document.assemble(db, case, None)
    assert {"name": "Uncle Dai", "excluded": True} in [{"name": p["name"], "excluded": p["excluded"]}
                                                      for p in document["network"]["people"]]
    assert "Uncle Dai" not in [row["name"] for row in document["conference"]["attended"]]
    assert "Uncle Dai" not in plan_document.distribution(db, case["id"], network.for_case(db, case["id"]))


def test_the_same_document_always_has_the_same_hash(db, case):
    document = plan_document.assemble(db, case, write_plan(db, case, ("Nain collects the children", [], [])))
    reordered = dict(reversed(list(document.items())))
    assert plan_document.digest(plan_document.canonical(reordered)) == \
        plan_document.digest(plan_document.canonical(document))
    changed = dict(document, contingency="Nain takes the children to her house")
    assert plan_document.digest(plan_document.canonical(changed)) != \
        plan_document.digest(plan_document.canonical(document))


def test_differences_match_tasks_by_their_key(db, case):
    old = plan_document.assemble(db, case, write_plan(db, case, ("Nain collects the children", [], []),
                                                      ("Dai phones every evening", [], [])))
    first, second = old["tasks"]
    new = dict(old, tasks=[dict(second, what="Dai phones every evening at six"),
                           {**first, "key": first["key"] + 100, "what": "Aunt Sue cooks on Sundays"}])
    changes = {(row["change"], (row["old"] or row["new"])["what"]) for row in plan_document.differences(old, new)["tasks"]}
    assert changes == {("changed", "Dai phones every evening"), ("removed", "Nain collects the children"),
                       ("added", "Aunt Sue cooks on Sundays")}
