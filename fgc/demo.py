"""Fictional demo cases for ``flask --app fgc seed-demo``: every stage, owned by the demo accounts.

Every name, date and detail here is invented. The cases are built through the data
layer the way the app builds them (draft, sections, submit, allocate, baseline,
meetings, stage moves, family plans the referrer decides on), so their stage history,
deadlines, dashboards and plan versions look real.
Dates are placed relative to ``today`` so the demo always has something due,
something overdue and a conference in the coming fortnight.
"""

import datetime
import itertools
import json
import random
import unicodedata
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from .domain import agreement, lifecycle
from .data import audit as audit_data
from .data import baselines, child_views, closure_days, consents, iso, network, offers, professionals, scales
from .data import cases as case_data
from .data import family_links
from .data import meetings as meeting_data
from .data import plans
from .db import write
from .domain.workdays import WorkingCalendar, add_months

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


# --- the family network ----------------------------------------------------------------------
#
# Each case's network is invented by a generator seeded with the case number, so every run of
# ``seed-demo`` builds the same people. Names follow the family's culture and script; phone
# numbers come from Ofcom's drama ranges and email addresses from example.org.

MANAGER_NAME = "Morgan Ellis"

# Names: "native|Latin" where the family may write them in another script, "male/female" where a
# surname changes with gender.
CULTURES = {
    "welsh": {
        "female": ["Siân", "Eirlys", "Mererid", "Heledd", "Llinos", "Rhiannon", "Catrin", "Glenys", "Tegwen", "Manon",
                   "Sioned", "Gwenno", "Eleri", "Nia", "Mair", "Non", "Lleucu", "Gwawr", "Elliw", "Betsan", "Dilys",
                   "Gwenllïan", "Meinir"],
        "male": ["Gwilym", "Gruffydd", "Iwan", "Huw", "Emyr", "Gethin", "Ieuan", "Alun", "Bryn", "Owain", "Tomos",
                 "Siôr", "Llŷr", "Aled", "Elfed", "Meirion", "Dewi", "Hywel", "Cai", "Gwion", "Tudur", "Rhydian",
                 "Dyfrig"],
        "surnames": ["Gruffudd", "Pritchard", "Bowen", "Huws", "Rhydderch", "Vaughan", "Parry", "Tudur", "Pugh",
                     "Prydderch", "Owen", "Dafis", "Puw", "Morgan", "Evans", "Lewis", "Rowlands"],
        "languages": ["Welsh", "Welsh", "Welsh", "Welsh and English", "English"],
        "grand": ("Grandmother (Nain)", "Grandfather (Taid)"), "community": "Friend from chapel",
        "streets": ["Heol y Bryn", "Stryd Fawr", "Ffordd yr Orsaf", "Lôn Goed", "Maes y Deri", "Rhes Glan-yr-Afon"],
        "towns": [("Llanfair Isaf", "LL0"), ("Aberwen", "AW1"), ("Pentre Bach", "LL0")],
        "abroad": [], "native": 0,
    },
    "polish": {
        "female": ["Małgorzata", "Katarzyna", "Zofia", "Joanna", "Beata", "Halina", "Danuta", "Magdalena", "Żaneta",
                   "Grażyna", "Jadwiga", "Aleksandra", "Bożena"],
        "male": ["Piotr", "Krzysztof", "Andrzej", "Paweł", "Łukasz", "Grzegorz", "Jerzy", "Stanisław", "Wojciech",
                 "Michał", "Zbigniew", "Bartłomiej", "Józef"],
        "surnames": ["Wiśniewski/Wiśniewska", "Zieliński/Zielińska", "Wójcik", "Kamiński/Kamińska",
                     "Lewandowski/Lewandowska", "Dąbrowski/Dąbrowska", "Szymański/Szymańska", "Woźniak", "Mazur",
                     "Krawczyk", "Jabłoński/Jabłońska", "Nowicki/Nowicka"],
        "languages": ["Polish", "Polish", "Polish and English"],
        "grand": ("Grandmother (Babcia)", "Grandfather (Dziadek)"), "community": "Friend from the Polish church",
        "streets": ["Mill Lane", "Station Road", "Alder Close", "Quarry Row"],
        "towns": [("Aberwen", "AW1"), ("Aberwen", "AW2")],
        "abroad": ["ul. Lipowa 7, 00-000 Nowa Wieś, Poland (fictional)",
                   "ul. Ogrodowa 12/3, 00-000 Stare Pole, Poland (fictional)"], "native": 0,
    },
    "arabic": {
        "female": ["فاطمة|Fatima", "سارة|Sara", "نور|Nour", "هدى|Huda", "سلمى|Salma", "أمل|Amal", "زينب|Zainab",
                   "منى|Mona", "دينا|Dina", "ريم|Reem", "هالة|Hala", "سميرة|Samira"],
        "male": ["أحمد|Ahmed", "عمر|Omar", "خالد|Khaled", "سامي|Sami", "طارق|Tariq", "حسن|Hassan", "ماهر|Maher",
                 "نبيل|Nabil", "زياد|Ziad", "باسل|Basel", "جميل|Jamil", "فادي|Fadi"],
        "surnames": ["منصور|Mansour", "خوري|Khoury", "صالح|Saleh", "نجار|Najjar", "عيسى|Issa", "بكري|Bakri",
                     "عثمان|Othman", "شريف|Sharif", "حداد|Haddad"],
        "languages": ["Arabic", "Arabic", "Arabic and English", "English"],
        "grand": ("Grandmother (Teta)", "Grandfather (Jiddo)"), "community": "Friend from the mosque",
        "streets": ["Victoria Terrace", "Church Street", "Oak Avenue", "Station Road"],
        "towns": [("Aberwen", "AW3"), ("Aberwen", "AW1")],
        "abroad": ["Jabal al-Weibdeh, Amman, Jordan (fictional)"], "native": 0.55,
    },
    "hebrew": {
        "female": ["רחל|Rachel", "שרה|Sarah", "תמר|Tamar", "יעל|Yael", "חנה|Hannah", "אסתר|Esther", "נעמה|Naama",
                   "שירה|Shira", "דבורה|Devorah", "אורית|Orit", "מיכל|Michal"],
        "male": ["דוד|David", "יוסף|Yosef", "אברהם|Avraham", "משה|Moshe", "אריאל|Ariel", "יונתן|Yonatan", "עמית|Amit",
                 "אליהו|Eliyahu", "בנימין|Binyamin", "נתן|Natan", "אורי|Uri"],
        "surnames": ["כהן|Cohen", "פרידמן|Friedman", "מזרחי|Mizrahi", "שפירא|Shapira", "גולדברג|Goldberg",
                     "אשכנזי|Ashkenazi", "ברק|Barak", "לוי|Levi"],
        "languages": ["Hebrew and English", "Hebrew", "English"],
        "grand": ("Grandmother (Savta)", "Grandfather (Saba)"), "community": "Friend from the synagogue",
        "streets": ["Oak Avenue", "Alder Close", "Church Street"],
        "towns": [("Aberwen", "AW2"), ("Easthope", "AW4")],
        "abroad": ["Rehov HaZayit 4, Haifa, Israel (fictional)"], "native": 0.5,
    },
    "nigerian": {
        "female": ["Ngozi", "Chiamaka", "Adaeze", "Chioma", "Ifeoma", "Nneka", "Obiageli", "Amaka", "Ebele", "Ogechi",
                   "Chinwe", "Uju"],
        "male": ["Chinedu", "Obinna", "Ikenna", "Nnamdi", "Chukwudi", "Uzoma", "Kelechi", "Tobenna", "Ifeanyi",
                 "Chibuike", "Ekene"],
        "surnames": ["Okonkwo", "Eze", "Obi", "Nwachukwu", "Onyekachi", "Chukwu", "Anyanwu", "Ibe", "Okeke", "Nnadi",
                     "Ezeh"],
        "languages": ["English", "English and Igbo", "English and Igbo"],
        "grand": ("Grandmother", "Grandfather"), "community": "Friend from church",
        "streets": ["Station Road", "Victoria Terrace", "Quarry Row", "Mill Lane"],
        "towns": [("Aberwen", "AW1"), ("Easthope", "AW4")],
        "abroad": ["Independence Layout, Enugu, Nigeria (fictional)"], "native": 0,
    },
    "irish": {
        "female": ["Siobhán", "Aoife", "Gráinne", "Niamh", "Róisín", "Bríd", "Máire", "Orla", "Caoimhe", "Sinéad",
                   "Deirdre"],
        "male": ["Seán", "Ciarán", "Pádraig", "Eoin", "Cathal", "Dónal", "Conor", "Liam", "Fionn", "Tadhg", "Rory",
                 "Diarmuid"],
        "surnames": ["Gallagher", "O'Neill", "McLaughlin", "Byrne", "Kavanagh", "Quinn", "Devlin", "McGuinness",
                     "Doherty"],
        "languages": ["English"],
        "grand": ("Grandmother (Nana)", "Grandfather (Grandad)"), "community": "Neighbour",
        "streets": ["Quarry Row", "Church Street", "Alder Close"],
        "towns": [("Aberwen", "AW2"), ("Easthope", "AW4")],
        "abroad": ["Main Street, Ballyfin, County Donegal, Ireland (fictional)"], "native": 0,
    },
    "english": {
        "female": ["Kerry", "Donna", "Lisa", "Jade", "Chloe", "Sharon", "Tracey", "Gemma", "Leanne", "Paula", "Carol",
                   "Jean", "Emma", "Rebecca", "Hayley", "Natalie", "Zoe", "Jackie"],
        "male": ["Craig", "Darren", "Lee", "Wayne", "Dean", "Gary", "Kevin", "Paul", "Steve", "Connor", "Shane",
                 "Terry", "Keith", "Mark", "Jamie", "Dave", "Rob"],
        "surnames": ["Bennett", "Walsh", "Turner", "Fletcher", "Dawson", "Holt", "Barker", "Webb", "Shaw", "Harper",
                     "Riley", "Moss", "Cooper", "Ward", "Simpson"],
        "languages": ["English"],
        "grand": ("Grandmother (Nan)", "Grandfather (Grandad)"), "community": "Neighbour",
        "streets": ["Mill Lane", "Station Road", "Church Street", "Oak Avenue", "Victoria Terrace", "Alder Close"],
        "towns": [("Aberwen", "AW1"), ("Easthope", "AW4"), ("Marsh End", "AW5")],
        "abroad": [], "native": 0,
    },
}

# Friends and neighbours from any background, as a neighbourhood has.
NEIGHBOURS = [("Bushra Akhtar", "F"), ("Dorothy Lang", "F"), ("Kwame Mensah", "M"), ("Faisal Iqbal", "M"),
              ("Brenda Pike", "F"), ("Olu Adebayo", "M"), ("Hamid Rahimi", "M"), ("Janet Cole", "F"),
              ("Mehmet Yılmaz", "M"), ("Agata Sobczak", "F"), ("Rhys Beynon", "M"), ("Ayesha Begum", "F"),
              ("Pat Openshaw", "F"), ("Desmond Clarke-Hall", "M"), ("Thi Lan Nguyen", "F"), ("Gurpreet Sandhu", "M"),
              ("Marjorie Fenn", "F"), ("Abdi Warsame", "M"), ("Elaine Costa", "F"), ("Viktor Horvath", "M")]

NEEDS = ["Hard of hearing: face her when speaking, and the hearing loop helps",
         "Uses a wheelchair: needs a step-free venue", "Works night shifts: can only meet after 2pm",
         "Dyslexic: prefers a phone call to letters", "Needs help with travel costs",
         "Has type 1 diabetes: needs a break to eat", "Cares for her own mother: needs notice to arrange cover",
         "Does not drive: needs a lift or a bus route"]

WRITTEN_VIEWS = [
    "I can collect {children} from school on Mondays and Wednesdays and keep them until tea time.",
    "I live too far away to help every day, but {children} can stay with me in the school holidays.",
    ("I love {children} very much. I cannot come to the meeting because of work, but I will ring every Sunday "
     "and I can help with money for school trips."),
    "I am worried about what has happened and I want to help. I can offer a bed at weekends.",
    "I cannot drive any more, but I can sit with {children} in the evenings if someone brings me.",
    "I think {children} need one person they can always call. I am happy to be that person.",
]
WRITTEN_VIEWS_WELSH = ("Gallaf gasglu’r plant o’r ysgol bob dydd Llun a dydd Mercher. (I can collect the "
                       "children from school every Monday and Wednesday.)")

