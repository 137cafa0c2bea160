"""Word pools for benchmarks/generate.py: fictional names, places and the words staff type on a case.

Everything here is invented. Welsh and English names sit beside names from families who came from elsewhere,
and a few very common surnames (Jones above all) recur, so a search for a surname has many matches, as it
would in a Welsh council.
"""

# (weight, female first names, male first names, surnames, languages)
CULTURES = {
    "welsh": (34, ["Siân", "Eirlys", "Mererid", "Heledd", "Llinos", "Rhiannon", "Catrin", "Glenys", "Tegwen", "Manon",
                   "Sioned", "Gwenno", "Eleri", "Nia", "Mair", "Lleucu", "Gwawr", "Elliw", "Betsan", "Dilys",
                   "Gwenllïan", "Meinir", "Ffion", "Carys", "Angharad", "Bethan", "Lowri", "Cerys"],
              ["Gwilym", "Gruffydd", "Iwan", "Huw", "Emyr", "Gethin", "Ieuan", "Alun", "Bryn", "Owain", "Tomos",
               "Siôr", "Llŷr", "Aled", "Elfed", "Meirion", "Dewi", "Hywel", "Cai", "Gwion", "Tudur", "Rhydian",
               "Dyfrig", "Rhodri", "Dafydd", "Gareth", "Rhys", "Osian"],
              ["Gruffudd", "Pritchard", "Bowen", "Huws", "Rhydderch", "Vaughan", "Parry", "Tudur", "Pugh", "Prydderch",
               "Owen", "Dafis", "Puw", "Morgan", "Evans", "Lewis", "Rowlands", "ap Dafydd", "Llywelyn", "Prys"],
              ["Welsh", "Welsh", "Welsh and English", "English"]),
    "english": (34, ["Kerry", "Donna", "Lisa", "Jade", "Chloe", "Sharon", "Tracey", "Gemma", "Leanne", "Paula",
                     "Carol", "Jean", "Emma", "Rebecca", "Hayley", "Natalie", "Zoe", "Jackie", "Amy", "Lily", "Ruby",
                     "Poppy", "Megan", "Sophie"],
                ["Craig", "Darren", "Lee", "Wayne", "Dean", "Gary", "Kevin", "Paul", "Steve", "Connor", "Shane",
                 "Terry", "Keith", "Mark", "Jamie", "Dave", "Rob", "Jack", "Harry", "Alfie", "Riley", "Mason",
                 "Tyler", "Kai"],
                ["Bennett", "Walsh", "Turner", "Fletcher", "Dawson", "Holt", "Barker", "Webb", "Shaw", "Harper",
                 "Riley", "Moss", "Cooper", "Ward", "Simpson", "Price", "Clarke", "Mason", "Green", "Hill"],
                ["English"]),
    "polish": (7, ["Małgorzata", "Katarzyna", "Zofia", "Joanna", "Beata", "Halina", "Magdalena", "Żaneta",
                   "Grażyna", "Aleksandra", "Oliwia", "Zuzanna"],
               ["Piotr", "Krzysztof", "Andrzej", "Paweł", "Łukasz", "Grzegorz", "Jerzy", "Wojciech", "Michał",
                "Kacper", "Jakub", "Szymon"],
               ["Wiśniewska", "Zielińska", "Wójcik", "Kamińska", "Lewandowski", "Dąbrowski", "Woźniak", "Mazur",
                "Krawczyk", "Nowicki", "Kowalczyk", "Nowak"],
               ["Polish", "Polish and English"]),
    "irish": (6, ["Siobhán", "Aoife", "Gráinne", "Niamh", "Róisín", "Bríd", "Máire", "Orla", "Caoimhe", "Sinéad"],
              ["Seán", "Ciarán", "Pádraig", "Eoin", "Cathal", "Dónal", "Conor", "Liam", "Fionn", "Tadhg"],
              ["Gallagher", "O'Neill", "McLaughlin", "Byrne", "Kavanagh", "Quinn", "Devlin", "Doherty", "Murphy"],
              ["English"]),
    "nigerian": (5, ["Ngozi", "Chiamaka", "Adaeze", "Chioma", "Ifeoma", "Nneka", "Amaka", "Ebele", "Ogechi", "Uju"],
                 ["Chinedu", "Obinna", "Ikenna", "Nnamdi", "Chukwudi", "Uzoma", "Kelechi", "Tobenna", "Ifeanyi"],
                 ["Okonkwo", "Eze", "Obi", "Nwachukwu", "Chukwu", "Anyanwu", "Ibe", "Okeke", "Nnadi", "Adebayo"],
                 ["English", "English and Igbo"]),
    "arabic": (5, ["Fatima", "Sara", "Nour", "Huda", "Salma", "Amal", "Zainab", "Mona", "Reem", "نور", "سارة"],
               ["Ahmed", "Omar", "Khaled", "Sami", "Tariq", "Hassan", "Maher", "Nabil", "Ziad", "عمر", "خالد"],
               ["Mansour", "Khoury", "Saleh", "Najjar", "Issa", "Othman", "Sharif", "Haddad", "منصور"],
               ["Arabic", "Arabic and English"]),
    "south_asian": (6, ["Ayesha", "Bushra", "Fatima", "Nadia", "Priya", "Sana", "Amrit", "Harpreet", "Zara"],
                    ["Imran", "Faisal", "Hamza", "Bilal", "Arjun", "Gurpreet", "Rohan", "Zain", "Yusuf"],
                    ["Begum", "Akhtar", "Iqbal", "Hussain", "Khan", "Sandhu", "Patel", "Sharma", "Ali", "Ahmed"],
                    ["English", "Urdu", "Punjabi and English", "Bengali"]),
    "eastern": (3, ["Thi Lan", "Mai", "Elif", "Agata", "Ioana", "Vesna"],
                ["Mehmet", "Viktor", "Andrei", "Tuan", "Emre", "Luka"],
                ["Nguyen", "Yılmaz", "Horvath", "Popescu", "Sobczak", "Kovač"],
                ["Vietnamese", "Turkish", "Romanian", "English"]),
}
# Wales's most common surnames: a family takes one of these often enough that "Jones" matches thousands of cases.
COMMON_SURNAMES = [("Jones", 30), ("Williams", 14), ("Davies", 14), ("Evans", 8), ("Thomas", 8), ("Roberts", 6),
                   ("Smith", 10), ("Hughes", 5), ("Lewis", 5), ("Morgan", 4)]
