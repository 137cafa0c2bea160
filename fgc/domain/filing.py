"""The plan PDFs: the case-file copy of each frozen version, the working draft, and the family's own PDF.

Every PDF is made in the background by the job queue (``fgc.domain.jobs``), never while a page waits. A request
for one gets a :class:`Download`: ready (with the bytes), preparing (a job is waiting or running) or failed
(every attempt failed; the person asking may try again).

- **Frozen versions** never change, so each one's PDF is made once and kept in ``plan_pdfs`` under a key made
  of the version's id, its SHA-256 and :data:`fgc.render.case_file.TEMPLATE_REVISION`. The kept PDF says who
  first asked for it and when; that copy is the filed document. An agreed version is queued for rendering in the
  transaction that agrees it, so it is usually ready before anyone asks.
- **The draft** is printed as it stood when it was asked for. Its key is the plan document's digest, so an
  unchanged draft is rendered once, and the copy kept says who first asked and when. Only the newest draft of
  each plan is kept (``kept_pdfs``).
- **The family's PDF** is keyed by the HTML it prints, which holds only what their page shows, in their
  language; the newest per plan and language is kept.

Everything printed comes from the plan document, which holds no contact details.
"""

import hashlib
import json
from dataclasses import dataclass

from flask import current_app

from ..data import jobs as job_data
from ..data import now
from ..data import plans as plan_data
from ..data import users as user_data
from ..db import write
from ..render import case_file, pdf
from . import audit, jobs
from .plan_document import answer_key, assemble, canonical, digest, task_answers

READY, PREPARING, FAILED = "ready", "preparing", "failed"


class VersionTampered(Exception):
    """A frozen version's content no longer matches its SHA-256: it is not printed as agreed."""


@dataclass(frozen=True)
class Download:
    """What a request for a PDF found: ``state`` READY (``pdf`` holds it), PREPARING or FAILED (``job`` says why)."""

    state: str
    pdf: bytes = None
    job: dict = None


def _html(document, *, agreed, user, sha256):
    key = answer_key(document)
    return case_file.html_for(document, agreed=agreed, generated_by=audit.user_name(user), generated_at=now(),
                              sha256=sha256, key=key,
                              answers={task["key"]: task_answers(task, key) for task in document["tasks"]})


def _render(html):
    return pdf.render(html, timeout=current_app.config["PDF_JOB_TIMEOUT"])


def _requested(db, kind, key, payload, *, case_id, user_id, retry):
    """The job for ``key``: the one waiting or running, else a new one, unless the last one failed (and this is
    not a retry)."""
    last = job_data.latest(db, key)
    if last is not None and last["state"] == "failed" and not retry:
        return Download(FAILED, job=last)
    if last is None or last["state"] in ("done", "failed"):
        last = jobs.enqueue(db, kind, payload(), key=key, case_id=case_id, user_id=user_id)
    return Download(PREPARING, job=last)


# --- frozen versions --------------------------------------------------------------------------------


def cache_key(version_row):
    text = f"plan-version:{version_row['id']}:{version_row['sha256']}:template-{case_file.TEMPLATE_REVISION}"
    return hashlib.sha256(text.encode()).hexdigest()


def _belongs(case, plan, version_row):
    if version_row["plan_id"] != plan["id"] or plan["case_id"] != case["id"]:
        raise LookupError(version_row["id"])


def _check(case, plan, version_row):
    _belongs(case, plan, version_row)
    if digest(version_row["content"]) != version_row["sha256"]:
        raise VersionTampered(version_row["id"])


def version_download(db, case, plan, version_row, user, *, retry=False):
    """A frozen version's PDF: the kept copy if there is one, else its render queued.

    Raises VersionTampered if the stored content no longer matches its hash.
    """
    _belongs(case, plan, version_row)
    key = cache_key(version_row)
    kept = plan_data.cached_pdf(db, key)
    if kept is not None:
        return Download(READY, pdf=bytes(kept))
    _check(case, plan, version_row)
    return _requested(db, "pdf.version", key, lambda: {"version_id": version_row["id"]}, case_id=case["id"],
                      user_id=audit.user_id(user), retry=retry)


def queue_version(db, case_id, version_row, *, user_id):
    """Queue a frozen version's PDF now, in the caller's transaction: for a version just agreed."""
    key = cache_key(version_row)
    if plan_data.cached_pdf(db, key) is None:
        jobs.enqueue(db, "pdf.version", {"version_id": version_row["id"]}, key=key, case_id=case_id,
                     user_id=user_id)