# Per case: the family's culture, roughly how big the network is, and the people the story needs.
# ``parents`` adds parents who are not PR holders; ``groups`` sets a side's family name
# ("siblings' surname" and "grandparents' surname"); ``people`` are fixed members, with ``slot``
# naming a place the generator would otherwise fill.
NETWORKS = {
    101: {"culture": "welsh", "size": (14, 17), "groups": {"maternal": ("Gruffudd", "Gruffudd")},
          "people": [{"name": "Eirlys Gruffudd", "gender": "F", "side": "maternal", "roles": ["relative"],
                      "label": "Grandmother (Nain)", "slot": ("maternal", "grandmother"), "language": "Welsh",
                      "phone": "01632 960618", "address": "2 Maes y Deri, Llanfair Isaf LL0 4ZZ (fictional)",
                      "needs": "In hospital at present: wants to be kept informed by phone"},
                     {"name": "Llŷr Gruffudd", "gender": "M", "side": "maternal", "roles": ["relative"],
                      "label": "Uncle", "language": "Welsh and English"}]},
    102: {"culture": "welsh", "size": (9, 11), "groups": {"paternal": ("ap Ifan/ferch Ifan", "Huws")},
          "people": [{"name": "Ifan ap Gwilym", "gender": "M", "side": "paternal", "roles": ["relative"],
                      "label": "Grandfather (Taid)", "slot": ("paternal", "grandfather"), "language": "Welsh"},
                     {"name": "Nia ferch Ifan", "gender": "F", "side": "paternal", "roles": ["relative"],
                      "label": "Aunt", "language": "Welsh"}]},
    103: {"culture": "polish", "size": (8, 9), "hidden": ["Agnieszka Kowalczyk"],
          "addresses": {"Agnieszka Kowalczyk": "Flat 2, 7 Quarry Row, Aberwen AW2 4ZZ (fictional)"},
          "parents": [{"name": "Marek Kowalczyk", "gender": "M", "side": "paternal", "roles": ["parent"],
                       "label": "Father", "language": "Polish", "phone": "07700 900404", "needs": "",
                       "excluded": "Police were called to the family home four times last year for domestic "
                                   "abuse by Marek against Agnieszka, and there is a non-molestation order. He "
                                   "must not be told about the conference or where the family now live."}],
          "people": [{"name": "Ewa Zielińska", "gender": "F", "side": "neither", "roles": ["interpreter"],
                      "label": "Interpreter (Polish)", "language": "Polish", "phone": "01632 960731",
                      "email": "bookings@interpreting.example.org"}]},
    104: {"culture": "english", "size": (10, 13),
          "parents": [{"name": "Craig Bates", "gender": "M", "side": "paternal", "roles": ["parent"],
                       "label": "Father"}],
          "people": [{"name": "Jess Adeyemi", "gender": "F", "side": "neither", "roles": ["advocate"],
                      "label": "Advocate (independent)", "phone": "01632 960552",
                      "email": "jess.adeyemi@advocacy.example.org",
                      "address": "Aberwen Young People’s Advocacy, 9 Church Street, Aberwen AW1 3ZZ (fictional)"}]},
    105: {"culture": "arabic", "size": (16, 20), "known_as": ["Maryam", "Yusuf"],
          "people": [{"name": "Rana Saleh", "gender": "F", "side": "neither", "roles": ["interpreter"],
                      "label": "Interpreter (Arabic)", "language": "Arabic", "phone": "01632 960733",
                      "email": "bookings@interpreting.example.org"}]},
    106: {"culture": "english", "size": (18, 22),
          "people": [{"name": "Jean Marsh", "gender": "F", "side": "maternal", "roles": ["relative"],
                      "label": "Grandmother (Nan)", "slot": ("maternal", "grandmother"), "invitation": "confirmed",
                      "attend": "in_person"},
                     {"name": "Dave Marsh", "gender": "M", "side": "maternal", "roles": ["relative"],
                      "label": "Uncle", "invitation": "confirmed", "attend": "in_person"}]},
    107: {"culture": "welsh", "size": (11, 14), "language": "English",
          "parents": [{"name": "Gethin Pugh", "gender": "M", "side": "paternal", "roles": ["parent"],
                       "label": "Father", "invitation": "confirmed", "attend": "in_person"}],
          "people": [{"name": "Mali Rowlands", "gender": "F", "side": "neither", "roles": ["advocate"],
                      "label": "Young carers’ advocate", "phone": "01632 960554",
                      "email": "mali.rowlands@youngcarers.example.org"},
                     {"name": "Glenys Morgan-Jones", "gender": "F", "side": "maternal", "roles": ["relative"],
                      "label": "Grandmother (Nain)", "slot": ("maternal", "grandmother"), "language": "Welsh",
                      "invitation": "confirmed", "attend": "in_person"},
                     {"name": "Dafydd Morgan-Jones", "gender": "M", "side": "maternal", "roles": ["relative"],
                      "label": "Uncle", "language": "Welsh and English", "invitation": "confirmed",
                      "attend": "in_person"},
                     {"name": "Heledd Morgan-Jones", "gender": "F", "side": "maternal", "roles": ["relative"],
                      "label": "Aunt", "invitation": "confirmed", "attend": "remote"},
                     {"name": "Llŷr Pugh", "gender": "M", "side": "paternal", "roles": ["relative"],
                      "label": "Uncle", "language": "Welsh and English", "invitation": "confirmed",
                      "attend": "in_person"}]},
    108: {"culture": "nigerian", "size": (20, 24), "hidden": ["Grace Nwosu"],
          "people": [{"name": "Ngozi Anyanwu", "gender": "F", "side": "maternal", "roles": ["relative"],
                      "label": "Aunt", "invitation": "confirmed", "attend": "in_person"},
                     {"name": "Obiageli Anyanwu", "gender": "F", "side": "maternal", "roles": ["relative"],
                      "label": "Grandmother", "slot": ("maternal", "grandmother"), "language": "English and Igbo",
                      "invitation": "confirmed", "attend": "in_person"},
                     {"name": "Chukwudi Nwosu", "gender": "M", "side": "paternal", "roles": ["relative"],
                      "label": "Uncle", "invitation": "confirmed", "attend": "in_person"}]},
    109: {"culture": "hebrew", "size": (9, 12), "known_as": ["Noa"],
          "people": [{"name": "Tamar Friedman", "gender": "F", "side": "maternal", "roles": ["relative"],
                      "label": "Cousin", "language": "Hebrew and English", "invitation": "confirmed",
                      "attend": {"conference": "in_person", "review": "in_person"}},
                     {"name": "Yael Levi", "gender": "F", "side": "maternal", "roles": ["relative"],
                      "label": "Grandmother (Savta)", "slot": ("maternal", "grandmother"),
                      "language": "Hebrew and English", "invitation": "confirmed",
                      "attend": {"conference": "remote", "review": "remote"}},
                     {"name": "Avraham Levi", "gender": "M", "side": "maternal", "roles": ["relative"],
                      "label": "Uncle", "invitation": "confirmed",
                      "attend": {"conference": "in_person", "review": "remote"}}]},
    110: {"culture": "english", "size": (23, 25),
          # Tyler and Mia have one father, Alfie another: half-siblings.
          "parents": [{"name": "Ryan Bennett", "gender": "M", "side": "paternal", "roles": ["parent"],
                       "label": {0: "Father", 1: "Father"}},
                      {"name": "Callum Price", "gender": "M", "side": "paternal", "roles": ["parent"],
                       "label": {0: "Stepfather", 1: "Stepfather", 2: "Father"}}],
          "people": [{"name": "Kerry Hughes", "gender": "F", "side": "maternal", "roles": ["relative"],
                      "label": "Aunt", "invitation": "confirmed", "attend": "in_person",
                      "address": "14 Alder Close, Easthope AW4 6ZZ (fictional)"},
                     {"name": "Carol Hughes", "gender": "F", "side": "maternal", "roles": ["relative"],
                      "label": "Grandmother (Nan)", "slot": ("maternal", "grandmother"), "invitation": "confirmed",
                      "attend": {"conference": "in_person", "review": "in_person"}},
                     {"name": "Sharon Hughes", "gender": "F", "side": "maternal", "roles": ["relative"],
                      "label": "Aunt", "invitation": "confirmed", "attend": "in_person"}]},
    111: {"culture": "irish", "size": (13, 16),
          "parents": [{"name": "Cathal Byrne", "gender": "M", "side": "paternal", "roles": ["parent"],
                       "label": "Father"}],
          "people": [{"name": "Clodagh Doherty", "gender": "F", "side": "both", "roles": ["relative"],
                      "label": "Sister"},
                     {"name": "Kofi Mensah", "gender": "M", "side": "neither", "roles": ["advocate"],
                      "label": "Advocate (independent)", "phone": "01632 960556",
                      "email": "kofi.mensah@advocacy.example.org"}]},
    112: {"culture": "welsh", "size": (8, 10),
          "parents": [{"name": "Iwan Rhys", "gender": "M", "side": "paternal", "roles": ["parent"],
                       "label": "Father", "language": "Welsh"}],
          "people": [{"name": "Gethin Huws", "gender": "M", "side": "neither", "roles": ["support"],
                      "label": "Mother’s partner", "language": "Welsh"}]},
    113: {"culture": "english", "size": (8, 9),
          "parents": [{"name": "Darren Clarke", "gender": "M", "side": "paternal", "roles": ["parent"],
                       "label": "Father"}]},
}


def _form(entry, gender, native):
    """One name from a pool entry: the family's own script or Latin, the male or female form."""
    own, _, latin = entry.partition("|")
    text = own if native else (latin or own)
    male, _, female = text.partition("/")
    return female if gender == "F" and female else male


def _ascii(text):
    text = text.replace("ł", "l").replace("Ł", "L").replace("ı", "i")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


