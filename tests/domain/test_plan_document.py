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


def test_answers_are_numbered_in_the_order_the_plan_shows_them_each_within_its_kind(db, case):
    from fgc.data import professionals

    with write(db):
        baselines.add_item(db, case["id"], "bottom_line", "Mr X never stays the night")
        baselines.add_item(db, case["id"], "question", "How will Megan get to school?")
        worker = professionals.save(db, case["id"], {"name": "Sam Okafor", "agency": "Children’s services"})
        professionals.add_danger(db, worker, "Ffion misses school", "Ffion goes to school")
    first_line, second_line = refs(db, case["id"], "bottom_line")
    question, second_question = refs(db, case["id"], "question")
    dangers = [f"danger:{danger['id']}" for member in professionals.for_case(db, case["id"])
               for danger in member["dangers"]]
    plan = write_plan(db, case, ("Nain collects the children", [], [dangers[-1], question, second_line]),
                      ("Nobody lets Mr X in", [], [first_line]))
    document = plan_document.assemble(db, case, plan)
    key = plan_document.answer_key(document)
    assert [(entry["kind"], entry["number"], entry["text"]) for entry in key] == [
        ("bottom_line", 1, "No contact with Mr X"), ("bottom_line", 2, "Mr X never stays the night"),
        ("question", 1, "Who will look after the children?"), ("question", 2, "How will Megan get to school?"),
        ("danger", 1, "Children hurt if fights continue"), ("danger", 2, "Ffion misses school")]
    assert [entry["ref"] for entry in key] == [first_line, second_line, question, second_question, *dangers]
    assert [entry["source"] for entry in key][-2:] == ["Dr Pat Hughes", "Sam Okafor"]
    assert [entry["answered_by"] for entry in key] == [[2], [1], [1], [], [], [1]]

    first, second = document["tasks"]
    second = dict(second, answers=[first_line, "item:9999"])  # an item since removed from the case
    assert [(entry["kind"], entry["number"]) for entry in plan_document.task_answers(first, key)] == [
        ("bottom_line", 2), ("question", 1), ("danger", 2)], "in the key's order, not the order they were ticked"
    assert [(entry["ref"], entry["kind"]) for entry in plan_document.task_answers(second, key)] == [
        (first_line, "bottom_line"), ("item:9999", None)], "an item since removed from the case is still shown"

    # The family's view leaves out the professionals' danger statements, and anything unknown.
    family = plan_document.answer_key(document, kinds=("bottom_line", "question"))
    assert [entry["kind"] for entry in family] == ["bottom_line", "bottom_line", "question", "question"]
    assert [entry["kind"] for entry in plan_document.task_answers(first, family, unknown=False)] == [
        "bottom_line", "question"]
    assert plan_document.task_answers(second, family, unknown=False) == [family[0]]


def test_a_frozen_document_without_worries_still_has_a_key():
    document = {"items": [{"id": 1, "kind": "question", "text": "Who?", "answered_by": [1]}],
                "tasks": [{"key": 5, "answers": ["item:1"]}]}
    assert [(entry["kind"], entry["number"]) for entry in plan_document.answer_key(document)] == [("question", 1)]



def test_differences_are_given_field_by_field_word_by_word(db, case):
    from fgc.domain.word_diff import ADDED, REMOVED, SAME

    nain, dai = person(db, case["id"], "Nain Jones"), person(db, case["id"], "Uncle Dai")
    question = refs(db, case["id"], "question")[0]
    old = plan_document.assemble(db, case, write_plan(db, case, ("Nain collects Megan on Tuesdays",
                                                                 [nain["id"]], [question])))
    [task] = old["tasks"]
    changed = dict(task, what="Nain collects Megan and Cai on Thursdays", by_date="2027-03-27",
                   who=task["who"] + [{"kind": "person", "id": dai["id"], "name": "Uncle Dai", "excluded": False}],
                   status="done", answers=[])
    new = dict(old, tasks=[changed], contingency="Dai steps in.",
               resources=[{"what": "Bus passes", "detail": "For Taid"}])
    [row] = plan_document.differences(old, new)["tasks"]
    parts = {part["name"]: part for part in row["parts"]}
    assert list(parts) == ["what", "who", "by_date", "status", "answers"], "only what changed, in the page's order"
    assert [str(part["label"]) for part in row["parts"]] == [
        "What will happen", "Who does it", "By date", "Status", "What it answers"]
    assert parts["what"]["changes"] == [(SAME, "Nain collects Megan "), (ADDED, "and Cai"), (SAME, " on "),
                                        (REMOVED, "Tuesdays"), (ADDED, "Thursdays")]
    assert parts["who"]["kind"] == "items" and parts["who"]["changes"] == [(SAME, "Nain Jones"),
                                                                           (ADDED, "Uncle Dai")]
    assert parts["by_date"]["changes"] == [(ADDED, "2027-03-27")]
    assert parts["status"]["changes"] == [(REMOVED, "not_started"), (ADDED, "done")]
    assert parts["answers"]["changes"] == [(REMOVED, question)]
    rest = {part["name"]: part for part in plan_document.differences(old, new)["plan"]}
    assert rest["contingency"]["kind"] == "words" and rest["contingency"]["changes"] == [(ADDED, "Dai steps in.")]
    assert rest["resources"]["changes"] == [(ADDED, ("Bus passes", "For Taid"))]
    assert str(rest["resources"]["label"]) == "Resources asked for"
    texts = [text for part in [*row["parts"], *rest.values()] for _change, text in part["changes"]]
    assert not any("; " in str(text) for text in texts), "fields are never joined into one string"