def version_pdf(db, case, plan, version_row, user):
    """A frozen version's PDF, rendered now if it is not kept yet, and kept. Raises VersionTampered."""
    _check(case, plan, version_row)
    key = cache_key(version_row)
    kept = plan_data.cached_pdf(db, key)
    if kept is not None:
        return bytes(kept)
    document = json.loads(version_row["content"])
    rendered = _render(_html(document, agreed=case_file.is_agreed(version_row["outcome"]), user=user,
                             sha256=version_row["sha256"]))
    with write(db):
        plan_data.store_pdf(db, key, version_row["id"], rendered, user_id=audit.user_id(user))
        audit.case_event(db, user, "plan.pdf_made", case["id"], {"number": version_row["number"], "draft": False})
        # Someone else may have kept theirs first: everyone gets the same filed copy.
        kept = plan_data.cached_pdf(db, key)
    return bytes(kept)


@jobs.kind("pdf.version")
def _make_version(db, job):
    version_row = plan_data.version_by_id(db, job["payload"]["version_id"])
    if version_row is None:
        raise jobs.Permanent("the version no longer exists")
    plan = plan_data.by_id(db, version_row["plan_id"])
    case = {"id": plan["case_id"]}
    try:
        version_pdf(db, case, plan, version_row, user_data.get(db, job["requested_by"]))
    except VersionTampered as error:
        raise jobs.Permanent("the version no longer matches its SHA-256") from error


# --- the draft and the family's PDF -----------------------------------------------------------------


def draft_key(document):
    text = f"plan-draft:{digest(canonical(document))}:template-{case_file.TEMPLATE_REVISION}"
    return hashlib.sha256(text.encode()).hexdigest()


def draft_download(db, case, plan, user, *, retry=False):
    """The plan as it stands now, marked DRAFT: the kept copy if nothing has changed since it was made, else
    its render queued (printed as it stands now, by and for ``user``)."""
    document = assemble(db, case, plan)
    key = draft_key(document)
    kept = job_data.kept_pdf(db, key)
    if kept is not None:
        return Download(READY, pdf=kept)
    return _requested(
        db, "pdf.kept", key,
        lambda: {"html": _html(document, agreed=False, user=user, sha256=None), "kind": "draft",
                 "plan_id": plan["id"], "language": "", "number": plan["number"]},
        case_id=case["id"], user_id=audit.user_id(user), retry=retry)


def draft_pdf(db, case, plan, user):
    """The plan as it stands now, marked DRAFT, rendered now and not kept: for tests and the command line."""
    return _render(_html(assemble(db, case, plan), agreed=False, user=user, sha256=None))


def family_download(db, plan, html, *, language, link_id, retry=False):
    """The family's PDF of ``html`` (fgc.render.family_pdf.html_for): kept, or its render queued."""
    key = hashlib.sha256(f"family:{language}:template-{case_file.TEMPLATE_REVISION}:{html}".encode(
        "utf-8", "surrogatepass")).hexdigest()
    kept = job_data.kept_pdf(db, key)
    if kept is not None:
        return Download(READY, pdf=kept)
    return _requested(db, "pdf.kept", key,
                      lambda: {"html": html, "kind": "family", "plan_id": plan["id"], "language": language,
                               "number": plan["number"], "link_id": link_id},
                      case_id=plan["case_id"], user_id=None, retry=retry)


@jobs.kind("pdf.kept")
def _make_kept(db, job):
    payload = job["payload"]
    if job_data.kept_pdf(db, job["key"]) is not None:
        return
    rendered = _render(payload["html"])
    with write(db):
        job_data.keep_pdf(db, key=job["key"], kind=payload["kind"], plan_id=payload["plan_id"],
                          language=payload["language"], pdf=rendered, generated_by=job["requested_by"], at=now())
        detail = {"number": payload["number"], "draft": payload["kind"] == "draft"}
        if payload["kind"] == "family":
            detail = {"number": payload["number"], "family": True, "language": payload["language"],
                      "link_id": payload["link_id"]}
        audit.record("plan.pdf_made", record_type="case", record_id=job["case_id"], detail=detail, db=db,
                     user=user_data.get(db, job["requested_by"]) if job["requested_by"] else None,
                     actor=None if job["requested_by"] else "worker")
