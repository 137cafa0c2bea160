"""The families' plans, reviews and family links. All fictional."""

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