STAFF_FIRST = ["Ada", "Morgan", "Cerys", "Tomasz", "Sam", "Priya", "Helen", "Dylan", "Ruth", "Nkechi", "Owen",
               "Bethan", "Marek", "Aisha", "Gareth", "Hannah", "Iolo", "Jo", "Kate", "Lowri", "Mo", "Naomi", "Osian",
               "Pat", "Rhian", "Sunita", "Tom", "Una", "Vikram", "Wendy", "Yasmin", "Zac", "Elin", "Carwyn", "Anwen",
               "Ben", "Chris", "Deb", "Ellie", "Farah", "Glyn", "Ifan", "Jess", "Kieran", "Lisa", "Matt", "Nerys"]
STAFF_LAST = ["Pryce", "Ellis", "Llywelyn", "Nowak", "Okafor", "Desai", "Rees", "Jenkins", "Griffiths", "Adeyemi",
              "Powell", "Hopkins", "Kaminski", "Rahman", "Lloyd", "Stevens", "ap Rhys", "Carter", "Moran", "Watkins",
              "Malik", "Phillips", "Bevan", "Doyle", "Edwards", "Gupta", "James", "Harris", "Mehta", "Wynne", "Jones",
              "Davies", "Williams", "Thomas", "Roberts", "Hughes", "Morris", "Price", "Richards", "Young"]

AGENCIES = [("Aberwen Council Children’s Services", "Social worker"), ("Ysgol Gynradd Aberwen", "Head teacher"),
            ("Aberwen High School", "Head of year"), ("Health visiting", "Health visitor"),
            ("Aberwen Medical Practice", "GP"), ("Police Public Protection Unit", "Detective constable"),
            ("Community Drug and Alcohol Team", "Key worker"), ("Adult mental health team", "Community psychiatric nurse"),
            ("Women’s Aid (fictional branch)", "Domestic abuse advocate"), ("Youth justice service", "Case worker"),
            ("Family Support Service", "Family support worker"), ("Housing association", "Housing officer"),
            ("School nursing", "School nurse"), ("CAMHS", "Clinical psychologist"), ("Flying Start nursery", "Nursery manager")]

