"""The plan as one document: everything a version says, gathered from the case into plain data.

The same document feeds the plan page, the PDF, the frozen version and its hash, so what is
agreed, what is printed and what is verified are always the same thing. It holds no
contact details at all: addresses, phone numbers and emails never enter a plan.
"""

import hashlib
import json

from flask_babel import lazy_gettext as _l

from ..data import baselines, child_views, network, professionals
from ..data import cases as case_data
from ..data import meetings as meeting_data
from ..data import plans as plan_data
from ..data import users as user_data
from . import word_diff

FORMAT = 1
ATTENDED = ("in_person", "remote", "written_views")
# Only bottom lines and questions must be answered by the plan; resources are offers, not asks.
MUST_ANSWER = ("bottom_line", "question")
# What a task can answer, in the order the plan shows them: each numbered within its kind (BL1, Q1, D1).
ANSWER_KINDS = ("bottom_line", "question", "danger")
# Labels for showing differences only: never put into a document (documents are frozen and hashed).
TASK_PARTS = {"what": _l("What will happen"), "who": _l("Who does it"), "by_date": _l("By date"),
              "by_when": _l("When or how often"), "checker": _l("Who checks"), "status": _l("Status"),
              "answers": _l("What it answers")}
PLAN_PARTS = {"contingency": _l("Contingency plan"), "monitoring": _l("Who monitors the plan"),
              "review_on": _l("Review date"), "resources": _l("Resources asked for")}


def conference(db, case_id):
    """The conference the plan comes from: the one held, else the one scheduled."""
    meetings = [m for m in meeting_data.for_case(db, case_id) if m["kind"] == "conference"]
    for status in ("held", "scheduled"):
        chosen = [m for m in meetings if m["status"] == status]
        if chosen:
            return chosen[-1]
    return None


def _name(db, user_id):
    user = user_data.get(db, user_id) if user_id else None
    return user["name"] if user else ""


def assemble(db, case, plan, *, decision=None):
    """The plan as it stands now, as a dict of plain values (see module docstring)."""
    case_id = case["id"]
    children = case_data.children(db, case_id)
    people = network.for_case(db, case_id)
    team = professionals.for_case(db, case_id)
    meeting = conference(db, case_id)
    items = baselines.items(db, case_id)
    baseline = baselines.get(db, case_id)
    decisions = plan_data.item_decisions(db, plan["id"]) if plan else {}
    tasks = _tasks(plan_data.tasks(db, plan["id"]) if plan else [], people, team)
    answered_by = _answered_by(tasks)
    return {
        "format": FORMAT,
        "reference": case["reference"],
        "number": plan["number"] if plan else 1,
        "children": [{"id": child["id"], "name": child["name"], "date_of_birth": child["date_of_birth"]}
                     for child in children],
        "conference": _conference(meeting, network.attendance(db, meeting["id"]) if meeting else {}, people, team),
        "coordinator": _name(db, case["coordinator_id"]),
        "referrer": _name(db, case["social_worker_id"]) or case["referrer_name"],
        "objective": baseline["objective"] if baseline else "",
        "items": [{"id": item["id"], "kind": kind, "text": item["text"],
                   "answered_by": answered_by.get(f"item:{item['id']}", []),
                   "decision": decisions[item["id"]]["decision"] if item["id"] in decisions else None}
                  for kind in MUST_ANSWER for item in items[kind]],
        "worries": _worries(team, answered_by),
        "child_voice": [{"name": view["name"], "wishes": view["wishes"] or "", "gathered": view["gathered"],
                         "advocate": view["advocate_name"] or ""} for view in child_views.for_case(db, case_id)],
        "tasks": tasks,
        "answer_labels": _answer_labels(items, team),
        "contingency": plan["contingency"] if plan else "",
        "monitoring": plan["monitoring"] if plan else "",
        "review_on": plan["review_on"] if plan else None,
        "resources": _resources(plan_data.resources(db, plan["id"]) if plan else []),
        "network": _network(children, people, team),
        "copies_to": distribution(db, case_id, people),
        "decision": decision,
    }


