"""Builds the demo cases from :mod:`fgc.demo.content` through the domain's actions, as the app's pages would.

Every change is made by the action a page calls, by the demo user who would have made it, so each case's
stage history, versions and audit trail are what the app records. The builder only reads through the data
layer (to find the ids the actions return to it), and gives the actions past days for what happened before
today.
"""

import datetime
import itertools
import json
import random
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from ..data import baselines, child_views, closure_days, iso, network, plans, professionals
from ..data import cases as case_data
from ..data import family_links as link_data
from ..data import meetings as meeting_data
from ..db import write
from ..domain import casework, child_outcomes, family_links, family_visits, lifecycle, meetings, planning, preparation, referrals
from ..domain.workdays import WorkingCalendar, add_months
from ..service import targets
from .content.cases import BASELINE, CASES, MANAGER, REFERRER, SHARE_ALL, SHARE_WITH, SOCIAL_WORKER, VENUES
from .content.networks import NEIGHBOURS
from .content.plans import FAMILY_LINKS, PLANS
from .content.preparation import PREPARATION
from .history import History
from .network import Network, ascii_name

LONDON = ZoneInfo("Europe/London")
# The referral's sections, as the social worker fills them in, and the fields each one saves.
SECTIONS = {
    "family": ("legal_status", "plo_date", "court_date"),
    "risks": ("current_risks", "past_risks", "risk_details"),
    "purpose": ("reason", "decision_sought"),
    "needs": ("interpreter_language", "cultural_needs", "coordinator_preferences"),
    "referrer": ("referrer_name", "referrer_organisation", "referrer_contact", "social_worker_id", "manager_name",
                 "manager_signed_off_on"),
}


def done(outcome, what):
    """What a demo action made; a demo that the app's rules refuse is a mistake in the demo's content."""
    if not outcome.done:
        raise ValueError(f"demo: {what} was not done: {outcome.problem or 'someone else saved first'}")
    return outcome.value


def seed_cases(db, users_by_email, today, *, uid_domain="fgc.invalid", family_link_tokens=None):
    """Create the demo cases unless any case exists; return how many were created.

    ``users_by_email`` maps each demo email to its user row; ``today`` is a date. The demo family
    links' tokens (never stored, so only known now) are appended to ``family_link_tokens`` as
    (reference, person's name, token).
    """
    with write(db):
        if case_data.count(db):
            return 0
        builder = _Builder(db, users_by_email, today, uid_domain)
        for index, spec in enumerate(CASES):
            builder.build(spec, index)
        made = len(CASES) + History(builder).build()
    if family_link_tokens is not None:
        family_link_tokens.extend(builder.family_link_tokens)
    return made


