"""Two years of earlier cases, made up from these pools so the managers' reports have a story to tell: fictional
families across Wales and England, every route a case can take, and every outcome. Nothing here is a real person.
"""

FIRST_NAMES = ["Osian", "Ffion", "Alys", "Dylan", "Mali", "Rhys", "Cerys", "Ioan", "Seren", "Jac", "Olivia", "Harry",
               "Amelia", "Jack", "Isla", "Leo", "Poppy", "Freddie", "Zofia", "Jakub", "Amina", "Hamza", "Ayaan",
               "Maryam", "Kofi", "Ama", "Chidi", "Nneka", "Bilal", "Zara", "Tiago", "Ines", "Ruby", "Alfie",
               "Evie", "Noah", "Lily", "Oscar", "Layla", "Yusuf", "Hana", "Mateo", "Elsie", "Teddy"]
FAMILY_NAMES = ["Morgan", "Pritchard", "Howells", "Bowen", "Griffiths", "Price", "Lloyd", "Parry", "Walsh", "Cooper",
                "Turner", "Bennett", "Wiśniewska", "Zielinski", "Warsame", "Hussain", "Begum", "Mensah", "Okonkwo",
                "Ahmed", "Rahman", "Costa", "Silva", "Doyle", "Quinn", "Fletcher", "Marsh", "Hale", "Kaur", "Nowicki"]
# (ethnicity, first language), as a referral records them (the census groups of fgc.domain.vocabulary); a few are
# left blank, as real referrals are.
BACKGROUNDS = [("white_british", "English")] * 11 + [("white_british", "Welsh")] * 4 + [
    ("white_other", "Polish"), ("white_irish", "English"), ("white_gypsy_traveller", "English"),
    ("mixed_white_black_caribbean", "English"), ("mixed_white_asian", "English"), ("black_african", "Somali"),
    ("black_african", "English"), ("black_caribbean", "English"), ("asian_pakistani", "Urdu"),
    ("asian_bangladeshi", "Sylheti"), ("other_arab", "Arabic"), ("", "English"), ("", "")]
RELATIVES = ["Grandmother", "Grandfather", "Aunt", "Uncle", "Cousin", "Older sister", "Older brother",
             "Family friend", "Neighbour", "Godparent", "Step-grandmother", "Great-aunt"]
TASKS = ["Nain collects the children from school every weekday",
         "An aunt stays over on Friday and Saturday nights",
         "Grandad takes the children to football on Saturdays",
         "The family meets once a month to check the plan is working",
         "A cousin drives Mum to her appointments"]
RESOURCES = ["Travel costs for family members", "Six sessions of family support", "A weekly activity for the child",
             "Respite for the carer one weekend a month"]
REASON = "The family and the social worker want the wider family to make a plan to keep the children safe."
DECISION = "Who in the family can help day to day, and what happens if things go wrong?"
