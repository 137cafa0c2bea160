"""The family's own copy of their plan as a PDF, in Welsh or English.

It says what the family page says (fgc.views.family): their tasks first, everyone else's, the bottom
lines and questions the tasks answer (as BL1, Q1, with a key), what happens if the plan stops working,
who keeps an eye on it, the review date and who their coordinator is, marked "not agreed yet" when it
is a draft. It is built from :func:`print_view`, which copies only
those parts out of the plan document, so the council's side of the case (the referrer's decision
text, resource sign-off notes, the professionals' worries, the network and anyone's contact
details, the version's hash) cannot reach the template at all.

The HTML comes from ``templates/print/family_plan.html`` (with ``static/print/family.css`` on top
of ``base.css``) and is rendered by :mod:`fgc.render.pdf`, whose fetcher serves only the bundled print
assets. Words come from the same Welsh and English catalogue as the family pages, so it must be
rendered inside the family's request (Flask-Babel's locale). Page numbers and the "Private"
marking are set per language by family.css from the class on ``<html>``: no text from the plan is
ever written into CSS.
"""

from flask import current_app
from flask_babel import gettext as _

TEMPLATE = "print/family_plan.html"
FILENAMES = {"en": "family-plan.pdf", "cy": "cynllun-teulu.pdf"}


def _entry(entry):
    """A bottom line or question a task answers: only what the key prints."""
    return {"ref": entry["ref"], "kind": entry["kind"], "number": entry["number"], "text": entry["text"]}


def _task(number, task, answers, update=None):
    # No key may share a dict method's name (update, items, keys...): Jinja's ``task.update`` finds the method.
    return {
        "number": number,
        "key": task["key"],
        "what": task["what"],
        "who": [who["name"] for who in task["who"]],
        "by_date": task["by_date"],
        "by_when": task["by_when"],
        "checker": task["checker"],
        "answers": [_entry(entry) for entry in answers.get(task["key"], [])],
        "reported": {"done": bool(update["done"]), "note": update["note"] or ""} if update else None,
    }


def print_view(context):
    """Only what the family page shows, from fgc.views.family's plan context. Nothing else is passed on."""
    document = context["document"]
    updates = context.get("updates") or {}
    answers = context.get("answers") or {}
    decision = document.get("decision") or {}
    coordinator = context.get("coordinator")
    person = context.get("person")
    return {
        "person": person["name"] if person else None,
        "agreed": bool(context["agreed"]),
        "agreed_on": (decision.get("at") or "")[:10] if context["agreed"] else None,
        "number": context["number"],
        "mine": [_task(number, task, answers, updates.get(task["key"])) for number, task in context["mine"]],
        "others": [_task(number, task, answers) for number, task in context["others"]],
        "key": [_entry(entry) for entry in context.get("key") or []],
        "contingency": document.get("contingency") or "",
        "monitoring": document.get("monitoring") or "",
        "review_on": document.get("review_on"),
        "acknowledged": (context.get("acknowledged") or "")[:10] or None,
        "coordinator": {"name": coordinator["name"], "email": coordinator["email"]} if coordinator else None,
    }


def html_for(context, *, language):
    """The print HTML. Needs the family's request (for the language and Jinja's ``_``)."""
    # Straight through the app's Jinja environment, as fgc.render.case_file does: the web pages' context
    # processors (CSP nonce and the like) have nothing to say to a PDF.
    return current_app.jinja_env.get_template(TEMPLATE).render(
        plan=print_view(context), language="cy" if language == "cy" else "en",
        author=_("Family Group Conference service"))


def filename(language):
    """``family-plan.pdf`` or ``cynllun-teulu.pdf``: never a name or a reference."""
    return FILENAMES.get(language, FILENAMES["en"])