def _tasks(rows, people, team):
    """Each task with who does it by name: the family's people, professionals, and anyone else typed in."""
    people_by_id = {person["id"]: person for person in people}
    team_by_id = {member["id"]: member for member in team}

    def who(task):
        named = [{"kind": "person", "id": pid, "name": people_by_id[pid]["name"],
                  "excluded": bool(people_by_id[pid]["excluded"])}
                 for pid in task["who_people"] if pid in people_by_id]
        named += [{"kind": "professional", "id": pid, "name": team_by_id[pid]["name"], "excluded": False}
                  for pid in task["who_professionals"] if pid in team_by_id]
        if task["who_other"]:
            named.append({"kind": "other", "id": None, "name": task["who_other"], "excluded": False})
        return named

    return [{"key": task["id"], "what": task["what"], "who": who(task), "by_date": task["by_date"],
             "by_when": task["by_when"], "checker": task["checker"], "status": task["status"],
             "answers": list(task["answers"])} for task in rows]


def _answered_by(tasks):
    """{"item:3": [1, 4], "danger:2": [2]}: which tasks (numbered from 1) answer each item or worry."""
    answered_by = {}
    for number, task in enumerate(tasks, start=1):
        for ref in task["answers"]:
            answered_by.setdefault(ref, []).append(number)
    return answered_by


def _conference(meeting, modes, people, team):
    """When the conference was, who in the family took part and how (never anyone excluded), and the
    professionals."""
    people_by_id = {person["id"]: person for person in people}
    return {
        "date": (meeting["held_on"] or meeting["starts_at"][:10]) if meeting else None,
        "attended": [{"name": people_by_id[pid]["name"], "mode": mode}
                     for pid, mode in sorted(modes.items()) if mode in ATTENDED and pid in people_by_id
                     and not people_by_id[pid]["excluded"]],
        "professionals": [{"name": member["name"], "agency": member["agency"], "role": member["role"]}
                          for member in team],
    }


def _worries(team, answered_by):
    return [{"id": member["id"], "name": member["name"], "agency": member["agency"],
             "worried": member["worried"], "working_well": member["working_well"],
             "needs_to_happen": member["needs_to_happen"],
             "dangers": [{"id": danger["id"], "danger": danger["danger"], "safety_goal": danger["safety_goal"],
                          "answered_by": answered_by.get(f"danger:{danger['id']}", [])}
                         for danger in member["dangers"]]}
            for member in team]


def _answer_labels(items, team):
    """What each answer reference reads as: the item's text, or the professional's name and worry."""
    labels = {f"item:{item['id']}": item["text"] for kind in MUST_ANSWER for item in items[kind]}
    labels |= {f"danger:{danger['id']}": member["name"] + ": " + danger["danger"]
               for member in team for danger in member["dangers"]}
    return labels


def _resources(rows):
    return [{"key": row["id"], "what": row["what"], "detail": row["detail"],
             "sign_off_needed": bool(row["sign_off_needed"]), "sign_off": row["sign_off"],
             "sign_off_by": row["sign_off_by_name"] or "", "sign_off_at": row["sign_off_at"],
             "sign_off_note": row["sign_off_note"]} for row in rows]


def _network(children, people, team):
    """The network picture's data: names, sides, roles and relationships, without any contact details."""
    return {
        "children": [{"id": child["id"], "name": child["name"]} for child in children],
        "people": [{"id": person["id"], "name": person["name"], "side": person["side"], "roles": person["roles"],
                    "excluded": bool(person["excluded"]),
                    "relationships": [{"child_id": link["child_id"], "relationship": link["relationship"]}
                                      for link in person["relationships"]]} for person in people],
        "professionals": [{"id": member["id"], "name": member["name"], "role": member["role"],
                           "agency": member["agency"]} for member in team],
    }


def distribution(db, case_id, people):
    """Who in the family gets a copy: everyone invited, confirmed or who took part, never anyone excluded."""
    names = []
    for person in people:
        if person["invitation"] not in ("invited", "confirmed") and "pr_holder" not in person["roles"]:
            continue
        try:
            network.may_receive(db, case_id, person["id"])
        except network.Excluded:
            continue
        names.append(person["name"])
    return names


def canonical(document):
    """One exact text for a document: sorted keys, no spacing, UTF-8 kept as written."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(text):
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def unanswered(document):
    """Bottom lines and questions with no task answering them and no decision noted against them."""
    return [item for item in document["items"] if not item["answered_by"] and not item["decision"]]


def pending_sign_off(document):
    """Resource requests that still need a senior manager's approval."""
    return [row for row in document["resources"] if row["sign_off_needed"] and row["sign_off"] != "approved"]