WORRIES = [
    "{child} has missed {n} days of school this term and often arrives without breakfast.",
    "There were {n} police call-outs to the home in the last six months after arguments between the adults.",
    "{child} has told school that there is shouting at home at night and they cannot sleep.",
    "Mum’s drinking has increased since the winter and the children have been left alone in the evenings.",
    "The house has been without heating and the children’s clothes are not always clean or warm enough.",
    "{child} has been seen out late with older young people and came home once with injuries.",
    "Dad has stopped taking his medication and his mood changes quickly.",
    "{child} is caring for younger brothers and sisters after school instead of doing homework.",
    "Appointments with the health visitor have been missed {n} times and {child}’s weight is dropping.",
    "The family may lose their tenancy because of rent arrears and complaints from neighbours.",
]
WORKING_WELL = [
    "{child} is warm and chatty with staff and has a close friendship group.",
    "Nain visits most days and the children are calm and well cared for when she is there.",
    "Mum has kept every appointment with the drug and alcohol team since she started.",
    "The children are clearly loved; they run to their parents at the end of the school day.",
    "Dad has started a parenting course and talks openly about what he is learning.",
    "{child}’s attendance has improved this half term since an aunt started doing the school run.",
    "The family have a strong network who have offered practical help.",
    "Mum asked for help herself, and has been honest about how hard things have been.",
]
NEEDS_TO_HAPPEN = [
    "{child} needs to be in school every day, on time and ready to learn.",
    "The children need an adult who is sober and able to care for them every evening.",
    "There must be no more arguments with violence in front of the children.",
    "{child} needs a safe adult to go to when things at home become difficult.",
    "The family need a plan for who looks after the children if Mum is unwell.",
    "Health appointments need to be kept and {child}’s weight checked every month.",
    "The home needs heating, food and clean clothes for the children every week.",
]
DANGERS = [
    ("We are worried that {child} could be hurt if fights between the adults continue.",
     "{child} lives in a calm home where adults sort out disagreements without violence."),
    ("We are worried that the children will be left with no sober adult to care for them.",
     "There is always a sober adult the children know caring for them."),
    ("We are worried that {child} will be exploited by older young people.",
     "{child} is home by 8pm and the family know where {child} is and who with."),
    ("We are worried that {child} will not get the food and care they need to grow.",
     "{child} eats three meals a day and is weighed every month."),
    ("We are worried that {child} will miss so much school they fall behind for good.",
     "{child} attends school every day and the family help with homework."),
]
SCALE_REASONS = ["Things are better than in the spring, but not settled yet.",
                 "The family’s offers of help make me more hopeful.", "Nothing has changed since the last meeting.",
                 "Much safer now that Nain is involved every day.", "I am still very worried about the evenings."]
RESOURCES_OFFERED = ["Up to 6 hours a week of family support worker time for 3 months.",
                     "Travel costs for family members coming to the conference and reviews.",
                     "A place at the after-school club two days a week.",
                     "Help from the housing officer with the rent arrears.",
                     "A referral to the parenting course that starts next term."]

OBJECTIVES = [
    "A family plan that keeps the children safe at home, or with family, without the council needing to apply to court.",
    "A plan from the family for who cares for {child} every day while Mum is in treatment.",
    "A plan that lets {child} stay with the family and get back into school.",
    "A family plan that means the child protection plan can end safely.",
]
QUESTIONS = ["Who will make sure the children are cared for every day, and how?",
             "What will the family do if the plan starts to go wrong?",
             "Who can {child} go to when things at home are difficult?",
             "How will the family make sure {child} gets to school every day?",
             "Who will look after the children if Mum needs to go into hospital?",
             "How will the family keep in touch with the social worker about how the plan is going?"]
BOTTOM_LINES = ["The children must not be left with anyone under the influence of drugs or alcohol.",
                "Any change in where the children sleep must be agreed with the social worker first.",
                "{child} must not have unsupervised contact with anyone who has hurt them.",
                "The children must attend every health appointment.",
                "There must be no violence in the home."]
REASONS = ["The family’s support has kept the children safe; without it the protection plan is at risk.",
           "Mother is isolated since the separation and {child} is caring for younger children after school.",
           "Pre-proceedings: the local authority wants the family to plan before any application to court.",
           "{child}’s school is worried about attendance and weight.",
           "{child} has been going missing overnight and has been seen with older young people."]
DECISIONS_SOUGHT = ["Who in the family can care for {child} each day, and how will they be kept safe in the evenings?",
                    "How can the wider family support the parents with {child}’s day-to-day care?",
                    "Where can {child} live safely if they cannot live at home?",
                    "Who can help with childcare after school, so that {child} can be a child again?"]
RISK_DETAILS = ["Mother’s alcohol use has increased since the grandmother became unwell.",
                "Father has depression and has stopped taking his medication.",
                "Police call-outs for arguments between the parents; no injuries recorded.",
                "The children have been left alone in the evenings on at least three occasions.",
                "Concerns about neglect: missed appointments, poor school attendance, a cold house."]

