"""Two years of earlier demo cases, made by the same actions as the pages, dated in the past: referrals from about
two years ago to last month, each taking one of the routes real cases take (declined, consent withdrawn, closed
without a conference, or through the conference, the plan and a review to closure) and ending with each child's
outcome at closure and the follow-ups at 3 and 12 months that have fallen due (most recorded, a few not).

The choices are random but seeded, so every ``seed-demo`` makes the same history relative to its day.
"""

import datetime
import random

from ..data import cases as case_data
from ..data import meetings as meeting_data
from ..data import plans
from ..domain import casework, child_outcomes, family_network, meetings, planning, preparation
from ..domain.workdays import add_months
from .content.cases import CERYS, MANAGER, SOCIAL_WORKER, TOMASZ
from .content.history import BACKGROUNDS, DECISION, FAMILY_NAMES, FIRST_NAMES, REASON, RELATIVES, RESOURCES, TASKS

CASES = 104  # one referral a week, give or take, for two years
FIRST_DAYS_AGO = 760
LEGAL = [("pre_proceedings", 35), ("child_protection", 25), ("child_in_need", 25), ("section_20", 8),
         ("looked_after", 7)]
ROUTES = [("conference", 76), ("declined", 9), ("withdrawn", 8), ("stopped", 7)]
# Where a child lives at a follow-up: (living with, arrangement, proceedings, legal order) and its weight.
OUTCOMES = [
    (("parents", "", "no", "none"), 44),
    (("parents", "", "no", "supervision"), 4),
    (("wider_family", "informal", "no", "none"), 14),
    (("wider_family", "order", "no", "child_arrangements"), 7),
    (("wider_family", "order", "yes", "special_guardianship"), 5),
    (("wider_family", "kinship_foster", "yes", "interim_care"), 7),
    (("care", "", "yes", "care"), 12),
    (("care", "", "yes", "interim_care"), 3),
    (("other", "", "unknown", "unknown"), 4),
]


def _pick(rng, weighted):
    return rng.choices([value for value, _weight in weighted], [weight for _value, weight in weighted])[0]