def answer_key(document, kinds=ANSWER_KINDS):
    """What a task can answer, of ``kinds``, in the order the plan shows them: the bottom lines, the questions,
    then each professional's danger statements. Each is numbered within its kind, so a task's answers can be
    shown as short references (BL1, Q2, D1) with the full text given once, in this key.

    Returns ``[{"ref": "item:3", "kind", "number", "text", "source", "answered_by", "decision"}]``: ``source``
    is who wrote a danger statement (None for the rest), ``answered_by`` the numbers of the tasks that answer
    it, ``decision`` one noted against a bottom line or question instead of a task.
    """
    entries, counts = [], {}

    def add(ref, kind, text, source, answered_by, decision=None):
        if kind in kinds:
            counts[kind] = counts.get(kind, 0) + 1
            entries.append({"ref": ref, "kind": kind, "number": counts[kind], "text": text, "source": source,
                            "answered_by": list(answered_by or []), "decision": decision})

    # Read with .get: a frozen version is shown even if its content was changed outside the service.
    for kind in MUST_ANSWER:
        for item in document.get("items") or []:
            if item.get("kind") == kind:
                add(f"item:{item.get('id')}", kind, item.get("text"), None, item.get("answered_by"),
                    item.get("decision"))
    for member in document.get("worries") or []:
        for danger in member.get("dangers") or []:
            add(f"danger:{danger.get('id')}", "danger", danger.get("danger"), member.get("name"),
                danger.get("answered_by"))
    return entries


def task_answers(task, key, *, unknown=True):
    """What ``task`` answers, as entries of ``key`` (from :func:`answer_key`) in the key's order. A reference
    the key does not hold (an item removed from the case since) follows as ``{"ref", "kind": None}``, unless
    ``unknown`` is False, when it is left out, as it is for a kind the key leaves out."""
    position = {entry["ref"]: index for index, entry in enumerate(key)}
    refs = task.get("answers") or []
    known = sorted((ref for ref in refs if ref in position), key=position.get)
    missing = [{"ref": ref, "kind": None, "number": None, "text": None, "source": None, "answered_by": [],
                "decision": None}
               for ref in refs if ref not in position and unknown]
    return [key[position[ref]] for ref in known] + missing


def _task_view(task):
    return {"what": task["what"], "who": [person["name"] for person in task["who"]],
            "by_date": [task["by_date"]] if task["by_date"] else [], "by_when": task["by_when"],
            "checker": task["checker"], "status": [task["status"]], "answers": sorted(task["answers"])}


def _part(name, label, old, new):
    """One labelled part of the plan, compared: text word by word, lists item by item. None if unchanged."""
    kind = "items" if isinstance(new, list) or isinstance(old, list) else "words"
    changes = word_diff.items(old, new) if kind == "items" else word_diff.words(old, new)
    if all(change == word_diff.SAME for change, _text in changes):
        return None
    return {"name": name, "label": label, "kind": kind, "changes": changes}


def differences(old, new):
    """What changed from ``old`` to ``new``, task by task, then the rest of the plan, part by part.

    Tasks are matched by their key, which a task keeps from version to version. Each changed part is
    ``{"name", "label", "kind": words|items, "changes": [(change, text or item)]}`` (see
    :mod:`fgc.domain.word_diff`): text compared word by word, lists (who, dates, statuses, answers,
    resources) item by item, so no two parts are ever run together.
    Returns {"tasks": [{"change": added|removed|changed, "position", "old", "new", "parts"}], "plan": [...]}.
    """
    old_tasks = {task["key"]: task for task in old["tasks"]}
    new_tasks = {task["key"]: task for task in new["tasks"]}
    changes = []
    for position, task in enumerate(new["tasks"], start=1):
        before = old_tasks.get(task["key"])
        if before is None:
            changes.append({"change": "added", "position": position, "old": None, "new": _task_view(task),
                            "parts": []})
            continue
        old_view, new_view = _task_view(before), _task_view(task)
        parts = [part for name, label in TASK_PARTS.items()
                 if (part := _part(name, label, old_view[name], new_view[name]))]
        if parts:
            changes.append({"change": "changed", "position": position, "old": old_view, "new": new_view,
                            "parts": parts})
    for task in old["tasks"]:
        if task["key"] not in new_tasks:
            changes.append({"change": "removed", "position": None, "old": _task_view(task), "new": None,
                            "parts": []})
    values = {side: {"contingency": document["contingency"] or "", "monitoring": document["monitoring"] or "",
                     "review_on": [document["review_on"]] if document["review_on"] else [],
                     "resources": [(row["what"], row["detail"] or "") for row in document["resources"]]}
              for side, document in (("old", old), ("new", new))}
    rest = [part for name, label in PLAN_PARTS.items()
            if (part := _part(name, label, values["old"][name], values["new"][name]))]
    return {"tasks": changes, "plan": rest}