class _Network:
    """One case's fictional family network: planned up front, then written as the case moves on."""

    def __init__(self, builder, case_id, spec):
        self.b = builder
        self.case_id = case_id
        self.spec = spec
        self.rng = random.Random(spec["number"])
        self.config = NETWORKS[spec["number"]]
        self.culture = CULTURES[self.config["culture"]]
        self.children = [row["id"] for row in case_data.children(builder.db, case_id)]
        self.people = self._plan()
        self.ids = []
        self.invited = False

    # --- planning --------------------------------------------------------------------------

    def _name(self, gender, surname, native):
        """A first name from the family's culture and ``surname``, in their script and in Latin letters."""
        first = self.rng.choice(self.culture["female" if gender == "F" else "male"])
        return (f"{_form(first, gender, native)} {_form(surname, gender, native)}",
                f"{_form(first, gender, False)} {_form(surname, gender, False)}")

    def _surname_entry(self, surname):
        """The pool entry for a family name, so relatives can write it in either script."""
        for entry in self.culture["surnames"]:
            if surname in entry.replace("|", "/").split("/"):
                return entry
        return surname

    def _contact(self, person, elder=False):
        rng = self.rng
        abroad = person.pop("abroad", False)
        if "phone" not in person and ("parent" in person["roles"] or rng.random() < 0.92):
            person["phone"] = self.b.landline() if elder and rng.random() < 0.5 else self.b.mobile()
        if "email" not in person and not elder and rng.random() < 0.55:
            person["email"] = self.b.email(person.get("latin", person["name"]))
        if "address" not in person and (person.get("address_hidden") or rng.random() < 0.75):
            if abroad:
                person["address"] = rng.choice(self.culture["abroad"])
            else:
                town, district = rng.choice(self.culture["towns"])
                person["address"] = (f"{rng.randint(1, 48)} {rng.choice(self.culture['streets'])}, {town} "
                                     f"{district} {rng.randint(1, 9)}ZZ (fictional)")
        person["abroad"] = abroad and bool(person.get("address"))
        if "language" not in person:
            person["language"] = self.config.get("language") or rng.choice(self.culture["languages"])
        if "needs" not in person and rng.random() < 0.2:
            person["needs"] = rng.choice(NEEDS)
        return person

    def _person(self, name, gender, side, roles, label, kids, *, latin=None, abroad=False, elder=False,
                language=None):
        person = {"name": name, "gender": gender, "side": side, "roles": roles,
                  "relationships": {kid: label for kid in kids}, "abroad": abroad}
        if latin:
            person["latin"] = latin
        if language:
            person["language"] = language
        return self._contact(person, elder)

    def _relative(self, gender, side, surname, label, kids, elder=False):
        name, latin = self._name(gender, surname, self.rng.random() < self.culture["native"])
        abroad = bool(self.culture["abroad"]) and self.rng.random() < (0.4 if elder else 0.15)
        return self._person(name, gender, side, ["relative"], label, kids, latin=latin,
                            abroad=abroad, elder=elder)

    def _plan(self):
        rng, spec, config = self.rng, self.spec, self.config
        every = list(range(len(self.children)))
        parents, fixed = [], []
        for name, relationship in spec["pr_holders"]:
            side = {"Mother": "maternal", "Father": "paternal"}.get(relationship, "both")
            parents.append({"name": name, "gender": "F" if relationship == "Mother" else "M", "side": side,
                            "roles": ["pr_holder", "parent"], "label": relationship})
        parents += [dict(parent) for parent in config.get("parents", [])]
        for parent in parents:
            label = parent.pop("label")
            parent["relationships"] = label if isinstance(label, dict) else {kid: label for kid in every}
            parent["address_hidden"] = int(parent["name"] in config.get("hidden", []))
            if parent["name"] in config.get("addresses", {}):
                parent["address"] = config["addresses"][parent["name"]]
            fixed.append(self._contact(parent))
        for extra in config.get("people", []):
            person = dict(extra)
            label = person.pop("label")
            person["relationships"] = {kid: label for kid in every}
            fixed.append(self._contact(person))
        taken = {person.get("slot") for person in fixed}

        # Each parent's own family: grandparents, the parent's brothers and sisters, their children.
        groups = {}
        for parent in parents:
            kids = [kid for kid, label in parent["relationships"].items() if label in ("Mother", "Father")]
            surname = parent["name"].split()[-1]
            groups.setdefault(parent["side"], []).append((parent, kids, surname))
        fathers = {self._surname_entry(surname) for _, _, surname in groups.get("paternal", [])}
        candidates = [[], []]
        for side, members in groups.items():
            if side not in ("maternal", "paternal"):
                continue
            for _parent, kids, surname in members:
                if side == "maternal" and self._surname_entry(surname) in fathers:
                    surname = rng.choice(self.culture["surnames"])  # her own family's name
                siblings, elders = config.get("groups", {}).get(side, (None, None))
                siblings = siblings or self._surname_entry(surname)
                elders = elders or siblings
                grandmother, grandfather = self.culture["grand"]
                if (side, "grandmother") not in taken and rng.random() < 0.85:
                    candidates[0].append(self._relative("F", side, elders, grandmother, kids, elder=True))
                if (side, "grandfather") not in taken and rng.random() < 0.6:
                    candidates[0].append(self._relative("M", side, elders, grandfather, kids, elder=True))
                for _ in range(rng.randint(1, 3)):
                    gender = rng.choice("FM")
                    married = gender == "F" and rng.random() < 0.4
                    family = rng.choice(self.culture["surnames"]) if married else siblings
                    candidates[0].append(self._relative(gender, side, family, "Aunt" if gender == "F" else "Uncle",
                                                        kids))
                for _ in range(rng.randint(2, 4)):
                    gender = rng.choice("FM")
                    family = siblings if rng.random() < 0.5 else rng.choice(self.culture["surnames"])
                    candidates[1].append(self._relative(gender, side, family, "Cousin", kids))
                gender = rng.choice("FM")
                candidates[1].append(self._relative(gender, side, rng.choice(self.culture["surnames"]),
                                                    "Aunt by marriage" if gender == "F" else "Uncle by marriage",
                                                    kids))
                if rng.random() < 0.5:
                    gender = rng.choice("FM")
                    candidates[1].append(self._relative(gender, side, elders,
                                                        "Great-aunt" if gender == "F" else "Great-uncle",
                                                        kids, elder=True))

        # Friends, a neighbour or someone from the family's community.
        mother = next((parent for parent in parents if parent["side"] == "maternal"), parents[0])
        community = self.culture["community"]
        godparent = "Godmother" if self.config["culture"] not in ("arabic", "hebrew") else "Family friend"
        for label, side, roles, tier in [
                ("Mum’s friend" if mother["side"] == "maternal" else "Family friend", mother["side"], ["friend"], 0),
                (community, "neither", ["support"], 0), (godparent, "both", ["friend"], 2)]:
            gender = rng.choice("FM")
            if label == "Neighbour" or (label != community and rng.random() < 0.4):
                name, gender = self.b.neighbour()  # someone from another background, as a street has
                person = self._person(name, gender, side, roles, label, every, language="English")
            else:
                name, latin = self._name(gender, rng.choice(self.culture["surnames"]),
                                         rng.random() < self.culture["native"])
                person = self._person(name, gender, side, roles, label, every, latin=latin)
            if person["relationships"][0] == "Godmother" and gender == "M":
                person["relationships"] = {kid: "Godfather" for kid in every}
            (fixed if tier == 0 else candidates[1]).append(person)

        # As many as this family has: drop the least close, or add more of the wider family.
        target = max(8, min(25, rng.randint(*config["size"])))
        chosen, names = [], set()

        def take(person):  # the same name twice in one family, in either script, reads as a mistake
            key = person.get("latin", person["name"])
            if key not in names:
                names.add(key)
                chosen.append(person)

        for person in fixed:
            take(person)
        for tier in candidates:
            rng.shuffle(tier)
            for person in tier:
                if len(chosen) >= target:
                    break
                take(person)
        parent, kids, _ = (groups.get("maternal") or next(iter(groups.values())))[0]
        while len(chosen) < target:
            take(self._relative(rng.choice("FM"), parent["side"], rng.choice(self.culture["surnames"]),
                                "Cousin", kids))
        self._plan_invitations(chosen)
        return chosen

    def _plan_invitations(self, people):
        """Invitations that fit the stage, and how each person took part in each held meeting."""
        rng, spec = self.rng, self.spec
        reached = spec.get("from", spec["stage"])
        order = lifecycle.MAIN_PATH.index(reached)
        held = order >= lifecycle.MAIN_PATH.index("conference_held")
        review_held = order >= lifecycle.MAIN_PATH.index("review_held")
        names = self.config.get("known_as") or [name.split()[0] for name, *_ in spec["children"]]
        children = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        for person in people:
            roles = person["roles"]
            mode = person.get("attend", {})
            person["attend"] = mode = {"conference": mode} if isinstance(mode, str) else dict(mode)
            if person.get("excluded"):
                person["invitation"] = "not_contacted"
                continue
            if "invitation" in person:
                status = person["invitation"]
            elif reached == "referred":
                status = "not_contacted"
            elif order <= lifecycle.MAIN_PATH.index("baseline_held"):
                contacted = "pr_holder" in roles or (reached == "baseline_held" and rng.random() < 0.3)
                status = "contacted" if contacted else "not_contacted"
            elif reached == "preparing":
                if "pr_holder" in roles or "advocate" in roles:
                    status = rng.choice(["invited", "confirmed"])
                elif "interpreter" in roles:
                    status = "contacted"
                else:
                    status = rng.choices(["contacted", "invited", "confirmed", "not_contacted", "declined"],
                                         [35, 30, 15, 12, 8])[0]
            elif "pr_holder" in roles or "advocate" in roles or "interpreter" in roles:
                status = "confirmed"
            else:
                status = rng.choices(["confirmed", "invited", "declined"], [65, 15, 20] if held else [60, 25, 15])[0]
            person["invitation"] = status
            if not held:
                continue
            if "conference" not in mode:
                if status == "confirmed":
                    if person["abroad"]:
                        choice = "remote"
                    elif "pr_holder" in roles or "advocate" in roles or "interpreter" in roles:
                        choice = "in_person"
                    else:
                        choice = rng.choices(["in_person", "remote", "did_not_attend"], [72, 20, 8])[0]
                else:
                    choice = "written_views" if rng.random() < (0.5 if status == "invited" else 0.4) \
                        else "did_not_attend"
                mode["conference"] = choice
            if review_held and status == "confirmed" and "interpreter" not in roles and "review" not in mode:
                if "pr_holder" in roles or "advocate" in roles:
                    mode["review"] = "in_person"
                else:
                    mode["review"] = rng.choices(["in_person", "remote", "did_not_attend"], [50, 20, 30])[0]
            if "written_views" in mode.values():
                view = WRITTEN_VIEWS_WELSH if person.get("language") == "Welsh" and rng.random() < 0.5 \
                    else rng.choice(WRITTEN_VIEWS).format(children=children)
                person["written_views"] = view

    # --- writing ---------------------------------------------------------------------------

    def add(self, user_email):
        """Everyone in the network, as the coordinator (or, before allocation, the social worker) adds them."""
        db = self.b.db
        for person in self.people:
            values = {key: person[key] for key in network.DETAILS if key in person}
            person_id = network.save(db, self.case_id, values, relationships={
                self.children[kid]: label for kid, label in person["relationships"].items()})
            self.ids.append(person_id)
            self.b.audit(user_email, "case.person_saved", self.case_id, {"person_id": person_id, "added": True})

    def exclude(self, user_email, on):
        """Exclusions are decided once the people are known, before anyone is invited."""
        for person, person_id in zip(self.people, self.ids, strict=True):
            if person.get("excluded") and not network.get(self.b.db, self.case_id, person_id)["excluded"]:
                network.exclude(self.b.db, self.case_id, person_id, reason=person["excluded"],
                                approved_by=MANAGER_NAME, on=on.isoformat(), user_id=self.b.users[user_email]["id"])
                self.b.audit(user_email, "case.person_excluded", self.case_id, {"person_id": person_id})

    def invite(self, user_email, dates):
        """Each invitation's status, dated between ``dates``' first and last day (never after today)."""
        self.invited = True
        first, last = dates
        last = max(first, min(last, self.b.today))
        for person, person_id in zip(self.people, self.ids, strict=True):
            if person["invitation"] == "not_contacted":
                continue
            offset = self.rng.randint(0, (last - first).days)
            on = max(first, self.b.working_on_or_before(first + datetime.timedelta(days=offset)))
            network.set_invitation(self.b.db, self.case_id, person_id, person["invitation"], on.isoformat())
            self.b.audit(user_email, "case.invitation_changed", self.case_id,
                         {"person_id": person_id, "invitation": person["invitation"]})

    def attend(self, user_email, meeting_id, kind):
        recorded = False
        for person, person_id in zip(self.people, self.ids, strict=True):
            mode = person["attend"].get(kind)
            if mode:
                network.record_attendance(self.b.db, person_id, meeting_id, mode,
                                          user_id=self.b.users[user_email]["id"])
                recorded = True
        if recorded:
            self.b.audit(user_email, "case.attendance_recorded", self.case_id, {"meeting_id": meeting_id})


# --- what the professionals bring, and the children's views -----------------------------------
#
# Written as each professional would write it for the family: plain words, no jargon. The lead
# social worker's entry carries the danger statements and safety goals. ``shared`` marks
# information already given to the family on cases whose conference has not been held yet;
# once a conference has been held, everyone's information was shared before it.

SAM_AGENCY = REFERRER["referrer_organisation"]


def _social_worker(worried, working_well, needs_to_happen, scale, scale_reason, resources, dangers, shared=False):
    return {"name": "Sam Okafor", "agency": SAM_AGENCY, "role": "Social worker (lead professional)",
            "contact": SOCIAL_WORKER, "attends": "all", "worried": worried, "working_well": working_well,
            "needs_to_happen": needs_to_happen, "scale": scale, "scale_reason": scale_reason,
            "resources": resources, "dangers": dangers, "shared": shared}


def _professional(name, agency, role, contact, attends, worried, working_well, needs_to_happen, scale,
                  scale_reason, resources, shared=False):
    return {"name": name, "agency": agency, "role": role, "contact": contact, "attends": attends,
            "worried": worried, "working_well": working_well, "needs_to_happen": needs_to_happen,
            "scale": scale, "scale_reason": scale_reason, "resources": resources, "dangers": [], "shared": shared}


def _views(wishes, gathered, attending, scale, note="", advocate=""):
    return {"wishes": wishes, "gathered": gathered, "gathered_note": note, "advocate_name": advocate,
            "attending": attending, "scale": scale}


