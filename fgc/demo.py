"""Fictional demo cases for ``flask --app fgc seed-demo``: every stage, owned by the demo accounts.

Every name, date and detail here is invented. The cases are built through the data
layer the way the app builds them (draft, sections, submit, allocate, baseline,
meetings, stage moves), so their stage history, deadlines and dashboards look real.
Dates are placed relative to ``today`` so the demo always has something due,
something overdue and a conference in the coming fortnight.
"""

import datetime
from zoneinfo import ZoneInfo

from . import lifecycle
from .data import audit as audit_data
from .data import baselines, closure_days, consents, iso, offers
from .data import cases as case_data
from .data import meetings as meeting_data
from .db import write
from .workdays import WorkingCalendar

LONDON = ZoneInfo("Europe/London")
ACTOR = "seed-demo"
SECTIONS_DONE = ["family", "risks", "purpose", "needs", "referrer"]

SOCIAL_WORKER = "sam.okafor@demo.example.org"
MANAGER = "morgan.ellis@demo.example.org"
CERYS = "cerys.llywelyn@demo.example.org"
TOMASZ = "tomasz.nowak@demo.example.org"

REFERRER = {
    "referrer_name": "Sam Okafor",
    "referrer_organisation": "Children’s Services, Safeguarding Team East (fictional)",
    "referrer_contact": "sam.okafor@demo.example.org",
    "manager_name": "Priya Desai",
}

SHARE_ALL = "The referral, the baseline note and professionals’ reports"
SHARE_WITH = "Family members invited to the conference, and the professionals attending"

