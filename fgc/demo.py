"""Fictional demo cases for ``flask --app fgc seed-demo``: every stage, owned by the demo accounts.

Every name, date and detail here is invented. The cases are built through the data
layer the way the app builds them (draft, sections, submit, allocate, baseline,
meetings, stage moves), so their stage history, deadlines and dashboards look real.
Dates are placed relative to ``today`` so the demo always has something due,
something overdue and a conference in the coming fortnight.
"""

import datetime
import itertools
import random
import unicodedata
from zoneinfo import ZoneInfo

from . import lifecycle
from .data import audit as audit_data
from .data import baselines, closure_days, consents, iso, network, offers
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
    106: {"culture": "english", "size": (18, 22)},
    107: {"culture": "welsh", "size": (11, 14), "language": "English",
          "parents": [{"name": "Gethin Pugh", "gender": "M", "side": "paternal", "roles": ["parent"],
                       "label": "Father"}],
          "people": [{"name": "Mali Rowlands", "gender": "F", "side": "neither", "roles": ["advocate"],
                      "label": "Young carers’ advocate", "phone": "01632 960554",
                      "email": "mali.rowlands@youngcarers.example.org"}]},
    108: {"culture": "nigerian", "size": (20, 24), "hidden": ["Grace Nwosu"]},
    109: {"culture": "hebrew", "size": (9, 12), "known_as": ["Noa"]},
    110: {"culture": "english", "size": (23, 25),
          # Tyler and Mia have one father, Alfie another: half-siblings.
          "parents": [{"name": "Ryan Bennett", "gender": "M", "side": "paternal", "roles": ["parent"],
                       "label": {0: "Father", 1: "Father"}},
                      {"name": "Callum Price", "gender": "M", "side": "paternal", "roles": ["parent"],
                       "label": {0: "Stepfather", 1: "Stepfather", 2: "Father"}}],
          "people": [{"name": "Kerry Hughes", "gender": "F", "side": "maternal", "roles": ["relative"],
                      "label": "Aunt", "invitation": "confirmed", "attend": "in_person",
                      "address": "14 Alder Close, Easthope AW4 6ZZ (fictional)"}]},
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
            if review_held and status == "confirmed" and "interpreter" not in roles:
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
        # Ofcom's numbers for drama: no real phone rings. Each is used once across the demo.
        numbers = random.Random(0)
        self._mobiles = itertools.cycle(numbers.sample(range(400), 400))
        self._landlines = itertools.cycle(numbers.sample(range(500), 500))
        self._emails = set()
        self._neighbours = itertools.cycle(numbers.sample(NEIGHBOURS, len(NEIGHBOURS)))

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
                family.attend(coordinator, conference_id, "conference")
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
                family.attend(coordinator, review_id, "review")
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
        return case_id

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
