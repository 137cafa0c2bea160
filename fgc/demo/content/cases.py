"""The demo's staff and cases: who they are, and each case's story by stage. All fictional."""

# The demo accounts, one for every role, that ``seed-demo`` creates and prints.
DEMO_USERS = [
    ("ada.pryce@demo.example.org", "Ada Pryce", "admin"),
    ("morgan.ellis@demo.example.org", "Morgan Ellis", "manager"),
    ("cerys.llywelyn@demo.example.org", "Cerys Llywelyn", "coordinator"),
    ("tomasz.nowak@demo.example.org", "Tomasz Nowak", "coordinator"),
    ("sam.okafor@demo.example.org", "Sam Okafor", "social_worker"),
]

# Each coordinator's team, so the managers' reports can show one team's cases.
DEMO_TEAMS = {"cerys.llywelyn@demo.example.org": "West FGC team", "tomasz.nowak@demo.example.org": "East FGC team"}

MANAGER_NAME = "Morgan Ellis"
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
        "children": [("Rhodri Prys", "2017-03-14", "Male", "white_british", "Welsh", ""),
                     ("Elin Prys", "2020-09-02", "Female", "white_british", "Welsh", "")],
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
        "children": [("Gwenllïan ap Dafydd", "2022-06-21", "Female", "white_british", "Welsh", "")],
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
        "children": [("Oliwia Kowalczyk", "2015-01-30", "Female", "white_other", "Polish", ""),
                     ("Kacper Kowalczyk", "2018-11-11", "Male", "white_other", "Polish",
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
        "children": [("Noah Whitfield", "2012-07-19", "Male", "white_british", "English",
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
        "children": [("مريم حداد", "2019-04-05", "Female", "other_arab", "Arabic", ""),
                     ("يوسف حداد", "2021-12-28", "Male", "other_arab", "Arabic", "")],
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
        "children": [("Leo Marsh", "2023-02-17", "Male", "white_british", "English", ""),
                     ("Ruby Marsh", "2025-05-09", "Female", "white_british", "English", "")],
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
        "children": [("Ffion Morgan-Jones", "2013-10-03", "Female", "white_british", "English", "")],
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
        "children": [("Amara Nwosu", "2016-05-25", "Female", "black_african", "English", ""),
                     ("Chidi Nwosu", "2019-08-14", "Male", "black_african", "English", "")],
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
        "children": [("נועה לוי", "2017-02-08", "Female", "white_other", "Hebrew", "")],
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
        "children": [("Tyler Hughes", "2019-01-12", "Male", "white_british", "English", ""),
                     ("Mia Hughes", "2021-03-30", "Female", "white_british", "English", ""),
                     ("Alfie Hughes", "2023-10-07", "Male", "white_british", "English",
                      "Born prematurely; has physiotherapy")],
        "pr_holders": [("Stacey Hughes", "Mother")],
        "legal_status": "pre_proceedings", "plo": -200, "current_risks": ["substance_use"], "past_risks": [],
        "risk_details": "Mother’s heroin use; she is now on a script and engaging with the drug service.",
        "reason": "Pre-proceedings after the children were found alone at home.",
        "decision_sought": "Can the children live safely with family while their mother is in treatment?",
        "offer": "accepted",
        "consents": [("Stacey Hughes", "parental_responsibility", 1)],
        "closure": {"living_with": "wider_family", "arrangement": "order", "proceedings": "no",
                    "legal_order": "child_arrangements", "follow_ups": {"three_months": -45},
                    "notes": "The children live with their maternal aunt under a child arrangements order; mother "
                             "sees them three times a week. No proceedings were issued."},
    },
    {
        "number": 111, "stage": "on_hold", "from": "preparing", "coordinator": TOMASZ, "referred": 70,
        "baseline": 4,
        "note": "Proceedings were issued after an emergency protection order. The family asked to pause until "
                "after the first hearing.",
        "children": [("Kai Doherty", "2011-09-16", "Male", "white_irish", "English", "")],
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
        "children": [("Siôn Rhys", "2018-04-27", "Male", "white_british", "Welsh", "")],
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
        "children": [("Harvey Clarke", "2013-06-01", "Male", "white_british", "English", "")],
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