PREPARATION = {
    103: {
        "professionals": [
            _social_worker(
                "Oliwia (11) looks after Kacper (8) every day after school until Agnieszka gets home from work at "
                "six. Oliwia told me she worries about getting it wrong, and she has stopped going to gymnastics. "
                "Agnieszka has no family nearby since the separation and is frightened that Marek will find out "
                "where they live.",
                "Agnieszka has kept the children safe from Marek since he left: she called the police, got a "
                "non-molestation order and moved house. The children are warm, fed and at school every day. "
                "Agnieszka is honest about how hard things are and asked for this conference herself.",
                "An adult the children know to be with them after school every weekday. Oliwia to have time for "
                "herself and her clubs. Agnieszka to have people she can ring when she feels low.",
                6, "Both children are safe from their father and well cared for, but Oliwia is carrying too much, "
                   "and there is no one to step in if Agnieszka is ill.",
                "A family support worker for six weeks; help applying for funding for an after-school club.",
                [("Social care are worried that if Oliwia keeps looking after Kacper on her own after school, she "
                  "will miss out on her own childhood and schoolwork, and if something went wrong – an accident, "
                  "or Marek coming to the door – there would be no adult there to help.",
                  "Social care will be satisfied when an adult the family trusts is with Oliwia and Kacper every "
                  "weekday after school, Oliwia is back at her clubs, and everyone knows what to do if Marek makes "
                  "contact.")]),
            _professional(
                "Helen Carter", "Aberwen High School (fictional)", "Head of Year 7",
                "h.carter@aberwenhigh.example.org", "information_sharing",
                "Oliwia has been late three times this month and falls asleep in afternoon lessons. She leaves the "
                "moment the bell goes and has dropped out of gymnastics club. She told her form tutor she 'has to "
                "get Kacper'.",
                "Oliwia is bright and well liked, and her attendance is 96%. She talks to her form tutor and asks "
                "for help when she needs it. Agnieszka came to the welcome evening with the interpreter.",
                "Someone else to collect Kacper so that Oliwia can stay for clubs at least twice a week. The "
                "school to know who is allowed to collect the children.",
                6, "She is coping and we see her every day, but she looks tired and is missing out.",
                "Homework club until 5pm on Tuesdays and Thursdays; the school counsellor can see Oliwia weekly."),
            _professional(
                "Dr Anjali Rao", "Quarry Row Surgery (fictional)", "GP", "quarryrow.surgery@nhs.example.org",
                "information_sharing",
                "Agnieszka has told me about low mood and poor sleep since the separation. She was prescribed "
                "antidepressants in the spring and stopped taking them after a month.",
                "She came back to see me and was open about how she feels. Both children are up to date with "
                "their vaccinations, and Kacper goes to every speech therapy appointment.",
                "Agnieszka to come back for a medication review and to think about the talking therapy I have "
                "offered, which is available in Polish.",
                7, "The children’s health needs are met. Agnieszka’s mood is the worry, and she is willing to "
                   "get help.",
                "A review appointment within two weeks; a referral to talking therapy with a Polish-speaking "
                "therapist."),
            _professional(
                "PC Rhian Jenkins", "Aberwen Police (fictional)", "Domestic abuse officer",
                "rhian.jenkins@police.example.org", "information_sharing",
                "Marek has asked a mutual friend where Agnieszka now lives. The non-molestation order runs until "
                "next July. He breached his bail conditions once last year.",
                "Agnieszka reported the question from the friend straight away. The new address is flagged, so "
                "any 999 call from it gets an urgent response.",
                "Everyone who collects the children to know what Marek looks like and to ring 999 if he comes near "
                "them or the house.",
                6, "There has been no contact from Marek for eight months, but he is still looking for the family.",
                "A home safety visit and a video doorbell through the Safer Homes scheme."),
        ],
        "children": [
            _views("I like looking after Kacper but sometimes he won’t listen and I get cross and then I feel bad. "
                   "Chcę znowu chodzić na gimnastykę (I want to go back to gymnastics). I want someone else to "
                   "pick him up on some days so I can see my friends. I don’t want Mama to be sad.",
                   "direct", "yes", 6,
                   note="Talked with Tomasz at home after school; the interpreter was there, and Oliwia chose to "
                        "answer mostly in English."),
            _views("Kacper drew his family: Mama, Oliwia and him holding hands, and Babcia with a cake. He said: "
                   "'I want Oliwia to play with me, not be the boss.'",
                   "letter_or_drawing", "part", 7,
                   note="Kacper has a stammer and chose to draw; his speech and language therapist helped him say "
                        "what the picture meant."),
        ],
    },
    104: {
        "professionals": [
            _social_worker(
                "Noah has been reported missing eleven times since the summer, four of them from his foster home. "
                "He has been seen getting into cars with older young people, and once came back with a new phone "
                "and £200 he would not explain. We think he is being drawn into selling drugs. Before he came into "
                "care, he and Danielle were arguing most nights.",
                "Noah and Danielle love each other and both want him home. Danielle has come to every contact and "
                "has not used drugs for over two years. Noah has never gone missing from his Saturday visits home. "
                "He is honest with Jess, his advocate, about how he feels.",
                "A step-by-step plan for Noah to go home, starting with overnight stays. Family he can go to when "
                "things at home get heated, instead of the street. Everyone to know what to do if he goes missing.",
                3, "Noah is at real risk of being exploited and his going missing has not stopped. The strength is "
                   "that he wants to be home and stays safe when he is there.",
                "Edge of care family sessions; a taxi for contact visits; a mentor through the youth service.",
                [("Social care are worried that Noah could be seriously hurt, or made to carry or sell drugs, by "
                  "the older young people he goes missing with, and that because he finds it hard to tell what "
                  "other people intend, he may not see the danger.",
                  "Social care will be satisfied when Noah has not gone missing for three months, he has adults "
                  "in the family he goes to when he is upset, and the family and police share a plan for finding "
                  "him quickly if he does go missing."),
                 ("Social care are worried that if Noah goes home without a plan, the arguments with his mum will "
                  "start again and he will run to the people who are exploiting him.",
                  "Social care will be satisfied when Noah and Danielle have agreed house rules, know how to calm "
                  "things down, and Noah has a family member he can stay with for a night when they need a break.")],
                shared=True),
            _professional(
                "Tom Ashworth", "Easthope Academy (fictional)", "Special educational needs coordinator (SENCo)",
                "t.ashworth@easthope.example.org", "all",
                "Noah’s attendance has dropped to 62% this term. He leaves at lunchtime on days after he has been "
                "out overnight. He becomes very anxious about any change to his timetable.",
                "Noah is doing well in computing and art and gets on well with his learning support assistant. He "
                "now uses his quiet pass when he needs to leave a lesson, instead of walking out of school.",
                "Noah to keep the same school and the same support worker wherever he lives. Plans written down "
                "for him: he does best when he can read what is going to happen.",
                4, "He is safe while he is in school, but he is missing too much of it.",
                "A daily check-in with his learning support assistant; a written timetable; a place in the "
                "after-school coding club."),
            _professional(
                "DC Lisa Harding", "Aberwen Police (fictional)", "Missing and exploited children team",
                "lisa.harding@police.example.org", "information_sharing",
                "Noah has been found twice at a flat known to us for drug dealing, and once in a car stopped on "
                "the motorway forty miles away. The older young people he is with are known to us.",
                "Noah has talked to the return interview worker every time and has given us useful information. "
                "He has never been violent.",
                "A safety plan shared with us: who to ring, where he might go, and a recent photo. Family to tell "
                "us straight away if he is not where he should be.",
                3, "The people he is with are dangerous, and he is still going missing.",
                "A named officer for Noah; action against the adults involved; the return interview service."),
            _professional(
                "Kirsty Lane", "Edge of Care Team (fictional)", "Family support worker",
                "kirsty.lane@demo.example.org", "all",
                "Danielle and Noah both get overwhelmed when they argue, and it gets out of hand quickly. Danielle "
                "worries she will not cope if he goes missing from home.",
                "At the last two family sessions they made a list of house rules together and laughed together. "
                "Danielle has started using the calm-down card Noah designed.",
                "Sessions to carry on weekly once Noah is home, and a named relative he can ring when he needs "
                "space.",
                5, "They are learning to calm things down together, but it is early days.",
                "Weekly family sessions at home for twelve weeks, including evenings; a support line until 10pm."),
        ],
        "children": [
            _views("I want to go home to Mum. I know I made things hard. I want my own room back and my Xbox. I "
                   "don’t want to be moved again. When me and Mum argue I could go to Nan’s instead of going out. "
                   "I don’t want everyone talking about me at the meeting.",
                   "advocate", "part", 4, advocate="Jess Adeyemi",
                   note="Jess sent Noah the questions in writing first, as he prefers, and met him at his foster "
                        "home. He wants to come for the start and then leave."),
        ],
    },
    105: {
        "professionals": [
            _social_worker(
                "There were two incidents this year when Karim hurt Layla while the children were in the house. In "
                "March Maryam tried to pull her father away and was pushed over. Maryam has told her teacher she is "
                "scared when her parents shout. Karim moved out in May but has twice turned up at the house without "
                "warning.",
                "Layla called the police herself in May and has kept to the agreement that Karim only sees the "
                "children at his sister’s home. Karim has been to eight of the twelve sessions of the Safer "
                "Relationships programme and says what he did was wrong. The children are well cared for and go to "
                "school every day.",
                "A plan for how the children see their father that keeps them and Layla safe, with family members "
                "who will supervise. Karim to finish the programme. Layla and the children to have a safety plan "
                "if he comes to the house.",
                4, "Karim moving out and getting help is a big step. But the violence was serious, the children saw "
                   "it, and the last incident was only six months ago.",
                "Supervised contact at the family centre until family supervisors are agreed; the Freedom "
                "Programme for Layla, with an Arabic-speaking facilitator.",
                [("Social care are worried that if Karim and Layla are together without a plan and an argument "
                  "starts, Karim could hurt Layla again, and Maryam and Yusuf could be hurt or badly frightened, as "
                  "Maryam was in March.",
                  "Social care will be satisfied when Karim sees the children only at times and places agreed in "
                  "the family plan, with a family member there, the family know what to do if the plan is broken, "
                  "and there have been no incidents for six months."),
                 ("Social care are worried that Maryam will keep feeling frightened at home and believe it is her "
                  "job to protect her mother.",
                  "Social care will be satisfied when Maryam has been helped to talk about what happened and says "
                  "she feels safe at home.")],
                shared=True),
            _professional(
                "PC Gareth Moyle", "Aberwen Police (fictional)", "Domestic abuse safeguarding officer",
                "gareth.moyle@police.example.org", "information_sharing",
                "We went to the family home twice this year. The second time Layla had a cut lip and Karim was "
                "arrested; he accepted a caution. The risk assessment at the time said the risk was high.",
                "There have been no call-outs since Karim moved out in May, and he has kept to the conditions.",
                "Layla to know she can ring 999 at any time and that her address is flagged for an urgent "
                "response. Contact arrangements written down so everyone knows them.",
                5, "Things have been calm since May, but the risk was high six months ago.",
                "A home security visit; a flag on the address; a named officer Layla can contact.", shared=True),
            _professional(
                "Sarah Pryce", "St Mary’s Primary School (fictional)", "Maryam’s class teacher (Year 3)",
                "s.pryce@stmarys.example.org", "all",
                "Maryam is quiet and jumps at loud noises. She told me: 'Baba shouts and I hide with Yusuf.' She "
                "often asks whether her mum is coming to pick her up.",
                "Maryam reads well above her age in English and Arabic and has a close group of friends. Yusuf has "
                "settled well in Reception. Layla collects both children every day, on time.",
                "Maryam to have a trusted adult at school to talk to. The school to know who may collect the "
                "children.",
                6, "The children are happy at school, but Maryam is still anxious.",
                "Weekly sessions with the school’s emotional literacy assistant for Maryam; the family room is "
                "free for family meetings.", shared=True),
            _professional(
                "Martin Hale", "Safer Relationships Programme (fictional)", "Programme facilitator",
                "martin.hale@saferrelationships.example.org", "information_sharing",
                "Karim still sometimes blames Layla for 'pushing him', and plays down how frightened the children "
                "were. He has missed four sessions, two of them because of work shifts.",
                "He has started to talk about how it affected Maryam and was upset in the session about children’s "
                "experiences. He used his time-out plan at his sister’s house when he felt angry.",
                "Karim to finish the remaining sessions. The partner support worker to stay in touch with Layla.",
                5, "Karim is starting to take responsibility, but he has not finished the programme.",
                "Partner support for Layla throughout the programme; four catch-up sessions for Karim."),
        ],
        "children": [
            _views("I want Baba to come to my birthday. I don’t like the shouting. When it is loud I go in my room "
                   "with Yusuf and we play quiet. I like it when Teta comes because she makes ka’ak and nobody "
                   "shouts.",
                   "direct", "part", 5,
                   note="Talked with Cerys at school with her class teacher nearby. Maryam chose to speak English."),
            _views("Yusuf drew a house with everyone in it and a big sun. He told his teacher: 'Mama and Teta and "
                   "me and Maryam.'",
                   "letter_or_drawing", "no", None,
                   note="Drawn in class with his teacher, who wrote down what he said."),
        ],
    },
    106: {
        "professionals": [
            _social_worker(
                "Kayleigh and Jordan both smoke cannabis every day, and the flat smelled strongly of it on each of "
                "my visits. Twice Leo’s and Ruby’s nappies had not been changed for many hours. Neighbours have "
                "reported shouting and banging after midnight, and the police were called in September. Ruby "
                "missed her one-year check and two immunisations.",
                "Both parents love the children and play well with them. The children’s nan sees them several "
                "times a week and shares our worries. Both parents have agreed to see the drug and alcohol "
                "service, and Kayleigh has been to three appointments.",
                "Both parents to cut down and then stop using cannabis, shown by regular tests. No arguing in front "
                "of the children. A family member ready to care for Leo and Ruby if their parents cannot, so the "
                "children would not go to strangers.",
                2, "The children are not safe enough at home at present. The parents are starting to get help, but "
                   "there is a lot to change before the court date.",
                "Parenting support at the family centre; help with nursery costs; travel costs for family members "
                "who help with the children.",
                [("Social care are worried that if Kayleigh and Jordan keep using cannabis every day, Leo and Ruby "
                  "will not get the care a toddler and a baby need – being fed, changed, watched and kept away from "
                  "danger – and could be hurt or become ill.",
                  "Social care will be satisfied when both parents’ tests show they have stopped using cannabis for "
                  "three months, and a family member who visits every day agrees the children are well cared for."),
                 ("Social care are worried that the late-night arguments could turn violent and the children could "
                  "be hurt or frightened.",
                  "Social care will be satisfied when there have been no police call-outs or reports of fighting "
                  "for three months and both parents have taken part in the relationship work.")]),
            _professional(
                "Paula Greenhalgh", "Marsh End Health Visiting Team (fictional)", "Health visitor",
                "paula.greenhalgh@nhs.example.org", "information_sharing",
                "Ruby missed her one-year review and is behind with her immunisations. Leo’s speech is delayed: at "
                "three and a half he uses about fifty words. The flat smelled of cannabis on both home visits.",
                "Ruby is gaining weight well and is a happy, responsive baby. Kayleigh asked me for help with Leo’s "
                "sleep and tried the plan I suggested.",
                "Ruby’s immunisations up to date within a month. Leo referred to speech and language therapy.",
                4, "The children are growing well, but their health appointments are being missed.",
                "Fortnightly home visits; help booking the immunisations; a referral to speech and language "
                "therapy for Leo."),
            _professional(
                "Shannon Pike", "Little Acorns Nursery (fictional)", "Leo’s key worker",
                "littleacorns@nursery.example.org", "all",
                "Leo often arrives hungry and in the same clothes as the day before. He has missed 9 of his last "
                "30 sessions. When Jordan drops him off late he is unsettled and cries for his nan.",
                "When Leo is here he joins in, loves the sand tray and is starting to play with other children. "
                "His nan collects him on Fridays and always stops to talk to us.",
                "Leo to come to every session, on time, after breakfast. Nursery to have a named family member to "
                "ring if he is not collected.",
                4, "Leo does well here when he comes, but he misses too many sessions.",
                "Free breakfast club; fifteen extra funded hours from January."),
            _professional(
                "Dean Holloway", "Aberwen Drug and Alcohol Service (fictional)", "Recovery worker",
                "dean.holloway@recovery.example.org", "information_sharing",
                "Both parents told me they smoke cannabis every evening, and Jordan also during the day. Jordan "
                "has missed two of his four appointments.",
                "Kayleigh has come to all three of her appointments and her last test shows her use is going "
                "down. She has set herself the goal of stopping before Christmas.",
                "Both parents to come to weekly appointments and do tests, and to keep cannabis out of the flat.",
                3, "Kayleigh is making a start; Jordan has not yet.",
                "Weekly one-to-one sessions; a parents in recovery group on Wednesday mornings with a crèche; "
                "regular testing."),
            _professional(
                "PC Amy Fielding", "Aberwen Police (fictional)", "Neighbourhood officer, Marsh End",
                "amy.fielding@police.example.org", "information_sharing",
                "We were called in September after neighbours heard shouting and a crash. Both parents said it "
                "was an argument about money, and no one was arrested. It is the third report from neighbours "
                "this year.",
                "Both parents were calm and cooperative with officers, and the children were asleep and unharmed.",
                "No more late-night disturbances. Both parents to know how to get help if an argument gets out of "
                "hand.",
                5, "No one has been hurt, but the reports keep coming.",
                "A referral to the domestic abuse service for both parents; visits from the neighbourhood team."),
        ],
        "children": [
            _views("Leo is too young to say what he wants in a meeting. He is a busy, chatty boy who runs to his nan "
                   "at nursery pick-up. When asked where he likes to go, he says 'Nanny’s house!' and shows his mum "
                   "every drawing he makes.",
                   "direct", "no", None,
                   note="Tomasz spent time with Leo at nursery and at home, and his key worker shared what she sees."),
            _views("Ruby is too young to give her views. She is settled and smiley, and reaches for her mum and her "
                   "nan when she is tired.",
                   "direct", "no", None, note="Observed at home during two visits by the coordinator."),
        ],
    },
    107: {
        "professionals": [
            _social_worker(
                "Ffion does most of the caring for her mam: the shopping, the cooking, collecting prescriptions and "
                "calming Bethan when she has a panic attack. Her school attendance has fallen to 70% and she told "
                "me she is 'tired all the time'. Bethan has not left the house on her own since the spring.",
                "Bethan and Ffion are very close, and Bethan wants Ffion to have a normal life. Bethan is now on "
                "the waiting list for specialist help. Ffion’s dad Gethin sees her every other weekend and wants "
                "to do more.",
                "Other adults to take on the shopping, the prescriptions and being with Bethan on bad days, so that "
                "Ffion can go to school every day and have time with her friends.",
                5, "Ffion is loved and safe, but she is caring for far more than a 13-year-old should, and it is "
                   "affecting her schooling and her health.",
                "A young carers’ assessment; a referral to the young carers’ group; help setting up grocery "
                "delivery.",
                [("Social care are worried that if Ffion keeps doing most of the caring for her mam, she will keep "
                  "missing school, become exhausted and unwell herself, and lose touch with her friends.",
                  "Social care will be satisfied when Ffion’s attendance is above 95%, she has time each week for "
                  "netball and friends, and other adults share the jobs at home so that Bethan does not rely on "
                  "Ffion.")]),
            _professional(
                "Catrin Howells", "Ysgol Gyfun Aberwen (fictional)", "Head of Year 8",
                "c.howells@ysgolgyfun.example.org", "all",
                "Ffion’s attendance this year is 70%, and she is often late. She falls asleep in lessons and has "
                "stopped going to netball, which she loved. Her marks in maths and science have dropped.",
                "Ffion is kind, works hard when she is here and has good friends. She told her form tutor about "
                "home, which took courage.",
                "Ffion to be in school every day. Someone else to be on call for her mam in school hours so that "
                "Ffion can keep her phone in her bag.",
                5, "She is safe in school, but she is missing a lot and is worn out.",
                "A young carers’ card so she can leave a lesson to make a call; a catch-up tutor for maths; a "
                "place back in the netball team."),
            _professional(
                "Dr Elen Roberts", "Stryd Fawr Surgery (fictional)", "GP", "strydfawr.surgery@nhs.example.org",
                "information_sharing",
                "Bethan has severe anxiety and finds it very hard to leave the house. She is on medication and on "
                "the waiting list for psychology; the wait is about four months.",
                "She takes her medication regularly and has started phone appointments with me. She is clear that "
                "she wants Ffion to be able to be a child.",
                "Bethan to have support at home while she waits for psychology, and someone to come with her to "
                "appointments.",
                6, "Bethan is getting treatment and is honest about how she is, but it will take time.",
                "Phone appointments every two weeks; a referral to the community mental health team’s home "
                "support service."),
            _professional(
                "Sara Mahoney", "Early Help Team (fictional)", "Family support worker",
                "sara.mahoney@demo.example.org", "all",
                "Bethan struggles to manage money and the house when she is anxious, and relies on Ffion to do "
                "the online shopping.",
                "Bethan has used the delivery slot we set up together and has done the shopping herself twice.",
                "A weekly routine for shopping and prescriptions that does not depend on Ffion.",
                6, "Small changes are already working.",
                "Six weeks of home visits; help setting up repeat prescriptions and deliveries."),
        ],
        "children": [
            _views("I love Mam and I don’t mind helping, but I’m tired all the time. I want to go back to netball "
                   "and have friends round after school. I want someone else to do the big shop and be there when "
                   "Mam has a bad day, so I don’t have to keep checking my phone in lessons. I don’t want Mam to "
                   "get in trouble.",
                   "advocate", "yes", 5, advocate="Mali Rowlands",
                   note="Ffion met Mali, her young carers’ advocate, twice after school and they wrote this together."),
        ],
    },
    108: {
        "professionals": [
            _social_worker(
                "Amara (10) and Chidi (7) have been found at home without an adult three times this year, once at "
                "7am when Amara was getting Chidi ready for school. Grace works early shifts at the hospital and "
                "Emeka works nights, which leaves gaps in the mornings and evenings. The children often arrived at "
                "school without breakfast.",
                "Grace and Emeka love the children and take the worries seriously. Since the plan began the "
                "children have not been found alone. Grace has changed two shifts a week. The home is clean and "
                "the children are well dressed.",
                "An adult with the children every morning before school and every evening until a parent is "
                "home, on a rota the family keep to, with a back-up when someone cannot make it.",
                5, "The gaps are being filled, but the plan depends on a few people and has not been tested over a "
                   "holiday.",
                "After-school club fees for three days a week; a family support worker to help set up the rota.",
                [("Social care are worried that if Amara and Chidi are left on their own before or after school, "
                  "they could be hurt in an accident or a fire, or open the door to someone unsafe, with no adult "
                  "there to help.",
                  "Social care will be satisfied when there is an adult with the children every morning and "
                  "evening, the rota has worked for three months with no gaps, and everyone knows who steps in if "
                  "someone is ill."),
                 ("Social care are worried that Grace’s former partner, who was violent to her, could find the "
                  "family and frighten or hurt Grace or the children.",
                  "Social care will be satisfied when everyone who looks after the children knows not to open the "
                  "door to him and what to do if he makes contact.")]),
            _professional(
                "Daniel Osei", "Victoria Road Primary School (fictional)", "Deputy head and safeguarding lead",
                "d.osei@victoriaroad.example.org", "all",
                "Amara told her teacher that she gets Chidi ready and walks him to school. Both children were "
                "hungry most mornings in the spring term. Chidi was collected late six times last term.",
                "Both children now come to breakfast club every day and their attendance is 97%. Amara is doing "
                "well and has been elected to the school council. Emeka comes to every review meeting.",
                "A named adult to drop off and collect every day, and the school to have up-to-date phone numbers "
                "for that adult.",
                6, "Much better since the plan began, but late collections still happen.",
                "Free breakfast club; after-school club until 5.30pm three days a week, paid for by the school."),
            _professional(
                "Joanna Pearce", "Aberwen School Nursing Team (fictional)", "School nurse",
                "joanna.pearce@nhs.example.org", "information_sharing",
                "Chidi has had three chest infections this year and missed one asthma review. His inhaler was not "
                "in school for two weeks.",
                "Grace booked and brought him to his last asthma review. Both children are growing well.",
                "Chidi’s inhaler in school at all times, and his asthma plan shared with whoever looks after him "
                "in the mornings.",
                7, "The children are healthy; Chidi’s asthma needs closer care.",
                "An asthma review at school; showing family members how to use his inhaler and spacer."),
            _professional(
                "DS Kate Morrow", "Aberwen Police (fictional)", "Public protection unit",
                "kate.morrow@police.example.org", "information_sharing",
                "Grace’s former partner has convictions for violence against her and was released from prison in "
                "the summer.",
                "There are no reports of him trying to find the family. Grace keeps her address private and "
                "follows her safety plan. The school knows not to release the children to him.",
                "The family plan to say what to do if he makes contact. Whoever collects the children to know not "
                "to open the door to him.",
                7, "He has not made contact, and Grace has a good safety plan.",
                "A marker on the address; Grace can contact the unit directly."),
        ],
        "children": [
            _views("I don’t like it when I have to get Chidi ready and there’s no grown-up. I get scared when it’s "
                   "dark and Mummy is still at work. I want my aunty to come in the mornings and make pap like she "
                   "does at weekends. Breakfast club is good because my friends go.",
                   "direct", "part", 4,
                   note="Talked with Tomasz at school; Amara wants to come for the start and read out what she wrote."),
            _views("Chidi wrote a card with help from his teacher: 'I want breakfast at home and Daddy to walk me "
                   "to school. I want to go to football.'",
                   "letter_or_drawing", "no", 6,
                   note="He chose faces on a chart for his scale, with his teacher."),
        ],
    },
    109: {
        "professionals": [
            _social_worker(
                "Miriam was in hospital for six weeks last year with severe depression. Noa was looked after by "
                "different neighbours and missed two weeks of school. There is no written plan for who will care "
                "for Noa if Miriam becomes unwell again, and most of Miriam’s family live in London or Israel.",
                "Miriam is well at present, takes her medication and sees her care coordinator every month. She "
                "noticed her own early warning signs and asked for this conference. Noa is doing well at school and "
                "is a happy, chatty girl.",
                "A written plan, agreed by the family, for who will look after Noa, keep her at her school and keep "
                "to her kosher diet and Shabbat if Miriam goes into hospital. Noa to know the plan and who she can "
                "ring.",
                7, "Noa is safe and well cared for now. The worry is only about what would happen if Miriam became "
                   "unwell again without a plan.",
                "Help with travel costs for family coming from London; a short written plan for the school and GP.",
                [("Social care are worried that if Miriam becomes unwell again and there is no plan, Noa could be "
                  "looked after by people she does not know, moved away from her school and friends, and be very "
                  "frightened about her mum.",
                  "Social care will be satisfied when the family have a written plan naming who will care for Noa, "
                  "she can stay at her school, and Noa knows the plan and is happy with it.")]),
            _professional(
                "Tom Ellery", "Aberwen Community Mental Health Team (fictional)",
                "Care coordinator (mental health nurse)",
                "tom.ellery@nhs.example.org", "information_sharing",
                "Miriam’s last illness came on quickly, over about three weeks. When she is unwell she stops eating "
                "and sleeping and cannot look after herself or Noa.",
                "She has been well for eight months, takes her medication and knows her early warning signs. She "
                "has a crisis plan with us.",
                "The family plan and Miriam’s crisis plan to match, with family members who will ring us if they "
                "notice the signs.",
                7, "Miriam is well and knows what to look out for.",
                "Monthly visits; the crisis line, 24 hours a day; we can explain the early warning signs to family "
                "members Miriam chooses."),
            _professional(
                "Anne Pritchett", "Aberwen Jewish Primary School (fictional)", "Noa’s class teacher (Year 5)",
                "a.pritchett@ajps.example.org", "all",
                "When Miriam was in hospital Noa missed two weeks of school and was anxious and tearful for a long "
                "time afterwards.",
                "Noa is doing well, has lovely friends and sings in the school choir. Miriam keeps in close touch "
                "with us.",
                "The school to know who will bring Noa in if Miriam is unwell, and to be told early so we can "
                "support her.",
                8, "Noa is thriving. We want to be ready if things change.",
                "The learning mentor will see Noa if her mum is unwell; a taxi if she is staying further away."),
        ],
        "children": [
            _views("When Ima was in hospital I stayed with lots of different people and I missed my school. Savta "
                   "was nice but she lives far away. If Ima gets poorly again I want to stay with someone I know "
                   "and still go to my school and choir. I want to phone Ima every night before bed.",
                   "direct", "yes", 7, note="Talked with Cerys at home, with her mum in the next room."),
        ],
    },
    110: {
        "professionals": [
            _social_worker(
                "Tyler, Mia and Alfie were found alone at home in the spring while Stacey was asleep upstairs after "
                "using heroin. Alfie, who was born early and needs physiotherapy, had missed three appointments. "
                "Stacey has used heroin on and off for four years.",
                "Stacey is on a methadone script and has been to every appointment at the drug service for eight "
                "weeks. The children’s aunt Kerry has cared for them since the spring, and they are happy and "
                "settled with her. Stacey visits every week and the visits go well.",
                "The children to stay with Kerry while Stacey is in treatment, with an order to make this secure. "
                "Stacey to see the children often, at times that fit her treatment. A plan for what happens if "
                "Stacey uses again.",
                4, "The children are safe with Kerry, but they cannot yet live safely with their mum. Stacey is "
                   "doing well in treatment, but it is early days.",
                "Help with the costs of a child arrangements order; a special guardianship assessment if the family "
                "want one; a bed and car seats for Kerry.",
                [("Social care are worried that if the children live with Stacey while she is still using heroin, "
                  "they could be left alone again or find needles or drugs, Alfie could miss the care he needs, and "
                  "they could be badly hurt.",
                  "Social care will be satisfied when the children have a safe home with family, Stacey’s visits "
                  "are planned around her treatment, and Kerry knows what to do if Stacey arrives under the "
                  "influence."),
                 ("Social care are worried that if Stacey stops her treatment, the children will lose touch with "
                  "her and be upset and confused.",
                  "Social care will be satisfied when the family have a plan for how the children keep seeing "
                  "their mum safely, even if her treatment goes wrong.")]),
            _professional(
                "Nicola Rees", "Aberwen Drug and Alcohol Service (fictional)", "Recovery coordinator",
                "nicola.rees@recovery.example.org", "information_sharing",
                "Stacey has used heroin since she was 22 and has relapsed twice before after a few months in "
                "treatment.",
                "Her tests have been clear of heroin for seven weeks. She is stable on methadone and has started "
                "the women’s group.",
                "Stacey to keep to her script and weekly appointments. Naloxone in the house whenever the children "
                "visit her.",
                5, "Stacey is doing well, but her history tells us relapse is a real risk.",
                "Weekly keywork; the women’s recovery group; naloxone training for Kerry."),
            _professional(
                "Julie Ashcroft", "Easthope Health Visiting Team (fictional)", "Health visitor",
                "julie.ashcroft@nhs.example.org", "information_sharing",
                "Alfie missed three physiotherapy appointments and his two-year review while living with Stacey.",
                "Since moving to Kerry’s, Alfie has been to every appointment and now walks with a frame. Mia’s "
                "speech has come on well.",
                "Alfie’s appointments to stay with Kerry. Kerry to have help with three children under eight.",
                7, "The children’s health needs are being met at Kerry’s.",
                "Extra home visits to Kerry; a referral for a funded nursery place for Alfie."),
            _professional(
                "Ian Fowler", "Easthope Primary School (fictional)", "Designated safeguarding lead",
                "i.fowler@easthope-primary.example.org", "all",
                "In the spring Tyler was often late and hungry, and told staff that he 'looks after Mia'.",
                "Since living with his aunt, Tyler has been on time every day and has joined the football club. "
                "Mia has started Reception and settled well.",
                "The school to know the arrangements for collection and for Stacey’s visits.",
                8, "Both children are doing well in school.",
                "The nurture group for Tyler; the school-based family support worker."),
        ],
        "children": [
            _views("I like living at Auntie Kerry’s. I want to see Mum more and I want her to get better. I want to "
                   "keep playing for my football team and stay at my school.",
                   "advocate", "part", 7, advocate="Hannah Moss",
                   note="Hannah, an independent advocate, met Tyler at Kerry’s house twice."),
            _views("Mia drew herself, Tyler and Alfie at Auntie Kerry’s with Mummy visiting. She said: 'Mummy comes "
                   "on Tuesdays and we do painting.'",
                   "letter_or_drawing", "no", 8, note="She chose a smiley face on the scale with her advocate."),
            _views("Alfie is too young to give his views in words. He is settled at his aunt’s, works hard at "
                   "physiotherapy and lights up when his mum arrives.",
                   "direct", "no", None, note="Observed by Tomasz at Kerry’s home and at a visit with Stacey."),
        ],
    },
    111: {
        "professionals": [
            _social_worker(
                "Kai was found with a knife in his bag in the town centre in August and told police he needed it "
                "'for protection'. He has been seen with adult men who police believe sell drugs. He smokes "
                "cannabis most days. He was placed in foster care under an emergency protection order.",
                "Kai is settled with his foster carers and has not gone missing for three weeks. He talks to his "
                "mum and nan on the phone most evenings. Shauna has come to every contact and wants to be part of "
                "the plan.",
                "Kai to stay away from the men who are exploiting him. Family members he can spend time with "
                "safely, and a plan for how they will keep him safe. Kai to get help with cannabis and go back to "
                "education.",
                2, "Kai is at serious risk of harm from the men he has been with, and from carrying a knife.",
                "Travel for family time; a youth mentor; activities Kai chooses, paid for by the service.",
                [("Social care are worried that Kai could be seriously hurt or killed, or could hurt someone else, "
                  "because he has carried a knife and adult men are using him to sell drugs.",
                  "Social care will be satisfied when Kai has not carried a knife or been seen with these men for "
                  "six months, he is in education every day, and the adults in his family always know where he is "
                  "and who he is with.")]),
            _professional(
                "PC Sean Maguire", "Aberwen Police (fictional)", "Child exploitation team",
                "sean.maguire@police.example.org", "information_sharing",
                "The men Kai has been seen with are known for drug dealing and violence. Kai owes them money.",
                "Kai gave us the names of two of the men, which took a lot of courage.",
                "Family members who spend time with Kai to know the places and people to avoid, and to ring us if "
                "they see them.",
                2, "The men are still active and Kai owes them money.",
                "A named officer; action against the adults involved."),
            _professional(
                "Marcus Dale", "Aberwen Young People’s Service (fictional)", "Young people’s drug and alcohol worker",
                "marcus.dale@youngpeople.example.org", "all",
                "Kai smokes cannabis most days and says it helps him sleep. The debt to his supplier makes it "
                "harder for him to walk away.",
                "He has met me four times and is honest about his use. He has cut down at weekends.",
                "Kai to keep seeing me weekly and to have a plan for sleeping without cannabis.",
                3, "He is engaging, but still using every day.",
                "Weekly sessions; help with sleep; a referral for support with the drug debt."),
            _professional(
                "Nadia Shah", "Aberwen Learning Centre (fictional)", "Head of centre",
                "n.shah@learningcentre.example.org", "information_sharing",
                "Kai has not been in education since he was excluded in June.",
                "He came to his first three mornings at the centre and enjoyed the motor vehicle course.",
                "A full timetable by January, and transport so that he does not travel through the town centre.",
                3, "It is a good start, but only a start.",
                "A motor vehicle course; a mentor; a taxi to and from the centre."),
        ],
        "children": [
            _views("I want to see my mum and my nan more. Foster care is alright but it’s not home. I’m not grassing "
                   "on anyone. I’d go to my uncle’s at weekends if I could, he does boxing.",
                   "advocate", "undecided", 3, advocate="Amina Yusuf",
                   note="Amina met Kai at his foster home. He has not decided whether he will come to the conference."),
        ],
    },
    112: {
        "professionals": [
            _social_worker(
                "Since his baby sister was born in the summer, Siôn has arrived at school hungry and in dirty "
                "clothes most days. Angharad has post-natal depression and finds the mornings very hard.",
                "Angharad asked for help herself and has started treatment with her GP. The baby is well cared "
                "for, and Siôn and his mam are very close. Siôn’s taid walks him to school twice a week.",
                "Someone to help in the mornings so that Siôn has breakfast and clean clothes and gets to school "
                "on time.",
                6, "Siôn is loved and safe, but his day-to-day care slips when his mam is low.",
                "A family support worker for the mornings for six weeks; a washing machine grant.",
                [("Social care are worried that if Angharad stays unwell without help in the mornings, Siôn will "
                  "keep going to school hungry and unkempt, fall behind and feel that no one notices him.",
                  "Social care will be satisfied when Siôn arrives at school fed, clean and on time every day for "
                  "a term, and there is an adult the family trust to help on Angharad’s bad days.")]),
            _professional(
                "Dylan Edwards", "Ysgol Gynradd Llanfair Isaf (fictional)", "Siôn’s class teacher (Year 3)",
                "d.edwards@ysgol-llanfair.example.org", "all",
                "Siôn has been late fourteen times this half term, is often hungry, and has been teased about his "
                "clothes. He was upset when he forgot his PE kit again.",
                "He is a kind boy who loves reading in Welsh and helping in class.",
                "Breakfast before school, clean uniform, and someone to tell us when things are hard at home.",
                6, "He is safe and happy in school, but he comes in unready for the day.",
                "Free breakfast club from 8am; spare uniform from the school’s clothes bank."),
            _professional(
                "Carys Powell", "Llanfair Isaf Health Visiting Team (fictional)", "Health visitor",
                "carys.powell@nhs.example.org", "information_sharing",
                "Angharad scored high on the post-natal depression questionnaire and says she cries most days.",
                "The baby is thriving and Angharad is bonding well with her. Angharad has started medication and "
                "goes to a mother and baby group.",
                "Angharad to have support from family in the mornings and to keep going to the group.",
                7, "Both children’s basic needs are met, and Angharad is getting help.",
                "Weekly listening visits; a referral to the perinatal mental health team."),
        ],
        "children": [
            _views("Dw i eisiau brecwast cyn ysgol. (I want breakfast before school.) I like it when Taid walks me "
                   "to school. Mam is sad a lot since the baby came. I help with the baby.",
                   "direct", "undecided", 5, note="Talked with Cerys at school in Welsh, his first language."),
        ],
    },
}