class History:
    """Builds the history through a demo :class:`~fgc.demo.builder._Builder` (its users, calendar and helpers)."""

    def __init__(self, builder):
        self.b = builder
        self.rng = random.Random(2024)  # nosec B311 # arranges fictional demo data; nothing secret comes from it

    def build(self, count=CASES):
        step = (FIRST_DAYS_AGO - 30) / count
        for number in range(count):
            self.case(number, self.b.working_on_or_before(
                self.b.today - datetime.timedelta(days=round(FIRST_DAYS_AGO - number * step))))
        return count

    # --- one case -------------------------------------------------------------------------

    def case(self, number, referred):
        b, rng = self.b, self.rng
        coordinator = CERYS if number % 2 else TOMASZ
        legal = _pick(rng, LEGAL)
        route = _pick(rng, ROUTES)
        offer = None
        if legal in ("pre_proceedings", "looked_after"):
            offer = "exception" if rng.random() < 0.08 else (
                "declined" if route == "declined" else "withdrawn" if route == "withdrawn" and rng.random() < 0.5
                else "accepted")
        family = rng.choice(FAMILY_NAMES)
        background = rng.choice(BACKGROUNDS)
        children = [self._child(family, background, referred) for _n in range(rng.choice([1, 1, 1, 2, 2, 3]))]
        spec = {"number": 2000 + number, "reference": f"FGC-{referred.year}-H{number + 1:03d}",
                "urgent": rng.random() < 0.12, "children": children,
                "pr_holders": [(f"{rng.choice(FIRST_NAMES)} {family}", "Mother")]
                + ([(f"{rng.choice(FIRST_NAMES)} {family}", "Father")] if rng.random() < 0.5 else []),
                "legal_status": legal, "current_risks": rng.sample(["domestic_abuse", "substance_use",
                                                                    "mental_health"], rng.randint(1, 2)),
                "past_risks": [], "risk_details": "", "reason": REASON, "decision_sought": DECISION,
                "offer": offer, "declined_reason": rng.choice(["privacy", "no_network", "disagree", "other_support"]),
                "coordinator": coordinator, "consents": [(f"Parent {family}", "parental_responsibility", 1)]}
        if spec["urgent"]:
            spec["urgency_reason"] = "The children's main carer is in hospital."
        case_id = b._referral(spec, referred)
        b._offer(case_id, spec, referred)
        consent_ids = b._consents(case_id, spec, referred)
        allocated = b.cal.add_working_days(referred, 1)
        if allocated > b.today:
            return
        done = b.done
        done(casework.allocate(b.db, b.case(case_id), b.users[coordinator].id, user=b.users[MANAGER], on=allocated),
             "allocating a history case")
        if route == "declined" or offer == "declined":
            b.move(case_id, "declined_by_family", coordinator, note="The family did not want a conference.")
            return
        user = b.users[coordinator]
        baseline = b.cal.add_working_days(referred, 1 if spec["urgent"] and rng.random() < 0.7 else
                                          rng.choice([1, 2, 3, 3, 4, 4, 5, 5, 6, 8]))
        if baseline > b.today:
            return
        done(casework.record_baseline(b.db, b.case(case_id), None, held_on=baseline.isoformat(), attendees="",
                                      objective="A family plan that keeps the children safe.", user=user),
             "a history baseline")
        people = self._network(case_id, family, user)
        self._views(case_id, user)
        if route == "withdrawn":
            withdrawn = min(b.cal.add_working_days(baseline, rng.randint(5, 20)), b.today)
            done(casework.withdraw_consent(b.db, b.case(case_id), consent_ids[0], withdrawn_by=f"Parent {family}",
                                           withdrawn_on=withdrawn.isoformat(), user=user), "withdrawing consent")
            self._close(case_id, coordinator, withdrawn + datetime.timedelta(days=rng.randint(7, 40)), None)
            return
        if route == "stopped":
            stopped = min(b.cal.add_working_days(baseline, rng.randint(5, 25)), b.today)
            b.move(case_id, "on_hold", coordinator, note="The children's circumstances changed.")
            self._close(case_id, coordinator, stopped + datetime.timedelta(days=rng.randint(7, 40)), None)
            return
        self._conference(case_id, spec, coordinator, referred, people)

    def _child(self, family, background, referred):
        rng = self.rng
        born = referred - datetime.timedelta(days=rng.randint(60, 16 * 365))
        disability = _pick(rng, [("no", 70), ("yes", 12), ("unknown", 8), ("", 10)])
        return (f"{rng.choice(FIRST_NAMES)} {family}", born.isoformat(), rng.choice(["Female", "Male"]),
                background[0], background[1], "", disability)

    def _network(self, case_id, family, user):
        rng, b = self.rng, self.b
        children = [row["id"] for row in case_data.children(b.db, case_id)]
        people = [({"name": f"{rng.choice(FIRST_NAMES)} {rng.choice([family] + FAMILY_NAMES)}",
                    "side": rng.choice(["maternal", "paternal"]), "roles": ["relative"]},
                   {child: rng.choice(RELATIVES) for child in children}) for _n in range(rng.randint(2, 9))]
        return b.done(family_network.add_people(b.db, case_id, people, user=user), "a history network")

    def _views(self, case_id, user):
        rng, b = self.rng, self.b
        for child in case_data.children(b.db, case_id):
            gathered = _pick(rng, [("direct", 40), ("advocate", 25), ("letter_or_drawing", 10), (None, 25)])
            attending = _pick(rng, [("yes", 30), ("part", 15), ("no", 45), (None, 10)])
            b.done(preparation.save_child_views(b.db, case_id, child["id"], {
                "wishes": "To stay close to their family." if gathered else "", "gathered": gathered,
                "attending": attending, "gathered_note": "", "advocate_name": ""}, None, user=user), "a child's views")

    def _conference(self, case_id, spec, coordinator, referred, people):
        rng, b = self.rng, self.b
        user = b.users[coordinator]
        day = b.cal.add_working_days(referred, rng.choice([18, 24, 28, 32, 35, 38, 40, 44, 50, 60]))
        b.move(case_id, "preparing", coordinator)
        conference = b.meeting(case_id, "conference", day, spec["number"], coordinator, "")
        if day > b.today:
            return
        meeting = meeting_data.get(b.db, case_id, conference)
        b.done(meetings.mark_held(b.db, b.case(case_id), meeting, day.isoformat(), user=user,
                                  private_time=rng.random() < 0.85), "a history conference")
        modes = {person: _pick(rng, [("in_person", 55), ("remote", 15), ("written_views", 10), ("did_not_attend", 20)])
                 for person in people}
        family_network.record_attendance(b.db, case_id, conference, modes, user=user)
        agreed = day if rng.random() < 0.7 else b.cal.add_working_days(day, rng.randint(1, 10))
        if agreed > b.today:
            return
        self._plan(case_id, coordinator, day, agreed)
        review = add_months(agreed, 3) + datetime.timedelta(days=rng.choice([-10, -5, -2, 0, 0, 6, 14, 30]))
        review = b.working_on_or_before(review)
        held_review = rng.random() < 0.9 and review <= b.today
        if held_review:
            review_id = b.meeting(case_id, "review", review, spec["number"], coordinator, "")
            b.done(meetings.mark_held(b.db, b.case(case_id), meeting_data.get(b.db, case_id, review_id),
                                      review.isoformat(), user=user, private_time=rng.random() < 0.6),
                   "a history review")
        closed = (review if held_review else add_months(agreed, 4)) + datetime.timedelta(days=rng.randint(7, 60))
        self._close(case_id, coordinator, closed, day)

    def _plan(self, case_id, coordinator, conference, agreed):
        rng, b = self.rng, self.b
        user, case = b.users[coordinator], b.case(case_id)
        for what in rng.sample(TASKS, rng.randint(2, 4)):
            b.done(planning.save_task(b.db, case, {
                "what": what, "who_people": [], "who_professionals": [], "who_other": "The family",
                "by_date": None, "by_when": "Every week", "checker": "The coordinator", "status": "not_started",
                "answers": []}, user=user, targets=b.targets), "a history plan task")
        for what in rng.sample(RESOURCES, rng.randint(0, 2)):
            b.done(planning.save_resource(b.db, case, {"what": what, "detail": "", "sign_off_needed": 0},
                                          user=user, targets=b.targets), "a history resource")
        plan = plans.get(b.db, case_id)
        b.done(planning.change_status(b.db, b.case(case_id), plan, plan["revision"], ready=True, user=user),
               "a history plan made ready")
        plan = plans.get(b.db, case_id)
        b.done(planning.decide(b.db, b.case(case_id), plan, plan["revision"], outcome="agreed", text="",
                               user=b.users[SOCIAL_WORKER], on=agreed), "a history plan agreed")

    def _close(self, case_id, coordinator, closed, conference):
        """Close the case (if that day has come) with each child's outcome, then the follow-ups fallen due."""
        rng, b = self.rng, self.b
        user = b.users[coordinator]
        children = [row["id"] for row in case_data.children(b.db, case_id)]
        where = {child: _pick(rng, OUTCOMES) for child in children}
        if closed < b.today:
            closed = b.working_on_or_before(closed)
            outcomes = {child: dict(zip(("living_with", "arrangement", "proceedings", "legal_order"), where[child]))
                        for child in children}
            b.done(child_outcomes.close(b.db, b.case(case_id), closed_on=closed, notes="", outcomes=outcomes,
                                        user=user), "closing a history case")
        if conference is None:
            return
        for point, months in (("three_months", 3), ("twelve_months", 12)):
            due = add_months(conference, months)
            found = due + datetime.timedelta(days=rng.randint(0, 20))
            if found > b.today or rng.random() < 0.1:
                continue
            if months == 12 and rng.random() < 0.2:  # some children's lives change in the year
                where = {child: _pick(rng, OUTCOMES) for child in children}
            for child in children:
                values = dict(zip(("living_with", "arrangement", "proceedings", "legal_order"), where[child]))
                b.done(child_outcomes.record(b.db, b.case(case_id), child, point,
                                             {**values, "known_on": found.isoformat(), "notes": ""}, None, user=user),
                       "a history follow-up")