# Dates are days relative to today: ``referred`` days ago; ``baseline`` working days after the
# referral; ``conference``, ``review`` and ``closed`` days from today (negative: in the past).
CASES = [
    {
        "number": 101, "stage": "referred", "coordinator": None, "referred": 1,
        "urgent": True,
        "urgency_reason": "The children’s grandmother, who cares for them most days, went into hospital "
                          "yesterday. The family need a plan for this week.",
        "children": [("Rhodri Prys", "2017-03-14", "Male", "White Welsh", "Welsh", ""),
                     ("Elin Prys", "2020-09-02", "Female", "White Welsh", "Welsh", "")],
        "pr_holders": [("Siân Prys", "Mother"), ("Gareth Prys", "Father")],
        "legal_status": "child_protection", "current_risks": ["substance_use"], "past_risks": ["mental_health"],
        "risk_details": "Mother’s alcohol use has increased since the grandmother became unwell.",
        "reason": "The grandmother’s care has kept the children safe; without her the protection plan is at risk.",
        "decision_sought": "Who in the family can care for Rhodri and Elin each day while their grandmother "
                           "is in hospital, and how will they be kept safe in the evenings?",
        "cultural_needs": "The family speak Welsh at home and would like the conference in Welsh.",
        "coordinator_preferences": "A Welsh-speaking coordinator, if possible.",
        "consents": [("Siân Prys", "parental_responsibility", 0)],
    },
    {
        "number": 102, "stage": "allocated", "coordinator": CERYS, "referred": 20,
        # Overdue: allocated, but no baseline meeting within 5 working days of the referral.
        "children": [("Gwenllïan ap Dafydd", "2022-06-21", "Female", "White Welsh", "Welsh", "")],
        "pr_holders": [("Dafydd ap Ifan", "Father"), ("Lowri Bevan", "Mother")],
        "legal_status": "child_in_need", "current_risks": ["mental_health"], "past_risks": [],
        "risk_details": "Father has depression and has stopped taking his medication.",
        "reason": "Gwenllïan’s nursery is worried about her attendance and weight.",
        "decision_sought": "How can the wider family support Dafydd and Lowri with Gwenllïan’s day-to-day care?",
        "cultural_needs": "Welsh is the family’s first language.",
        "coordinator_preferences": "Welsh speaker.",
        "consents": [("Lowri Bevan", "parental_responsibility", 2)],
    },
    {
        "number": 103, "stage": "baseline_held", "coordinator": TOMASZ, "referred": 12, "baseline": 4,
        "children": [("Oliwia Kowalczyk", "2015-01-30", "Female", "White Polish", "Polish", ""),
                     ("Kacper Kowalczyk", "2018-11-11", "Male", "White Polish", "Polish",
                      "Speech and language therapy for a stammer")],
        "pr_holders": [("Agnieszka Kowalczyk", "Mother")],
        "legal_status": "child_in_need", "current_risks": [], "past_risks": ["domestic_abuse"],
        "risk_details": "Father left the home last year after police call-outs; he has no contact.",
        "reason": "Mother is isolated since the separation and Oliwia is caring for her brother after school.",
        "decision_sought": "Who can help with childcare after school, so that Oliwia can be a child again?",
        "interpreter_language": "Polish",
        "consents": [("Agnieszka Kowalczyk", "parental_responsibility", 3)],
    },
    {
        "number": 104, "stage": "preparing", "coordinator": CERYS, "referred": 30, "baseline": 3,
        "children": [("Noah Whitfield", "2012-07-19", "Male", "White British", "English",
                      "Autistic; prefers written questions")],
        "pr_holders": [("Danielle Whitfield", "Mother")],
        "legal_status": "section_20", "current_risks": ["other"], "past_risks": ["substance_use"],
        "risk_details": "Noah has been going missing overnight and has been seen with older young people.",
        "reason": "Noah has been accommodated under section 20 for six weeks and wants to go home.",
        "decision_sought": "Can Noah return home with support, and who in the family can he stay with "
                           "when things get difficult?",
        "consents": [("Danielle Whitfield", "parental_responsibility", 1), ("Noah Whitfield", "gillick", 4)],
    },
    {
        "number": 105, "stage": "conference_scheduled", "coordinator": CERYS, "referred": 38, "baseline": 4,
        "conference": 2,
        "children": [("مريم حداد", "2019-04-05", "Female", "Arab", "Arabic", ""),
                     ("يوسف حداد", "2021-12-28", "Male", "Arab", "Arabic", "")],
        "pr_holders": [("ليلى حداد", "Mother"), ("Karim Haddad", "Father")],
        "legal_status": "pre_proceedings", "plo": -20, "current_risks": ["domestic_abuse"], "past_risks": [],
        "risk_details": "Two incidents this year; father has moved out and is attending a perpetrator programme.",
        "reason": "The council has started pre-proceedings. The family want to show they can keep Maryam "
                  "and Yusuf safe together.",
        "decision_sought": "How will the children be kept safe, and how will contact with their father be managed?",
        "interpreter_language": "Arabic",
        "cultural_needs": "Avoid Friday midday for meetings. Mother would like a female interpreter.",
        "offer": "accepted",
        "consents": [("ليلى حداد", "parental_responsibility", 5)],
    },
    {
        "number": 106, "stage": "conference_held", "coordinator": TOMASZ, "referred": 50, "baseline": 3,
        "conference": -6,
        "children": [("Leo Marsh", "2023-02-17", "Male", "White British", "English", ""),
                     ("Ruby Marsh", "2025-05-09", "Female", "White British", "English", "")],
        "pr_holders": [("Kayleigh Marsh", "Mother"), ("Jordan Reid", "Father")],
        "legal_status": "pre_proceedings", "plo": -35, "court": 40,
        "current_risks": ["substance_use", "domestic_abuse"], "past_risks": [],
        "risk_details": "Both parents use cannabis daily; neighbours reported arguments late at night.",
        "reason": "Pre-proceedings: the council is considering an application for a care order.",
        "decision_sought": "Who in the family can offer the children a safe home if the parents cannot?",
        "offer": "accepted",
        "consents": [("Kayleigh Marsh", "parental_responsibility", 2), ("Jordan Reid", "parental_responsibility", 3)],
    },
    {
        "number": 107, "stage": "plan_agreed", "coordinator": CERYS, "referred": 85, "baseline": 4,
        "conference": -35,
        "children": [("Ffion Morgan-Jones", "2013-10-03", "Female", "White Welsh", "English", "")],
        "pr_holders": [("Bethan Morgan-Jones", "Mother")],
        "legal_status": "child_in_need", "current_risks": ["young_carer", "mental_health"], "past_risks": [],
        "risk_details": "Mother has severe anxiety; Ffion does most of the shopping and cooking.",
        "reason": "Ffion’s school attendance has fallen to 70% and she is exhausted.",
        "decision_sought": "Who can share the caring so that Ffion can go to school and see her friends?",
        "consents": [("Bethan Morgan-Jones", "parental_responsibility", 4)],
    },
    {
        "number": 108, "stage": "review_scheduled", "coordinator": TOMASZ, "referred": 130, "baseline": 5,
        "conference": -80, "review": 4,
        "children": [("Amara Nwosu", "2016-05-25", "Female", "Black African", "English", ""),
                     ("Chidi Nwosu", "2019-08-14", "Male", "Black African", "English", "")],
        "pr_holders": [("Grace Nwosu", "Mother"), ("Emeka Nwosu", "Father")],
        "legal_status": "child_protection", "current_risks": [], "past_risks": ["domestic_abuse"],
        "risk_details": "Historic domestic abuse by a former partner of the mother; he has no contact.",
        "reason": "Child protection plan for neglect; the children are often left without an adult.",
        "decision_sought": "Which adults in the family can make sure the children are looked after before "
                           "and after school?",
        "consents": [("Grace Nwosu", "parental_responsibility", 6)],
    },
    {
        "number": 109, "stage": "review_held", "coordinator": CERYS, "referred": 165, "baseline": 3,
        "conference": -120, "review": -25,
        "children": [("נועה לוי", "2017-02-08", "Female", "White Israeli", "Hebrew", "")],
        "pr_holders": [("Miriam Levi", "Mother")],
        "legal_status": "child_in_need", "current_risks": [], "past_risks": ["mental_health"],
        "risk_details": "Mother was in hospital for six weeks last year.",
        "reason": "Mother wants a plan ready in case she becomes unwell again.",
        "decision_sought": "Who will care for Noa if her mother goes into hospital again, and how will Noa "
                           "keep going to her school?",
        "cultural_needs": "The family keep kosher and observe Shabbat: no meetings on Friday afternoons "
                          "or Saturdays.",
        "consents": [("Miriam Levi", "parental_responsibility", 2)],
    },
    {
        "number": 110, "stage": "closed", "coordinator": TOMASZ, "referred": 180, "baseline": 4,
        "conference": -140, "review": -45, "closed": -15,
        "children": [("Tyler Hughes", "2019-01-12", "Male", "White British", "English", ""),
                     ("Mia Hughes", "2021-03-30", "Female", "White British", "English", ""),
                     ("Alfie Hughes", "2023-10-07", "Male", "White British", "English",
                      "Born prematurely; has physiotherapy")],
        "pr_holders": [("Stacey Hughes", "Mother")],
        "legal_status": "pre_proceedings", "plo": -200, "current_risks": ["substance_use"], "past_risks": [],
        "risk_details": "Mother’s heroin use; she is now on a script and engaging with the drug service.",
        "reason": "Pre-proceedings after the children were found alone at home.",
        "decision_sought": "Can the children live safely with family while their mother is in treatment?",
        "offer": "accepted",
        "consents": [("Stacey Hughes", "parental_responsibility", 1)],
        "closure": {"closure_living_with": "wider_family", "closure_proceedings": "no",
                    "closure_notes": "The children live with their maternal aunt under a child arrangements "
                                     "order; mother sees them three times a week. No proceedings were issued."},
    },
    {
        "number": 111, "stage": "on_hold", "from": "preparing", "coordinator": TOMASZ, "referred": 70,
        "baseline": 4,
        "note": "Proceedings were issued after an emergency protection order. The family asked to pause until "
                "after the first hearing.",
        "children": [("Kai Doherty", "2011-09-16", "Male", "White Irish", "English", "")],
        "pr_holders": [("Shauna Doherty", "Mother")],
        "legal_status": "looked_after", "court": 12, "current_risks": ["substance_use", "other"],
        "past_risks": ["domestic_abuse"],
        "risk_details": "Kai was found with a knife; there are concerns about exploitation by older men.",
        "reason": "Kai is in foster care; the family want to be part of planning for him.",
        "decision_sought": "Who in the family can Kai spend time with safely, and could anyone care for him?",
        "offer": "exception",
        "consents": [("Shauna Doherty", "parental_responsibility", 8)],
    },
    {
        "number": 112, "stage": "withdrawn", "from": "baseline_held", "coordinator": CERYS, "referred": 28,
        "baseline": 3, "withdrawn": -3,
        "children": [("Siôn Rhys", "2018-04-27", "Male", "White Welsh", "Welsh", "")],
        "pr_holders": [("Angharad Rhys", "Mother")],
        "legal_status": "child_in_need", "current_risks": ["mental_health"], "past_risks": [],
        "risk_details": "Mother has post-natal depression after the birth of Siôn’s half-sister.",
        "reason": "Siôn has been arriving at school hungry and unkempt.",
        "decision_sought": "What help can the family give at home in the mornings?",
        "consents": [("Angharad Rhys", "parental_responsibility", 1)],
    },
    {
        "number": 113, "stage": "declined_by_family", "from": "allocated", "coordinator": TOMASZ, "referred": 22,
        "note": "Mother does not want the wider family told about the concerns. Offered again in a month.",
        "children": [("Harvey Clarke", "2013-06-01", "Male", "White British", "English", "")],
        "pr_holders": [("Michelle Clarke", "Mother")],
        "legal_status": "pre_proceedings", "plo": -15, "current_risks": ["domestic_abuse"], "past_risks": [],
        "risk_details": "Mother’s partner has been violent to her in front of Harvey.",
        "reason": "Pre-proceedings: Harvey has told school he is frightened to go home.",
        "decision_sought": "How can Harvey be safe at home, and where can he go if he is not?",
        "offer": "declined",
        "consents": [],
    },
]