# --- the family plans ------------------------------------------------------------------------
#
# Written in the family's own words, as the coordinator types them up after private family time.
# In each task ``who`` names people in the network or professionals (by name), ``answers`` the
# baseline questions (q0, q1), bottom lines (b0, b1) and danger statements (d0, d1) it answers,
# and ``by`` is a deadline in days after the conference (or the review the version came from).
# The referrer (Sam Okafor) decides on each version; a manager signs off resources that need it.

def _task(what, who, when, checker, answers, *, other="", by=None):
    return {"what": what, "who": list(who), "other": other, "when": when, "by": by, "checker": checker,
            "answers": list(answers)}


PLANS = {
    106: {
        # Typed up the day after the conference and still a draft: the family asked for another week
        # to agree where Leo and Ruby would sleep if they could not stay at home.
        "draft": True,
        "tasks": [
            _task("Nan will call in every weekday at 8 on her way to work, help get Leo ready for nursery and make "
                  "sure Leo and Ruby have had their breakfast.",
                  ["Jean Marsh"], "Every weekday at 8am", "Uncle Dave", ["q0", "d0"]),
            _task("Kayleigh and Jordan will keep cannabis out of the flat and will not smoke at all when they are "
                  "looking after Leo and Ruby. If either of them has used, they ring Nan and the children go to hers.",
                  ["Kayleigh Marsh", "Jordan Reid"], "Every day, from now on",
                  "Nan, and Dean at the drug service with the tests", ["b0", "d0"]),
            _task("Kayleigh will go to the parents’ group on Wednesday mornings (Ruby goes in the crèche). Jordan "
                  "will go to every appointment with Dean and do his tests.",
                  ["Kayleigh Marsh", "Jordan Reid", "Dean Holloway"], "Every Wednesday, and every appointment",
                  "Dean Holloway", ["d0"]),
            _task("Leo will go to every nursery session, on time and after breakfast. Nan picks him up on Fridays "
                  "like she does now, and Uncle Dave picks him up on Mondays.",
                  ["Kayleigh Marsh", "Jean Marsh", "Dave Marsh"], "Every nursery day",
                  "Shannon, Leo’s key worker at Little Acorns", ["q0"]),
            _task("If a row starts, whoever is calmer takes the children round to Nan’s. No arguing in front of Leo "
                  "and Ruby. Kayleigh and Jordan will both go to the relationship sessions at the domestic abuse "
                  "service.",
                  ["Kayleigh Marsh", "Jordan Reid"], "Every time, and every session once they start", "Uncle Dave",
                  ["d1", "q1"]),
        ],
        "contingency": "Still to be agreed. Nan and Uncle Dave have both offered to have Leo and Ruby to stay if "
                       "they cannot stay at home. The family are meeting at Nan’s on Saturday to decide, and will "
                       "then talk to Sam.",
        "monitoring": "Uncle Dave (Dave Marsh)",
    },
    107: {
        "tasks": [
            _task("Bydd Nain yn gwneud y siopa mawr gyda Mam bob bore Sadwrn. (Nain will do the big shop with Mam "
                  "every Saturday morning.)",
                  ["Glenys Morgan-Jones", "Bethan Morgan-Jones"], "Every Saturday morning", "Uncle Dai",
                  ["q0", "d0"]),
            _task("Uncle Llŷr will collect Mam’s prescriptions from the chemist on Stryd Fawr every Friday on his way "
                  "home from work, so that Ffion never has to.",
                  ["Llŷr Pugh"], "Every Friday", "Nain", ["d0"]),
            _task("Ffion will go to school every day and keep her phone in her bag in lessons. Mam will only ring "
                  "her at break and lunchtime.",
                  ["Bethan Morgan-Jones"], "Every school day",
                  "Mrs Howells at school, who looks at Ffion’s attendance every Friday", ["d0"], other="Ffion"),
            _task("Ffion will go back to netball on Tuesdays and Thursdays. Dad will pick her up after netball on "
                  "Thursdays and she will have tea at his.",
                  ["Gethin Pugh"], "Every Tuesday and Thursday", "Mali, Ffion’s young carers’ advocate", ["d0"],
                  other="Ffion"),
            _task("Mam will keep her phone appointments with Dr Roberts every two weeks, and Nain will go with her "
                  "when she has to go to the surgery. Sara from Early Help will help Mam set up repeat "
                  "prescriptions and a grocery delivery.",
                  ["Bethan Morgan-Jones", "Glenys Morgan-Jones", "Dr Elen Roberts", "Sara Mahoney"],
                  "Every two weeks", "Sara Mahoney", ["q0"]),
            _task("If Mam is not coping, the family will talk to Sam.",
                  ["Bethan Morgan-Jones", "Glenys Morgan-Jones"], "If it is needed", "Nain", ["q1", "b1"]),
        ],
        "decisions": {"b0": "Nobody in Ffion’s family drinks heavily or uses drugs. The family agree that anyone "
                            "who has had a drink will not drive Ffion or look after her overnight."},
        "contingency": "If the plan stops working, the family will meet at Nain’s and ring Sam.",
        "monitoring": "Nain (Glenys Morgan-Jones)",
        # Sam declines version 1 at the conference; the family revise it and Sam agrees version 2.
        "decline": "Nobody is named to be with Bethan on a bad day during school hours, so Ffion will still be the "
                   "one her mam rings. Nobody is named to check the weekends when Ffion is not at her dad’s. And "
                   "the plan does not say where Ffion would stay if her mam had to go into hospital.",
        "revision": {
            "change": {
                2: _task("Ffion will go to school every day and keep her phone in her bag in lessons. If Mam has a "
                         "bad day in school hours she rings Auntie Heledd, who works from home and will go round; if "
                         "Heledd can’t, Nain goes. Mam will not ring Ffion in lessons.",
                         ["Bethan Morgan-Jones", "Heledd Morgan-Jones", "Glenys Morgan-Jones"], "Every school day",
                         "Mrs Howells at school, who looks at Ffion’s attendance every Friday", ["d0", "q0"],
                         other="Ffion"),
                5: _task("If Mam has to go into hospital, or has a very bad week, Ffion will stay with Nain and "
                         "still go to school and netball from there. Nain or Mam will ring Sam before Ffion moves.",
                         ["Glenys Morgan-Jones", "Bethan Morgan-Jones"], "Whenever it is needed", "Uncle Dai",
                         ["q1", "b1"]),
            },
            "add": [_task("Uncle Dai will call in every other Saturday and Sunday, on the weekends Ffion is not at her "
                          "dad’s, to see how Mam and Ffion are and do any jobs that need doing.",
                          ["Dafydd Morgan-Jones"], "Every other weekend", "Nain", ["d0", "q0"])],
            "contingency": "If the plan stops working – Ffion misses school again, or Mam has more bad days than good "
                           "– Nain will get the family together at her house within a week and ring Sam. Ffion can "
                           "always ring Nain or Auntie Heledd, day or night.",
        },
        "agreed_after": 2,
    },
    108: {
        "tasks": [
            _task("Auntie Ngozi will come to the house at 6.30 on the mornings Mummy is on an early shift (Monday, "
                  "Tuesday and Wednesday), make breakfast and walk Amara and Chidi to breakfast club.",
                  ["Ngozi Anyanwu"], "Mondays to Wednesdays at 6.30am",
                  "Mr Osei at school, from the breakfast club register", ["q0", "d0"]),
            _task("Daddy will come straight home after his night shift on Thursdays and Fridays, give the children "
                  "breakfast and walk them to school before he goes to sleep.",
                  ["Emeka Nwosu"], "Thursdays and Fridays", "Auntie Ngozi", ["q0", "d0"]),
            _task("Amara and Chidi will go to after-school club until 5.30 on Mondays, Tuesdays and Wednesdays, and "
                  "Mummy will collect them at 5.30 on her way home from the hospital.",
                  ["Grace Nwosu", "Daniel Osei"], "Mondays to Wednesdays", "Mr Osei", ["d0"]),
            _task("Uncle Chukwudi will collect the children from school on Thursdays and Fridays and stay with them "
                  "until Mummy is home.",
                  ["Chukwudi Nwosu"], "Thursdays and Fridays at 3.15pm", "Grandma Obiageli", ["q0", "d0"]),
            _task("If anyone on the rota cannot make it, they ring Grandma the night before, and she will come or ask "
                  "someone from church. The children are never left on their own, not even for five minutes, and "
                  "nobody who has had a drink looks after them.",
                  ["Obiageli Anyanwu"], "Whenever someone cannot make it", "Grace", ["q1", "b0", "d0"]),
            _task("Nobody who looks after the children will open the door to Mummy’s ex-partner. If he comes to the "
                  "house or the school, they ring 999 and then Mummy. Mummy will show everyone on the rota his "
                  "photo and go through her safety plan with them.",
                  ["Grace Nwosu", "Emeka Nwosu", "Ngozi Anyanwu", "Chukwudi Nwosu", "DS Kate Morrow"], "",
                  "DS Kate Morrow", ["d1"], by=14),
            _task("Chidi’s inhaler and spacer will live in his school bag, with a spare at Auntie Ngozi’s. Nurse "
                  "Joanna will show Ngozi and Uncle Chukwudi how to use them.",
                  ["Joanna Pearce", "Ngozi Anyanwu", "Chukwudi Nwosu"], "", "Mummy", [], by=21),
            _task("In the school holidays the children will go to the playscheme at the leisure centre on the days "
                  "Mummy and Daddy are both working, and stay with Grandma on the other days. They sleep at home "
                  "every night; any change, even one night at Grandma’s, Mummy agrees with Sam first.",
                  ["Grace Nwosu", "Obiageli Anyanwu"], "Every school holiday", "Uncle Chukwudi", ["q0", "b1"]),
        ],
        "resources": [
            ("Holiday playscheme at Aberwen Leisure Centre for Amara and Chidi",
             "Three days a week in the Easter and summer holidays, about £1,200 in all. Grace and Emeka both work "
             "shifts, and the rota has not yet been tested over a holiday.", True),
            ("Taxi fares for Grandma when she covers the rota at short notice",
             "Up to £20 a week for three months.", False),
        ],
        "contingency": "If the rota breaks down and there is no adult for the children, Grace will not go to work "
                       "that day and will ring Sam. If it happens twice in a month, the family will meet again with "
                       "Tomasz to change the rota.",
        "monitoring": "Uncle Chukwudi (Chukwudi Nwosu)",
        # Sam agrees on the day; the playscheme needs a senior manager, who approves it three days later.
        "sign_off": "Approved for the Easter and summer holidays from the family support budget. Sam will book "
                    "the places.",
        "agreed_after": 3,
    },
    109: {
        "tasks": [
            _task("If Ima becomes unwell, Noa will stay with cousin Tamar in Aberwen, so she can keep going to her "
                  "school and choir. Tamar keeps a kosher kitchen and Noa knows her house.",
                  ["Tamar Friedman"], "Whenever Ima is unwell", "Savta", ["q0", "d0"]),
            _task("Ima will tell Tamar straight away if she notices her warning signs – not sleeping, not eating, not "
                  "wanting to go out – and Tamar will ring Tom at the mental health team the same day.",
                  ["Miriam Levi", "Tamar Friedman", "Tom Ellery"], "Whenever the signs start", "Tom Ellery",
                  ["q1", "d0"]),
            _task("If Ima has to go into hospital, Savta will come from London for the first week and stay with Noa "
                  "at home, so Noa can sleep in her own bed.",
                  ["Yael Levi"], "Whenever it is needed", "Uncle Avraham", ["q0"]),
            _task("Noa will phone Ima every night before bed whenever they are apart, and Tamar will take her to "
                  "visit on Sundays.",
                  ["Tamar Friedman"], "Every night, and every Sunday", "Tamar", ["d0"], other="Noa"),
            _task("Ima will write a one-page plan with everyone’s names for Noa’s school and her GP, and Mrs "
                  "Pritchett will keep it in the school office.",
                  ["Miriam Levi", "Anne Pritchett"], "", "Mrs Pritchett", ["d0"], by=21),
            _task("Noa only sleeps at home or at Tamar’s; anywhere else is agreed with Sam first. Nobody who has had "
                  "a drink looks after Noa.",
                  ["Miriam Levi", "Tamar Friedman"], "Always", "Tamar", ["b0", "b1"]),
        ],
        "contingency": "If Tamar cannot have Noa, Uncle Avraham will come from London. Whoever is with Noa will ring "
                       "Sam on the day Ima goes into hospital, and tell the school the same day.",
        "monitoring": "Tamar Friedman",
        "review": {
            "outcomes": [
                ("done", "Tamar has a bed made up for Noa, and Noa stayed two nights at half term as a practice."),
                ("in_progress", "Ima had a hard fortnight in February, noticed the signs and told Tamar, who rang "
                                "Tom. Tom saw Ima within two days. Tamar would like the warning signs written down."),
                ("not_done", "Savta had a fall in January and cannot travel on her own for now."),
                ("done", "Noa rang Ima every night of her practice stay and liked it."),
                ("done", "The school office and the GP both have the plan."),
                ("done", "Noa has only slept at home or at Tamar’s."),
            ],
            "changes": "Miriam has stayed well and out of hospital. She had a hard fortnight in February, noticed her "
                       "warning signs herself and told Tamar, and Tom saw her within two days: the plan worked. Noa "
                       "has had two practice nights at Tamar’s and enjoyed them. Savta cannot travel on her own "
                       "since her fall, so the family need someone else for the first week.",
            # Version 2, started from the review: one task reworded, one added, a new review date.
            "next": {
                "change": {
                    2: _task("If Ima has to go into hospital, Uncle Avraham will come from London for the first week "
                             "and stay with Noa at home, so she can sleep in her own bed. When Savta can travel again, "
                             "she will come instead.",
                             ["Avraham Levi", "Yael Levi"], "Whenever it is needed", "Tamar", ["q0"]),
                },
                "add": [_task("Tom will go through Ima’s warning signs with Tamar and Savta (Savta on a video call), "
                              "and Tamar will keep a copy by her phone.",
                              ["Tom Ellery", "Tamar Friedman", "Yael Levi"], "", "Ima", ["q1", "d0"], by=21)],
                "review_months": 3,
            },
        },
    },
    110: {
        "tasks": [
            _task("Tyler, Mia and Alfie will carry on living with Auntie Kerry. Kerry will apply for a child "
                  "arrangements order, with help from the council with the costs.",
                  ["Kerry Hughes", "Sam Okafor"], "", "Nan", ["q0", "b1", "d0"], by=42),
            _task("Mum will see the children every Tuesday after school and every Saturday morning at Kerry’s, with "
                  "Kerry or Nan there.",
                  ["Stacey Hughes", "Kerry Hughes", "Carol Hughes"], "Every Tuesday and Saturday", "Kerry", ["d1"]),
            _task("If Mum arrives after using, or does not seem herself, Kerry will not let her see the children that "
                  "day and will ring Nicola at the drug service. Kerry keeps naloxone in the house. Nobody who has "
                  "had a drink or drugs looks after the children.",
                  ["Kerry Hughes", "Nicola Rees"], "Every visit", "Nicola Rees", ["b0", "d0", "q1"]),
            _task("Mum will keep to her script and go to her keywork every Thursday and the women’s group.",
                  ["Stacey Hughes", "Nicola Rees"], "Every week", "Nicola Rees", ["d0"]),
            _task("Nan will take Alfie to physio every other Wednesday so that Kerry can go to work.",
                  ["Carol Hughes"], "Every other Wednesday", "Julie the health visitor", ["q0"]),
            _task("If Mum stops her treatment, the children will still see her, but at Nan’s with Nan there, and the "
                  "family will ring Sam the same day.",
                  ["Carol Hughes", "Kerry Hughes"], "If it is needed", "Auntie Sharon", ["d1", "q1"]),
            _task("Tyler will keep playing for Easthope Juniors. Auntie Sharon takes him to his matches on Sunday "
                  "mornings.",
                  ["Sharon Hughes"], "Every Sunday in the season", "Kerry", []),
        ],
        "resources": [
            ("Help with the costs of a child arrangements order", "Kerry’s court fee and an hour of a solicitor’s "
                                                                  "advice.", False),
            ("A bed and car seats for Kerry", "A cabin bed for Tyler and two car seats.", False),
        ],
        "contingency": "If Kerry cannot care for the children for a while, they will stay with Nan, and the family "
                       "will ring Sam that day. The children will not go back to live with Mum unless Sam has agreed "
                       "it first.",
        "monitoring": "Nan (Carol Hughes)",
        "outcome": ("agreed_with_changes", "Please add that Kerry will do the naloxone training with Nicola before "
                                           "Mum’s first Saturday visit."),
        "review": {
            "outcomes": [
                ("done", "The child arrangements order was made last month."),
                ("done", "Mum has been to every visit but one, when she was poorly with flu."),
                ("done", "Not needed so far. Kerry did the naloxone training in the first week."),
                ("done", "Mum’s tests have been clear for five months."),
                ("done", "Alfie has not missed a physio appointment and now walks on his own."),
                ("in_progress", "Not needed: Mum has stayed in treatment. Everyone knows what to do."),
                ("done", "Tyler scored in the cup final."),
            ],
            "changes": "The children are settled at Kerry’s and the child arrangements order has been made. Mum has "
                       "stayed in treatment, her tests are clear, and the visits go well. The family and Sam agree "
                       "the plan has done its job; the case can close with the order in place.",
        },
    },
}


