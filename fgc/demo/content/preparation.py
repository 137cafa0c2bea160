"""What each professional brings to the conference, and the children's views. All fictional."""

from .cases import REFERRER, SOCIAL_WORKER


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