BASELINE = {
    "objective": "A family plan that keeps the children safe at home, or with family, without the council "
                 "needing to apply to court.",
    "questions": ["Who will make sure the children are cared for every day, and how?",
                  "What will the family do if the plan starts to go wrong?"],
    "bottom_lines": ["The children must not be left with anyone under the influence of drugs or alcohol.",
                     "Any change in where the children sleep must be agreed with the social worker first."],
    "resources": ["Up to 6 hours a week of family support worker time for 3 months.",
                  "Travel costs for family members coming to the conference and reviews."],
}

VENUES = [
    ("Riverside Family Centre, Room 2", "4 Mill Lane, Aberwen AW1 2ZZ (fictional)",
     "Step-free entrance at the side; hearing loop in Room 2."),
    ("Canolfan Maes-y-Coed", "Heol y Bryn, Llanfair Isaf LL0 9ZZ (fictional)",
     "Parking at the rear; quiet room available for private family time."),
]


def seed_cases(db, users_by_email, today, *, uid_domain="fgc.invalid"):
    """Create the demo cases unless any case exists; return how many were created.

    ``users_by_email`` maps each demo email to its user row; ``today`` is a date.
    """
    with write(db):
        if case_data.count(db):
            return 0
        builder = _Builder(db, users_by_email, today, uid_domain)
        for index, spec in enumerate(CASES):
            builder.build(spec, index)
    return len(CASES)