class _Builder:
    done = staticmethod(done)  # for the network, which writes through the builder

    def __init__(self, db, users_by_email, today, uid_domain):
        self.db = db
        # Each demo user as the signed-in user the actions expect.
        self.users = {email: SimpleNamespace(id=row["id"], name=row["name"], email=row["email"])
                      for email, row in users_by_email.items()}
        self.targets = targets()
        self.today = today
        self.uid_domain = uid_domain
        self.cal = WorkingCalendar(closure_days.dates(db))
        # Ofcom's numbers for drama: no real phone rings. Each is used once across the demo.
        numbers = random.Random(0)  # nosec B311 # arranges fictional demo data; nothing secret comes from it
        self._mobiles = itertools.cycle(numbers.sample(range(400), 400))
        self._landlines = itertools.cycle(numbers.sample(range(500), 500))
        self._emails = set()
        self._neighbours = itertools.cycle(numbers.sample(NEIGHBOURS, len(NEIGHBOURS)))
        self.family_link_tokens = []

    def neighbour(self):
        """A friend or neighbour from outside the family, each in only one case while the list lasts."""
        return next(self._neighbours)

    def mobile(self):
        return f"07700 900{next(self._mobiles):03d}"

    def landline(self):
        return f"01632 960{next(self._landlines):03d}"

    def email(self, name):
        """An example.org address from a Latin-script name, or none if the name has no Latin letters."""
        parts = ["".join(char for char in ascii_name(word) if char.isalnum()) for word in name.split()]
        local = ".".join(part for part in parts if part)
        if not local:
            return ""
        address, number = f"{local}@example.org", 1
        while address in self._emails:
            number += 1
            address = f"{local}{number}@example.org"
        self._emails.add(address)
        return address

    # --- dates -----------------------------------------------------------------------------

    def working_on_or_before(self, day):
        while not self.cal.is_working_day(day):
            day -= datetime.timedelta(days=1)
        return day

    def working_on_or_after(self, day):
        while not self.cal.is_working_day(day):
            day += datetime.timedelta(days=1)
        return day

    def day(self, offset):
        """A working day ``offset`` days from today: past days snap back, future days forward."""
        day = self.today + datetime.timedelta(days=offset)
        return self.working_on_or_before(day) if offset <= 0 else self.working_on_or_after(day)

    # --- recording -------------------------------------------------------------------------

    def case(self, case_id):
        return case_data.get(self.db, case_id)

    def move(self, case_id, to_stage, user_email, **fields):
        """A move the coordinator makes on the case page (preparing, a pause, closing)."""
        done(casework.move(self.db, self.case(case_id), to_stage, user=self.users[user_email], **fields),
             f"moving case {case_id} to {to_stage}")

    def meeting(self, case_id, kind, day, index, coordinator, interpreter):
        venue, address, access = VENUES[index % len(VENUES)]
        start_time, end_time = (datetime.time(10), datetime.time(13)) if kind == "conference" else \
            (datetime.time(14), datetime.time(15, 30))
        values = {
            # Stored in UTC like every timestamp; shown in UK time.
            "starts_at": iso(datetime.datetime.combine(day, start_time, LONDON)),
            "ends_at": iso(datetime.datetime.combine(day, end_time, LONDON)),
            "venue": venue, "address": address, "access_notes": access,
            "interpreter_language": interpreter, "remote_details": "",
        }
        return done(meetings.schedule(self.db, self.case(case_id), kind, values, uid_domain=self.uid_domain,
                                      user=self.users[coordinator]), f"scheduling a {kind}")

    def held(self, case_id, meeting_id, day, coordinator):
        meeting = meeting_data.get(self.db, case_id, meeting_id)
        done(meetings.mark_held(self.db, self.case(case_id), meeting, day.isoformat(), user=self.users[coordinator],
                                private_time=meeting["kind"] == "conference"),
             f"recording that the {meeting['kind']} was held")

    # --- one case --------------------------------------------------------------------------

    def build(self, spec, index):
        """One demo case, walked along the main path to its stage as the app would have recorded it."""
        coordinator = spec["coordinator"]
        referred = self.working_on_or_before(self.today - datetime.timedelta(days=spec["referred"]))
        case_id = self._referral(spec, referred)
        self._offer(case_id, spec, referred)
        consent_ids = self._consents(case_id, spec, referred)
        reached = spec.get("from", spec["stage"])
        conference_day = self.day(spec["conference"]) if "conference" in spec else None
        case = SimpleNamespace(
            id=case_id, spec=spec, index=index, coordinator=coordinator, referred=referred, reached=reached,
            interpreter=spec.get("interpreter_language", ""), conference_day=conference_day,
            review_day=self.day(spec["review"]) if "review" in spec else None, conference_id=None, review_id=None,
            family=Network(self, case_id, spec), window=self._invitation_window(spec, referred, conference_day))
        for step in lifecycle.MAIN_PATH[1:lifecycle.MAIN_PATH.index(reached) + 1]:
            if step == "conference_held":
                case.family.invite(coordinator, case.window)
            getattr(self, f"_step_{step}")(case)

        family = case.family
        if not family.ids:  # not yet allocated: the social worker adds the family named in the referral
            family.add(SOCIAL_WORKER)
        family.exclude(coordinator or SOCIAL_WORKER, self.today)
        if not family.invited:
            family.invite(coordinator or SOCIAL_WORKER, case.window)
        self._pause(case_id, spec, consent_ids)
        held_meetings = [row for row in meeting_data.for_case(self.db, case_id) if row["status"] == "held"]
        if held_meetings:
            self.record_scales(case_id, held_meetings, coordinator)
        return case_id

    def _referral(self, spec, referred):
        """The social worker's referral, every section filled in and submitted on ``referred``."""
        db, sam = self.db, self.users[SOCIAL_WORKER]
        reference = spec.get("reference") or f"FGC-2026-{spec['number']:04d}"
        signed_off = self.working_on_or_before(referred - datetime.timedelta(days=1))
        case_id = done(referrals.start(db, reference=reference, urgent=spec.get("urgent", False),
                                       urgency_reason=spec.get("urgency_reason", ""), user=sam), "starting a referral")
        for name, born, gender, ethnicity, language, needs, *disability in spec["children"]:
            referrals.save_child(db, case_id, {"name": name, "date_of_birth": born, "gender": gender,
                                               "ethnicity": ethnicity, "first_language": language, "needs": needs,
                                               "disability": disability[0] if disability else ""}, user=sam)
        for name, relationship in spec["pr_holders"]:
            referrals.add_pr_holder(db, case_id, name=name, relationship=relationship, user=sam)
        answers = {
            **REFERRER,
            "social_worker_id": sam.id,
            "manager_signed_off_on": signed_off.isoformat(),
            "legal_status": spec["legal_status"],
            "plo_date": self.day(spec["plo"]).isoformat() if "plo" in spec else None,
            "court_date": self.day(spec["court"]).isoformat() if "court" in spec else None,
            "current_risks": spec["current_risks"], "past_risks": spec["past_risks"],
            "risk_details": spec["risk_details"], "reason": spec["reason"],
            "decision_sought": spec["decision_sought"],
            "interpreter_language": spec.get("interpreter_language", ""),
            "cultural_needs": spec.get("cultural_needs", ""),
            "coordinator_preferences": spec.get("coordinator_preferences", ""),
        }
        for section, fields in SECTIONS.items():
            case = self.case(case_id)
            done(referrals.save_section(db, case, section, {field: answers[field] for field in fields},
                                        case["version"], user=sam), f"the referral's {section} section")
        done(referrals.submit(db, case_id, user=sam, on=referred), "sending the referral")
        return case_id

    def _consents(self, case_id, spec, referred):
        recorder = self.users[spec["coordinator"] or SOCIAL_WORKER]
        consent_ids = []
        for given_by, basis, after in spec["consents"]:
            given_on = min(self.cal.add_working_days(referred, after), self.today)
            consent_ids.append(done(casework.record_consent(
                self.db, case_id, given_by=given_by, basis=basis, given_on=given_on.isoformat(), may_share=SHARE_ALL,
                share_with=SHARE_WITH, user=recorder), "recording consent"))
        return consent_ids

    # One method per stage of the main path, in order: what the coordinator (or manager) did there.

    def _step_allocated(self, case):
        allocated = self.cal.add_working_days(case.referred, 1)
        done(casework.allocate(self.db, self.case(case.id), self.users[case.coordinator].id,
                               user=self.users[MANAGER], on=allocated), "allocating the case")
        case.family.add(case.coordinator)

    def _step_baseline_held(self, case):
        db, coordinator = self.db, self.users[case.coordinator]
        held = self.cal.add_working_days(case.referred, case.spec["baseline"])
        done(casework.record_baseline(db, self.case(case.id), None, held_on=held.isoformat(),
                                      attendees=f"{coordinator.name} (coordinator), Sam Okafor (social worker)",
                                      objective=BASELINE["objective"], user=coordinator), "the baseline meeting")
        for kind, key in (("question", "questions"), ("bottom_line", "bottom_lines"), ("resource", "resources")):
            for text in BASELINE[key]:
                casework.add_baseline_item(db, case.id, kind, text, user=coordinator)
        case.family.exclude(case.coordinator, held)
        if case.reached == "baseline_held":  # gathering starts once the baseline meeting is held
            self.prepare(case.id, case.spec, case.coordinator, case.referred, case.conference_day)

    def _step_preparing(self, case):
        self.move(case.id, "preparing", case.coordinator)
        self.prepare(case.id, case.spec, case.coordinator, case.referred, case.conference_day)

    def _step_conference_scheduled(self, case):
        case.conference_id = self.meeting(case.id, "conference", case.conference_day, case.index, case.coordinator,
                                          case.interpreter)

    def _step_conference_held(self, case):
        self.held(case.id, case.conference_id, case.conference_day, case.coordinator)
        case.family.attend(case.coordinator, case.conference_id, "conference", self.professionals_took_part(case.id))
        if case.reached == "conference_held":  # the family's plan is still being written
            self.write_plan(case.id, case.spec, case.coordinator, case.conference_day, case.review_day)

    def _step_plan_agreed(self, case):  # the referrer agreeing the plan moves the case on
        self.agree_plan(case.id, case.spec, case.coordinator, case.conference_day, case.review_day)
        self.family_links(case.id, case.spec, case.coordinator, case.review_day)

    def _step_review_scheduled(self, case):
        case.review_id = self.meeting(case.id, "review", case.review_day, case.index, case.coordinator,
                                      case.interpreter)

    def _step_review_held(self, case):
        self.held(case.id, case.review_id, case.review_day, case.coordinator)
        case.family.attend(case.coordinator, case.review_id, "review",
                           self.professionals_took_part(case.id, review=True))
        self.review_plan(case.id, case.spec, case.coordinator, case.review_id, case.review_day)

    def _step_closed(self, case):
        """The coordinator closes the case with each child's outcome, then records the follow-ups that are due."""
        closure, user = case.spec["closure"], self.users[case.coordinator]
        children = [row["id"] for row in case_data.children(self.db, case.id)]
        outcome = {key: closure[key] for key in ("living_with", "arrangement", "proceedings", "legal_order")}
        done(child_outcomes.close(self.db, self.case(case.id), closed_on=self.day(case.spec["closed"]),
                                  notes=closure["notes"], outcomes={child: outcome for child in children}, user=user),
             "closing the case")
        for point, offset in closure.get("follow_ups", {}).items():
            for child in children:
                done(child_outcomes.record(self.db, self.case(case.id), child, point,
                                           {**outcome, "known_on": self.day(offset).isoformat(), "notes": ""}, None,
                                           user=user), f"recording the outcome {point}")

    def professionals_took_part(self, case_id, *, review=False):
        """Every professional came to the conference in person; at the review, the first (the social worker)
        came in person and the others joined remotely."""
        team = professionals.for_case(self.db, case_id)
        return {member["id"]: "in_person" if not review or number == 0 else "remote"
                for number, member in enumerate(team)}

    def _pause(self, case_id, spec, consent_ids):
        """A case in a side state: consent withdrawn (each consent in turn; the last pauses the case), on hold or
        declined by the family."""
        stage, coordinator = spec["stage"], spec["coordinator"]
        if stage == "withdrawn":
            withdrawn_on = self.day(spec["withdrawn"])
            for consent_id, (given_by, _, _) in zip(consent_ids, spec["consents"], strict=True):
                done(casework.withdraw_consent(self.db, self.case(case_id), consent_id, withdrawn_by=given_by,
                                               withdrawn_on=withdrawn_on.isoformat(), user=self.users[coordinator]),
                     "withdrawing consent")
        elif stage in lifecycle.PAUSED:
            self.move(case_id, stage, coordinator, note=spec["note"])

    # --- the family plan -------------------------------------------------------------------
    #
    # Written and decided through the plan pages' actions, so the versions, their hashes and the case's move to
    # plan agreed are exactly what the app would record. Decisions are stamped with the time of seeding, like the
    # rest of the history; the day the plan was agreed is the demo's.

    def _plan_refs(self, case_id):
        """For PLANS: network and professionals' names to their ids, and answer codes to what a task stores."""
        db = self.db
        people = {person["name"]: person["id"] for person in network.for_case(db, case_id)}
        team = professionals.for_case(db, case_id)
        staff = {member["name"]: member["id"] for member in team}
        items = baselines.items(db, case_id)
        answers = {f"q{number}": f"item:{item['id']}" for number, item in enumerate(items["question"])}
        answers |= {f"b{number}": f"item:{item['id']}" for number, item in enumerate(items["bottom_line"])}
        dangers = sorted(danger["id"] for member in team for danger in member["dangers"])
        answers |= {f"d{number}": f"danger:{danger_id}" for number, danger_id in enumerate(dangers)}
        return people, staff, answers

    def _task_values(self, refs, task, since, status="not_started"):
        people, staff, answers = refs
        unknown = [name for name in task["who"] if name not in people and name not in staff]
        if unknown:
            raise ValueError(f"a demo plan names someone who is not on the case: {', '.join(unknown)}")
        by_date = None
        if task["by"] is not None:
            by_date = self.working_on_or_after(since + datetime.timedelta(days=task["by"])).isoformat()
        return {"what": task["what"], "who_people": [people[name] for name in task["who"] if name in people],
                "who_professionals": [staff[name] for name in task["who"] if name not in people],
                "who_other": task["other"], "by_date": by_date, "by_when": task["when"],
                "checker": task["checker"], "status": status, "answers": [answers[code] for code in task["answers"]]}

    def write_plan(self, case_id, spec, coordinator, conference_day, review_day):
        """The family's plan as the coordinator types it up after the conference: the tasks, decisions noted
        against bottom lines, resources asked for, the contingency plan, who monitors it and the review date
        (the review meeting's day, or about three months after the conference)."""
        db, entry, user = self.db, PLANS[spec["number"]], self.users[coordinator]
        case = self.case(case_id)
        refs = self._plan_refs(case_id)
        for task in entry["tasks"]:
            done(planning.save_task(db, case, self._task_values(refs, task, conference_day), user=user,
                                    targets=self.targets), "a plan task")
        for code, decision in entry.get("decisions", {}).items():
            item_id = int(refs[2][code].partition(":")[2])
            planning.note_item_decision(db, case, item_id, decision, user=user, targets=self.targets)
        for what, detail, sign_off_needed in entry.get("resources", []):
            done(planning.save_resource(db, case, {"what": what, "detail": detail, "sign_off_needed": sign_off_needed},
                                        user=user, targets=self.targets), "a resource request")
        review_on = (review_day or add_months(conference_day, 3)).isoformat()
        self._plan_details(case_id, coordinator, {"contingency": entry["contingency"],
                                                  "monitoring": entry["monitoring"], "review_on": review_on})

    def _plan_details(self, case_id, user_email, changes):
        plan = plans.get(self.db, case_id)
        values = {key: plan[key] for key in plans.DETAILS} | changes
        done(planning.save_details(self.db, self.case(case_id), values, user=self.users[user_email],
                                   targets=self.targets, version=plan["version"]), "the plan's details")

    def _revise_plan(self, case_id, coordinator, revision, since):
        """The next version: tasks reworded (by their place in the plan), tasks added, and any change to the
        rest of the plan. A reworded task keeps the status it had."""
        db, user, case = self.db, self.users[coordinator], self.case(case_id)
        refs = self._plan_refs(case_id)
        current = plans.tasks(db, plans.get(db, case_id)["id"])
        for position, task in revision.get("change", {}).items():
            old = current[position]
            done(planning.save_task(db, case, self._task_values(refs, task, since, old["status"]), user=user,
                                    targets=self.targets, task_id=old["id"], version=old["version"]),
                 "a reworded plan task")
        for task in revision.get("add", []):
            done(planning.save_task(db, case, self._task_values(refs, task, since), user=user, targets=self.targets),
                 "a plan task")
        details = {key: revision[key] for key in ("contingency", "monitoring") if key in revision}
        if "review_months" in revision:
            details["review_on"] = add_months(since, revision["review_months"]).isoformat()
        if details:
            self._plan_details(case_id, coordinator, details)

    def _plan_ready(self, case_id, coordinator):
        plan = plans.get(self.db, case_id)
        done(planning.change_status(self.db, self.case(case_id), plan, plan["revision"], ready=True,
                                    user=self.users[coordinator]), "marking the plan ready")

    def _plan_decision(self, case_id, outcome, text="", on=None):
        """The referrer's decision on the plan as it now stands; returns the plan's status afterwards."""
        plan = plans.get(self.db, case_id)
        return done(planning.decide(self.db, self.case(case_id), plan, plan["revision"], outcome=outcome, text=text,
                                    user=self.users[SOCIAL_WORKER], on=on), f"the referrer's decision ({outcome})")

    def agree_plan(self, case_id, spec, coordinator, conference_day, review_day):
        """Write the plan and have the referrer decide on it until it is agreed, which moves the case to plan
        agreed on the demo's day for it: declined first and revised if the demo says so, and signed off by a
        manager where a resource needs it."""
        db, entry = self.db, PLANS[spec["number"]]
        agreed_on = self.cal.add_working_days(conference_day, entry["agreed_after"]) \
            if entry.get("agreed_after") else conference_day
        self.write_plan(case_id, spec, coordinator, conference_day, review_day)
        self._plan_ready(case_id, coordinator)
        if "decline" in entry:
            self._plan_decision(case_id, "declined", entry["decline"])
            self._revise_plan(case_id, coordinator, entry["revision"], conference_day)
            self._plan_ready(case_id, coordinator)
        status = self._plan_decision(case_id, *entry.get("outcome", ("agreed", "")), on=agreed_on)
        if status == "awaiting_sign_off":
            for resource in plans.resources(db, plans.get(db, case_id)["id"]):
                if resource["sign_off_needed"]:
                    status = done(planning.sign_off(db, self.case(case_id), plans.get(db, case_id), resource["id"],
                                                    resource["version"], outcome="approved", note=entry["sign_off"],
                                                    user=self.users[MANAGER], on=agreed_on), "a manager's sign-off")
        case = self.case(case_id)
        if status != "agreed" or case["stage"] != "plan_agreed":
            raise ValueError(f"demo case {case['reference']}: the plan was not agreed")

    def family_links(self, case_id, spec, coordinator, review_day):
        """Private links to the agreed plan for the people the demo names: one has said they have read it
        and given an update on a task, another has not opened theirs yet."""
        db, entry = self.db, FAMILY_LINKS.get(spec["number"])
        if not entry:
            return
        people = {person["name"]: person["id"] for person in network.for_case(db, case_id)}
        plan = plans.get(db, case_id)
        agreed = plans.latest_agreed(db, plan["id"])
        keys = [task["key"] for task in json.loads(agreed["content"])["tasks"]]
        review_on = review_day or datetime.date.fromisoformat(plan["review_on"])
        expires = datetime.datetime.combine(review_on + datetime.timedelta(days=14), datetime.time.max, LONDON)
        reference = self.case(case_id)["reference"]
        for name, said in entry.items():
            link_id, token = done(family_links.create(db, case_id, people[name], expires_at=iso(expires),
                                                      pin_hash=None, consent_withdrawn=False,
                                                      user=self.users[coordinator]), f"a family link for {name}")
            self.family_link_tokens.append((reference, name, token))
            link = link_data.get(db, case_id, link_id)
            if said.get("read"):
                family_visits.viewed(db, link, agreed["number"])
                family_visits.acknowledge(db, link, plan["id"], agreed["number"])
            for position, (finished, note) in said.get("updates", {}).items():
                family_visits.update_task(db, link, plan["id"], agreed["number"], keys[position], done_now=finished,
                                          note=note)

    def review_plan(self, case_id, spec, coordinator, review_id, review_day):
        """The review of the agreed plan: each task done, in progress or not done, and what has changed. Where
        the family change the plan, the new version started from the review is revised and agreed. Everyone's
        scales at the review are recorded with the others' (:meth:`record_scales`)."""
        entry = PLANS[spec["number"]].get("review")
        if entry is None:
            return
        db = self.db
        plan = plans.get(db, case_id)
        agreed = plans.latest_agreed(db, plan["id"])
        keys = [task["key"] for task in json.loads(agreed["content"])["tasks"]]
        revision = entry.get("next")
        done(planning.record_review(db, self.case(case_id), meeting_data.get(db, case_id, review_id), agreed["number"],
                                    held_on=review_day.isoformat(), changes=entry["changes"],
                                    outcomes=dict(zip(keys, entry["outcomes"], strict=True)), scores={},
                                    new_version=revision is not None, user=self.users[coordinator]),
             "the plan's review")
        if revision:
            self._revise_plan(case_id, coordinator, revision, review_day)
            self._plan_ready(case_id, coordinator)
            if self._plan_decision(case_id, "agreed") != "agreed":
                raise ValueError(f"demo case {spec['number']}: the reviewed plan was not agreed")

    def record_scales(self, case_id, held_meetings, coordinator):
        """Everyone's 0-10 scale at each held meeting, rising as the plan takes hold."""
        db, rng = self.db, random.Random(case_id)  # nosec B311 # arranges fictional demo data; nothing secret comes from it
        family = {person["id"]: rng.randint(3, 6) for person in network.for_case(db, case_id) if not person["excluded"]}
        team = {row["id"]: row["scale"] for row in professionals.for_case(db, case_id) if row["scale"] is not None}
        children = {row["child_id"]: row["scale"] for row in child_views.for_case(db, case_id)
                    if row["scale"] is not None}
        for step, meeting in enumerate(held_meetings):
            scores = {("family", person_id): min(10, base + 2 * step) for person_id, base in family.items()}
            scores.update({("professional", row_id): min(10, base + 2 * step) for row_id, base in team.items()})
            scores.update({("child", child_id): min(10, base + step) for child_id, base in children.items()})
            preparation.record_scales(db, case_id, meeting["id"], scores, user=self.users[coordinator])

    def prepare(self, case_id, spec, coordinator, referred, conference_day):
        """What each professional brings and each child's views, as the coordinator gathers them after the
        baseline meeting. Everything was shared with the family before a conference that has been held."""
        db, plan, user = self.db, PREPARATION[spec["number"]], self.users[coordinator]
        reached = spec.get("from", spec["stage"])
        held = lifecycle.MAIN_PATH.index(reached) >= lifecycle.MAIN_PATH.index("conference_held")
        first = self.cal.add_working_days(referred, spec["baseline"] + 1)
        last = min(self.today, conference_day - datetime.timedelta(days=1)) if conference_day else self.today
        for number, entry in enumerate(plan["professionals"]):
            values = {key: entry[key] for key in professionals.DETAILS}
            professional_id = done(preparation.save_professional(db, case_id, values, user=user), "a professional")
            for danger, safety_goal in entry["dangers"]:
                preparation.add_danger(db, case_id, professional_id, danger, safety_goal, user=user)
            if held or entry["shared"]:
                on = max(first, self.working_on_or_before(last - datetime.timedelta(days=2 * number)))
                preparation.mark_shared(db, case_id, professional_id, on.isoformat(), user=user)
        for child, views in zip(case_data.children(db, case_id), plan["children"], strict=True):
            done(preparation.save_child_views(db, case_id, child["id"], views, None, user=user), "a child's views")

    def _invitation_window(self, spec, referred, conference_day):
        """When the coordinator contacted and invited people: after allocation, and after the baseline
        meeting once invitations go out, until the day before the conference."""
        first = self.cal.add_working_days(referred, 1)
        baseline = self.cal.add_working_days(referred, spec["baseline"]) if "baseline" in spec else None
        reached = spec.get("from", spec["stage"])
        if baseline is None or reached == "baseline_held":
            return first, baseline or self.today
        last = conference_day - datetime.timedelta(days=1) if conference_day else self.today
        return self.cal.add_working_days(baseline, 1), last

    def _offer(self, case_id, spec, referred):
        """The s.31ZA record for pre-proceedings cases: an offer in the letter, or the best-interests exception."""
        kind = spec.get("offer")
        if kind is None:
            return
        letter = self.working_on_or_before(referred - datetime.timedelta(days=7))
        if kind == "exception":
            values = {"exception_reason": "An emergency protection order was needed the same day to keep Kai "
                                          "safe, so a meeting before proceedings was not in his best interests. "
                                          "A family group conference was offered once proceedings began.",
                      "exception_decided_by": "Priya Desai, team manager",
                      "exception_decided_on": letter.isoformat(), "response": None}
        else:
            answered = min(self.cal.add_working_days(letter, 3), self.today)
            values = {"offered_on": letter.isoformat(), "in_letter_before_proceedings": 1,
                      "letter_date": letter.isoformat(), "response": kind, "response_on": answered.isoformat(),
                      "exception_reason": "", "exception_decided_by": "",
                      "declined_reason": spec.get("declined_reason", "privacy") if kind == "declined" else ""}
        done(casework.record_offer(self.db, case_id, values, None, user=self.users[SOCIAL_WORKER]), "the s.31ZA record")