# Who has a private link to their agreed plan, what they have said they read, and their updates on
# tasks (by the task's place in the agreed plan: done?, note).
FAMILY_LINKS = {
    107: {
        "Glenys Morgan-Jones": {"read": True, "updates": {
            0: (True, "Rydyn ni wedi gwneud y siopa bob dydd Sadwrn ers y gynhadledd. (We have done the shop "
                      "every Saturday since the conference.)")}},
        "Bethan Morgan-Jones": {},
    },
}


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
    if family_link_tokens is not None:
        family_link_tokens.extend(builder.family_link_tokens)
    return len(CASES)


class _Builder:
    def __init__(self, db, users_by_email, today, uid_domain):
        self.db = db
        self.users = users_by_email
        self.today = today
        self.uid_domain = uid_domain
        self.cal = WorkingCalendar(closure_days.dates(db))
        # Ofcom's numbers for drama: no real phone rings. Each is used once across the demo.
        numbers = random.Random(0)
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
        parts = ["".join(char for char in _ascii(word) if char.isalnum()) for word in name.split()]
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
        family = _Network(self, case_id, spec)
        window = self._invitation_window(spec, referred, conference_day)
        for step in path[1:]:
            if step == "conference_held":
                family.invite(coordinator, window)
            if step == "allocated":
                allocated = self.cal.add_working_days(referred, 1)
                self.move(case_id, "allocated", manager, audit_action="case.allocated",
                          detail={"coordinator_id": self.users[coordinator]["id"], "reallocated": False},
                          coordinator_id=self.users[coordinator]["id"], allocated_on=allocated.isoformat())
                family.add(coordinator)
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
                family.exclude(coordinator, held)
                if reached == "baseline_held":  # gathering starts once the baseline meeting is held
                    self.prepare(case_id, spec, coordinator, referred, conference_day)
            elif step == "preparing":
                self.move(case_id, "preparing", coordinator)
                self.prepare(case_id, spec, coordinator, referred, conference_day)
            elif step == "conference_scheduled":
                conference_id = self.meeting(case_id, "conference", conference_day, index, coordinator, interpreter)
                self.move(case_id, "conference_scheduled", coordinator, audit_action="case.meeting_scheduled",
                          detail={"meeting_id": conference_id, "kind": "conference"})
            elif step == "conference_held":
                meeting_data.mark_held(db, case_id, conference_id, conference_day.isoformat())
                self.move(case_id, "conference_held", coordinator, audit_action="case.meeting_held",
                          detail={"meeting_id": conference_id, "kind": "conference"})
                family.attend(coordinator, conference_id, "conference")
                if reached == "conference_held":  # the family's plan is still being written
                    self.write_plan(case_id, spec, coordinator, conference_day, review_day)
            elif step == "plan_agreed":  # the referrer agreeing the plan moves the case on
                self.agree_plan(case_id, spec, coordinator, conference_day, review_day)
                self.family_links(case_id, spec, coordinator, review_day)
            elif step == "review_scheduled":
                review_id = self.meeting(case_id, "review", review_day, index, coordinator, interpreter)
                self.move(case_id, "review_scheduled", coordinator, audit_action="case.meeting_scheduled",
                          detail={"meeting_id": review_id, "kind": "review"})
            elif step == "review_held":
                meeting_data.mark_held(db, case_id, review_id, review_day.isoformat())
                self.move(case_id, "review_held", coordinator, audit_action="case.meeting_held",
                          detail={"meeting_id": review_id, "kind": "review"})
                family.attend(coordinator, review_id, "review")
                self.review_plan(case_id, spec, coordinator, review_id, review_day)
            elif step == "closed":
                self.move(case_id, "closed", coordinator, closed_on=self.day(spec["closed"]).isoformat(),
                          **spec["closure"])

        if not family.ids:  # not yet allocated: the social worker adds the family named in the referral
            family.add(sam)
        family.exclude(coordinator or sam, self.today)
        if not family.invited:
            family.invite(coordinator or sam, window)

        if stage == "withdrawn":
            withdrawn_on = self.day(spec["withdrawn"])
            for consent_id, (given_by, _, _) in zip(consent_ids, spec["consents"], strict=True):
                consents.withdraw(db, case_id, consent_id, withdrawn_by=given_by, withdrawn_on=withdrawn_on.isoformat())
            self.move(case_id, "withdrawn", coordinator, audit_action="case.consent_withdrawn",
                      detail={"consent_id": consent_ids[0], "case_paused": True}, note="Consent withdrawn")
        elif stage in lifecycle.PAUSED:
            self.move(case_id, stage, coordinator, note=spec["note"])
        held_meetings = [row for row in meeting_data.for_case(db, case_id) if row["status"] == "held"]
        if held_meetings:
            self.record_scales(case_id, held_meetings, coordinator)
        return case_id

    # --- the family plan -------------------------------------------------------------------
    #
    # Written and decided through the same functions the plan pages use, so the versions, their
    # hashes and the case's move to plan agreed are exactly what the app would record. Decisions are
    # stamped with the time of seeding, like the rest of the history.

    def signed_in(self, user_email):
        """A demo user as the signed-in user the agreement functions expect."""
        row = self.users[user_email]
        return SimpleNamespace(id=row["id"], name=row["name"])

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
        db, entry = self.db, PLANS[spec["number"]]
        user_id = self.users[coordinator]["id"]
        review_on = (review_day or add_months(conference_day, 3)).isoformat()
        plan = plans.ensure(db, case_id, user_id=user_id, review_on=review_on)
        refs = self._plan_refs(case_id)
        for task in entry["tasks"]:
            task_id = plans.save_task(db, case_id, plan["id"], self._task_values(refs, task, conference_day),
                                      user_id=user_id)
            self.audit(coordinator, "plan.task_saved", case_id, {"task_id": task_id, "added": True})
        for code, decision in entry.get("decisions", {}).items():
            item_id = int(refs[2][code].partition(":")[2])
            plans.note_item_decision(db, case_id, plan["id"], item_id, decision, user_id=user_id)
            self.audit(coordinator, "plan.item_decision_noted", case_id, {"item_id": item_id, "cleared": False})
        for what, detail, sign_off_needed in entry.get("resources", []):
            resource_id = plans.save_resource(db, plan["id"], {"what": what, "detail": detail,
                                                               "sign_off_needed": sign_off_needed}, user_id=user_id)
            self.audit(coordinator, "plan.resource_saved", case_id, {"resource_id": resource_id, "added": True})
        self._plan_details(case_id, coordinator, {"contingency": entry["contingency"],
                                                  "monitoring": entry["monitoring"], "review_on": review_on})

    def _plan_details(self, case_id, user_email, changes):
        plan = plans.get(self.db, case_id)
        values = {key: plan[key] for key in plans.DETAILS} | changes
        plans.save_details(self.db, plan["id"], plan["version"], values, user_id=self.users[user_email]["id"])
        self.audit(user_email, "plan.details_saved", case_id)

    def _revise_plan(self, case_id, coordinator, revision, since):
        """The next version: tasks reworded (by their place in the plan), tasks added, and any change to the
        rest of the plan. A reworded task keeps the status it had."""
        db = self.db
        plan = plans.get(db, case_id)
        user_id = self.users[coordinator]["id"]
        refs = self._plan_refs(case_id)
        current = plans.tasks(db, plan["id"])
        for position, task in revision.get("change", {}).items():
            old = current[position]
            plans.save_task(db, case_id, plan["id"], self._task_values(refs, task, since, old["status"]),
                            user_id=user_id, task_id=old["id"], version=old["version"])
            self.audit(coordinator, "plan.task_saved", case_id, {"task_id": old["id"], "added": False})
        for task in revision.get("add", []):
            task_id = plans.save_task(db, case_id, plan["id"], self._task_values(refs, task, since), user_id=user_id)
            self.audit(coordinator, "plan.task_saved", case_id, {"task_id": task_id, "added": True})
        details = {key: revision[key] for key in ("contingency", "monitoring") if key in revision}
        if "review_months" in revision:
            details["review_on"] = add_months(since, revision["review_months"]).isoformat()
        if details:
            self._plan_details(case_id, coordinator, details)

    def _plan_ready(self, case_id, coordinator):
        plan = plans.get(self.db, case_id)
        agreement.mark_ready(self.db, case_data.get(self.db, case_id), plan, plan["revision"],
                             user_id=self.users[coordinator]["id"])
        self.audit(coordinator, "plan.status_changed", case_id, {"to": "ready"})

    def _plan_decision(self, case_id, outcome, text=""):
        """The referrer's decision on the plan as it now stands; returns the plan's status afterwards."""
        plan = plans.get(self.db, case_id)
        status = agreement.decide(self.db, case_data.get(self.db, case_id), plan, plan["revision"], outcome=outcome,
                                  text=text, user=self.signed_in(SOCIAL_WORKER))
        self.audit(SOCIAL_WORKER, "plan.decided", case_id, {"outcome": outcome, "version": plan["number"]})
        return status

    def agree_plan(self, case_id, spec, coordinator, conference_day, review_day):
        """Write the plan and have the referrer decide on it until it is agreed, which moves the case to plan
        agreed: declined first and revised if the demo says so, and signed off by a manager where a resource
        needs it. The case's plan agreed date is then set to the demo's date for it."""
        db, entry = self.db, PLANS[spec["number"]]
        self.write_plan(case_id, spec, coordinator, conference_day, review_day)
        self._plan_ready(case_id, coordinator)
        if "decline" in entry:
            self._plan_decision(case_id, "declined", entry["decline"])
            self._revise_plan(case_id, coordinator, entry["revision"], conference_day)
            self._plan_ready(case_id, coordinator)
        status = self._plan_decision(case_id, *entry.get("outcome", ("agreed", "")))
        if status == "awaiting_sign_off":
            for resource in plans.resources(db, plans.get(db, case_id)["id"]):
                if resource["sign_off_needed"]:
                    status = agreement.sign_off(db, case_data.get(db, case_id), plans.get(db, case_id),
                                                resource["id"], resource["version"], outcome="approved",
                                                note=entry["sign_off"], user=self.signed_in(MANAGER))
                    self.audit(MANAGER, "plan.resource_signed_off", case_id,
                               {"resource_id": resource["id"], "outcome": "approved"})
        case = case_data.get(db, case_id)
        if status != "agreed" or case["stage"] != "plan_agreed":
            raise ValueError(f"demo case {case['reference']}: the plan was not agreed")
        agreed_on = self.cal.add_working_days(conference_day, entry["agreed_after"]) \
            if entry.get("agreed_after") else conference_day
        case_data.update(db, case_id, case["version"], plan_agreed_on=agreed_on.isoformat())

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
        expires = datetime.datetime.combine(review_on + datetime.timedelta(days=14), datetime.time.max,
                                            ZoneInfo("Europe/London"))
        reference = case_data.get(db, case_id)["reference"]
        for name, said in entry.items():
            link_id, token = family_links.create(db, case_id, people[name], expires_at=iso(expires), pin_hash=None,
                                                 user_id=self.users[coordinator]["id"], consent_withdrawn=False)
            self.audit(coordinator, "family.link_created", case_id,
                       {"link_id": link_id, "person_id": people[name], "pin": False, "expires_at": iso(expires)})
            self.family_link_tokens.append((reference, name, token))
            family = {"link_id": link_id, "person_id": people[name]}
            if said.get("read"):
                family_links.record_view(db, link_id)
                family_links.acknowledge(db, link_id, plan["id"], agreed["number"])
                self._family_audit(link_id, "family.acknowledged", case_id, {**family, "number": agreed["number"]})
            for position, (done, note) in said.get("updates", {}).items():
                family_links.add_task_update(db, link_id, plan["id"], agreed["number"], keys[position], done=done,
                                             note=note)
                self._family_audit(link_id, "family.task_updated", case_id,
                                   {**family, "number": agreed["number"], "task_key": keys[position], "done": done})

    def _family_audit(self, link_id, action, case_id, detail):
        audit_data.add(self.db, user_id=None, actor=f"family link {link_id}", action=action, record_type="case",
                       record_id=case_id, ip="cli", detail=detail)

    def review_plan(self, case_id, spec, coordinator, review_id, review_day):
        """The review of the agreed plan: each task done, in progress or not done, and what has changed. Where
        the family change the plan, the new version started from the review is revised and agreed."""
        entry = PLANS[spec["number"]].get("review")
        if entry is None:
            return
        db = self.db
        plan = plans.get(db, case_id)
        agreed = plans.latest_agreed(db, plan["id"])
        keys = [task["key"] for task in json.loads(agreed["content"])["tasks"]]
        revision = entry.get("next")
        recorded = agreement.record_review(
            db, case_data.get(db, case_id), plan, meeting_id=review_id, held_on=review_day.isoformat(),
            changes=entry["changes"], outcomes=dict(zip(keys, entry["outcomes"], strict=True)),
            new_version=revision is not None, user_id=self.users[coordinator]["id"])
        self.audit(coordinator, "plan.review_recorded", case_id,
                   {"review_id": recorded, "number": agreed["number"], "meeting_id": review_id,
                    "new_version": revision is not None})
        if revision:
            self._revise_plan(case_id, coordinator, revision, review_day)
            self._plan_ready(case_id, coordinator)
            if self._plan_decision(case_id, "agreed") != "agreed":
                raise ValueError(f"demo case {spec['number']}: the reviewed plan was not agreed")

    def record_scales(self, case_id, held_meetings, coordinator):
        """Everyone's 0-10 scale at each held meeting, rising as the plan takes hold."""
        db, rng = self.db, random.Random(case_id)
        family = {person["id"]: rng.randint(3, 6) for person in network.for_case(db, case_id) if not person["excluded"]}
        team = {row["id"]: row["scale"] for row in professionals.for_case(db, case_id) if row["scale"] is not None}
        children = {row["child_id"]: row["scale"] for row in child_views.for_case(db, case_id)
                    if row["scale"] is not None}
        for step, meeting in enumerate(held_meetings):
            scores = {("family", person_id): min(10, base + 2 * step) for person_id, base in family.items()}
            scores.update({("professional", row_id): min(10, base + 2 * step) for row_id, base in team.items()})
            scores.update({("child", child_id): min(10, base + step) for child_id, base in children.items()})
            scales.save(db, case_id, meeting["id"], scores, user_id=self.users[coordinator]["id"])
            self.audit(coordinator, "case.scales_recorded", case_id, {"meeting_id": meeting["id"]})

    def prepare(self, case_id, spec, coordinator, referred, conference_day):
        """What each professional brings and each child's views, as the coordinator gathers them after the
        baseline meeting. Everything was shared with the family before a conference that has been held."""
        db, plan = self.db, PREPARATION[spec["number"]]
        reached = spec.get("from", spec["stage"])
        held = lifecycle.MAIN_PATH.index(reached) >= lifecycle.MAIN_PATH.index("conference_held")
        first = self.cal.add_working_days(referred, spec["baseline"] + 1)
        last = min(self.today, conference_day - datetime.timedelta(days=1)) if conference_day else self.today
        for number, entry in enumerate(plan["professionals"]):
            values = {key: entry[key] for key in professionals.DETAILS}
            professional_id = professionals.save(db, case_id, values)
            self.audit(coordinator, "case.professional_saved", case_id,
                       {"professional_id": professional_id, "added": True})
            for danger, safety_goal in entry["dangers"]:
                professionals.add_danger(db, professional_id, danger, safety_goal)
                self.audit(coordinator, "case.danger_statement_added", case_id, {"professional_id": professional_id})
            if held or entry["shared"]:
                on = max(first, self.working_on_or_before(last - datetime.timedelta(days=2 * number)))
                professionals.mark_shared(db, case_id, professional_id, on.isoformat())
                self.audit(coordinator, "case.professional_shared", case_id, {"professional_id": professional_id})
        children = case_data.children(db, case_id)
        for child, views in zip(children, plan["children"], strict=True):
            child_views.save(db, child["id"], views, None)
            self.audit(coordinator, "case.child_views_saved", case_id, {"child_id": child["id"]})

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
                      "exception_decided_on": letter.isoformat()}
        else:
            answered = min(self.cal.add_working_days(letter, 3), self.today)
            values = {"offered_on": letter.isoformat(), "in_letter_before_proceedings": 1,
                      "letter_date": letter.isoformat(), "response": kind, "response_on": answered.isoformat(),
                      "exception_reason": "", "exception_decided_by": ""}
        offers.save(self.db, case_id, None, values)
        self.audit(SOCIAL_WORKER, "case.offer_recorded", case_id,
                   {"offer_made": kind != "exception", "response": values.get("response")})