TASKS = [
    ("{person} collects {child} from school on Mondays and Wednesdays and gives them tea.", "Every week", "Nain"),
    ("{person} stays over at the house on Friday and Saturday nights.", "Every weekend", "The social worker"),
    ("{person} rings {child} every Sunday evening to talk about the week.", "Every Sunday", "Mum"),
    ("{person} takes {child} to every health appointment and tells the health visitor how it went.",
     "Each appointment", "The health visitor"),
    ("{person} goes with Mum to her appointments with the drug and alcohol team.", "Every Tuesday", "Key worker"),
    ("{person} helps {child} with homework at the kitchen table after school.", "School days", "Head of year"),
    ("{person} is the person {child} can call any time, day or night, if they feel unsafe.", "Always", "Coordinator"),
    ("{person} does the weekly shop with Mum and checks there is food in the house.", "Every Saturday", "Aunt"),
    ("If Mum is unwell, the children go to stay with {person} the same day.", "Whenever needed", "The social worker"),
    ("{person} takes {child} to football training and brings them home by 8pm.", "Thursdays", "Dad"),
    ("The family meet together once a month to check how the plan is going.", "Monthly", "Coordinator"),
    ("{person} tells the social worker straight away if the plan is not working.", "Whenever needed", "Social worker"),
]
CONTINGENCIES = [
    "If the plan breaks down, the children will stay with {person} until the family meet again.",
    "If Mum drinks, {person} will be called and will come to the house or take the children home with them.",
    "If {child} does not come home by 8pm, {person} will ring round the family and then the police.",
]
MONITORING = ["The social worker and {person} will check the plan every month.",
              "The coordinator will ring {person} every fortnight until the review.",
              "The family will meet every month, and {person} will tell the social worker how it is going."]
RESOURCE_REQUESTS = [("Bus passes for {person}", "So they can collect the children from school", 0),
                     ("After-school club fees", "Two afternoons a week until the summer holidays", 0),
                     ("A bed and bedding for {person}’s spare room", "So the children can stay at weekends", 1),
                     ("Family support worker", "Six hours a week for three months", 1),
                     ("Help with the cost of a washing machine", "The old one broke in the winter", 1)]
CHILD_WISHES = ["I want to stay with my mum but I want the shouting to stop.",
                "I like it when Nain picks me up. I want to go to her house more.",
                "I want to go to football again and see my friends.",
                "Drew a picture of the family at the seaside, with everyone smiling.",
                "I don’t want to move school.", "I want Dad to come to my birthday."]
EXCLUSION_REASONS = ["Subject to a non-molestation order protecting the children’s mother.",
                     "Police advice: a risk to the children; no contact is allowed.",
                     "Convicted of offences against children; the manager agreed he takes no part."]
WRITTEN_VIEWS = ["I can collect {child} from school on Mondays and Wednesdays and keep them until tea time.",
                 "I live too far away to help every day, but {child} can stay with me in the school holidays.",
                 "I am worried about what has happened and I want to help. I can offer a bed at weekends.",
                 "Gallaf gasglu’r plant o’r ysgol bob dydd Llun. (I can collect the children from school every Monday.)"]
NEEDS = ["Hard of hearing: face her when speaking", "Uses a wheelchair: needs a step-free venue",
         "Works night shifts: can only meet after 2pm", "Dyslexic: prefers a phone call to letters",
         "Does not drive: needs a lift or a bus route"]
VENUES = [("Riverside Family Centre, Room 2", "4 Mill Lane, Aberwen AW1 2ZZ (fictional)",
           "Step-free entrance at the side; hearing loop in Room 2."),
          ("Canolfan Maes-y-Coed", "Heol y Bryn, Llanfair Isaf LL0 9ZZ (fictional)",
           "Parking at the rear; quiet room available for private family time."),
          ("Easthope Library meeting room", "Market Square, Easthope AW4 1ZZ (fictional)", "Lift to the first floor."),
          ("The family’s home", "", "")]
STREETS = ["Heol y Bryn", "Stryd Fawr", "Ffordd yr Orsaf", "Mill Lane", "Station Road", "Church Street", "Oak Avenue",
           "Victoria Terrace", "Alder Close", "Quarry Row"]
TOWNS = [("Aberwen", "AW1"), ("Aberwen", "AW2"), ("Llanfair Isaf", "LL0"), ("Easthope", "AW4"), ("Marsh End", "AW5")]
REVIEW_CHANGES = ["Nain now collects the children every weekday; Dad has finished the parenting course.",
                  "The plan is working well; the family asked to keep it as it is until the next review.",
                  "The after-school club place has started; Mum has kept every appointment.",
                  "Some evenings were missed in the holidays; the family have agreed a rota."]
CLOSURE_NOTES = ["The plan is working and the child protection plan has ended.",
                 "Family declined further involvement.", "Work ended after the review; the family plan continues.",
                 "Consent withdrawn; the social worker continues to work with the family.", ""]