class _Builder:
    def __init__(self, db, users_by_email, today, uid_domain):
        self.db = db
        self.users = users_by_email
        self.today = today
        self.uid_domain = uid_domain
        self.cal = WorkingCalendar(closure_days.dates(db))

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

    def audit(self, user_email, action, case_id, detail=None):
        audit_data.add(self.db, user_id=self.users[user_email]["id"], actor=ACTOR, action=action,
                       record_type="case", record_id=case_id, ip="cli", detail=detail)

    def move(self, case_id, to_stage, user_email, *, audit_action="case.stage_changed", detail=None, **fields):
        case = case_data.get(self.db, case_id)
        refusal = lifecycle.refusal(case["stage"], to_stage, resume_stage=case["resume_stage"])
        if refusal:
            raise ValueError(f"demo case {case['reference']}: {refusal}")
        resume_stage = case["stage"] if to_stage in lifecycle.PAUSED else None
        note = fields.pop("note", "")
        case_data.move(self.db, case_id, to_stage=to_stage, user_id=self.users[user_email]["id"], note=note,
                       resume_stage=resume_stage, **fields)
        self.audit(user_email, audit_action, case_id,
                   detail if detail is not None else {"from": case["stage"], "to": to_stage})

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
        return meeting_data.schedule(self.db, case_id, kind, values, user_id=self.users[coordinator]["id"],
                                     uid_domain=self.uid_domain)

    # --- one case --------------------------------------------------------------------------

    def build(self, spec, index):
        db = self.db
        sam, manager, coordinator = SOCIAL_WORKER, MANAGER, spec["coordinator"]
        reference = f"FGC-2026-{spec['number']:04d}"
        referred = self.working_on_or_before(self.today - datetime.timedelta(days=spec["referred"]))
        signed_off = self.working_on_or_before(referred - datetime.timedelta(days=1))
        stage = spec["stage"]
        reached = spec.get("from", stage)
        path = lifecycle.MAIN_PATH[:lifecycle.MAIN_PATH.index(reached) + 1]

        case_id = case_data.create_draft(db, created_by=self.users[sam]["id"], reference=reference,
                                         urgent=spec.get("urgent", False),
                                         urgency_reason=spec.get("urgency_reason", ""),
                                         referrer_name=REFERRER["referrer_name"])
        self.audit(sam, "case.draft_started", case_id, {"reference": reference})
        for name, born, gender, ethnicity, language, needs in spec["children"]:
            case_data.save_child(db, case_id, {"name": name, "date_of_birth": born, "gender": gender,
                                               "ethnicity": ethnicity, "first_language": language,
                                               "needs": needs})
        for name, relationship in spec["pr_holders"]:
            case_data.add_pr_holder(db, case_id, name=name, relationship=relationship)
        fields = {
            **REFERRER,
            "social_worker_id": self.users[sam]["id"],
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
            "sections_done": SECTIONS_DONE,
        }
        case_data.update(db, case_id, case_data.get(db, case_id)["version"], **fields)
        self.audit(sam, "case.referral_updated", case_id, {"section": "all", "fields": sorted(fields)})

        self.move(case_id, "referred", sam, audit_action="case.referred", detail={},
                  referred_on=referred.isoformat())
        self._offer(case_id, spec, referred)
        consent_ids = []
        for given_by, basis, after in spec["consents"]:
            given_on = min(self.cal.add_working_days(referred, after), self.today)
            consent_id = consents.add(db, case_id, given_by=given_by, basis=basis, given_on=given_on.isoformat(),
                                      may_share=SHARE_ALL, share_with=SHARE_WITH,
                                      recorded_by=self.users[coordinator or sam]["id"])
            consent_ids.append(consent_id)
            self.audit(coordinator or sam, "case.consent_recorded", case_id,
                       {"consent_id": consent_id, "basis": basis})

        interpreter = spec.get("interpreter_language", "")
        conference_day = self.day(spec["conference"]) if "conference" in spec else None
        review_day = self.day(spec["review"]) if "review" in spec else None
        conference_id = review_id = None
        for step in path[1:]:
            if step == "allocated":
                allocated = self.cal.add_working_days(referred, 1)
                self.move(case_id, "allocated", manager, audit_action="case.allocated",
                          detail={"coordinator_id": self.users[coordinator]["id"], "reallocated": False},
                          coordinator_id=self.users[coordinator]["id"], allocated_on=allocated.isoformat())
            elif step == "baseline_held":
                held = self.cal.add_working_days(referred, spec["baseline"])
                baselines.save(db, case_id, None, held_on=held.isoformat(),
                               attendees=f"{self.users[coordinator]['name']} (coordinator), Sam Okafor (social worker)",
                               objective=BASELINE["objective"], recorded_by=self.users[coordinator]["id"])
                for kind, key in (("question", "questions"), ("bottom_line", "bottom_lines"),
                                  ("resource", "resources")):
                    for text in BASELINE[key]:
                        baselines.add_item(db, case_id, kind, text)
                self.move(case_id, "baseline_held", coordinator, audit_action="case.baseline_recorded",
                          detail={"first": True})
            elif step == "preparing":
                self.move(case_id, "preparing", coordinator)
            elif step == "conference_scheduled":
                conference_id = self.meeting(case_id, "conference", conference_day, index, coordinator, interpreter)
                self.move(case_id, "conference_scheduled", coordinator, audit_action="case.meeting_scheduled",
                          detail={"meeting_id": conference_id, "kind": "conference"})
            elif step == "conference_held":
                meeting_data.mark_held(db, case_id, conference_id, conference_day.isoformat())
                self.move(case_id, "conference_held", coordinator, audit_action="case.meeting_held",
                          detail={"meeting_id": conference_id, "kind": "conference"})
            elif step == "plan_agreed":
                self.move(case_id, "plan_agreed", coordinator, plan_agreed_on=conference_day.isoformat())
            elif step == "review_scheduled":
                review_id = self.meeting(case_id, "review", review_day, index, coordinator, interpreter)
                self.move(case_id, "review_scheduled", coordinator, audit_action="case.meeting_scheduled",
                          detail={"meeting_id": review_id, "kind": "review"})
            elif step == "review_held":
                meeting_data.mark_held(db, case_id, review_id, review_day.isoformat())
                self.move(case_id, "review_held", coordinator, audit_action="case.meeting_held",
                          detail={"meeting_id": review_id, "kind": "review"})
            elif step == "closed":
                self.move(case_id, "closed", coordinator, closed_on=self.day(spec["closed"]).isoformat(),
                          **spec["closure"])

        if stage == "withdrawn":
            withdrawn_on = self.day(spec["withdrawn"])
            for consent_id, (given_by, _, _) in zip(consent_ids, spec["consents"], strict=True):
                consents.withdraw(db, case_id, consent_id, withdrawn_by=given_by, withdrawn_on=withdrawn_on.isoformat())
            self.move(case_id, "withdrawn", coordinator, audit_action="case.consent_withdrawn",
                      detail={"consent_id": consent_ids[0], "case_paused": True}, note="Consent withdrawn")
        elif stage in lifecycle.PAUSED:
            self.move(case_id, stage, coordinator, note=spec["note"])
        return case_id

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
                      "exception_decided_on": letter.isoformat()}
        else:
            answered = min(self.cal.add_working_days(letter, 3), self.today)
            values = {"offered_on": letter.isoformat(), "in_letter_before_proceedings": 1,
                      "letter_date": letter.isoformat(), "response": kind, "response_on": answered.isoformat(),
                      "exception_reason": "", "exception_decided_by": ""}
        offers.save(self.db, case_id, None, values)
        self.audit(SOCIAL_WORKER, "case.offer_recorded", case_id,
                   {"offer_made": kind != "exception", "response": values.get("response")})
