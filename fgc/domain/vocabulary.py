"""Every code fgc stores and the words a person reads for it: each written here and nowhere else.

The database, the audit trail, invites and frozen plan documents keep the codes (the keys). The
labels are lazy_gettext, translated when shown: give a form, a page or a PDF the label, and
``str()`` it before it goes anywhere that keeps text. Dictionaries keep their order, which is the
order choices are offered and rows are drawn. Templates reach this module as ``vocabulary``.

Stages are here too; which moves between them are allowed is :mod:`fgc.domain.lifecycle`'s.
"""

from flask_babel import lazy_gettext as _l

# --- staff ------------------------------------------------------------------------------------

STAFF_ROLES = {
    "admin": _l("Admin"),
    "manager": _l("Manager"),
    "coordinator": _l("Coordinator"),
    "social_worker": _l("Social worker"),
}
STAFF_ROLE_HINTS = {
    "admin": _l("Manages accounts and service settings"),
    "manager": _l("Allocates referrals and sees timeliness, outcomes and the audit trail"),
    "coordinator": _l("Runs conferences and writes up family plans"),
    "social_worker": _l("Refers families, agrees plans and downloads them for the case file"),
}

# --- a case -----------------------------------------------------------------------------------

STAGES = {
    "draft": _l("Draft referral"),
    "referred": _l("Referred"),
    "allocated": _l("Allocated"),
    "baseline_held": _l("Baseline held"),
    "preparing": _l("Preparing"),
    "conference_scheduled": _l("Conference scheduled"),
    "conference_held": _l("Conference held"),
    "plan_agreed": _l("Plan agreed"),
    "review_scheduled": _l("Review scheduled"),
    "review_held": _l("Review held"),
    "closed": _l("Closed"),
    "on_hold": _l("On hold"),
    "withdrawn": _l("Consent withdrawn"),
    "declined_by_family": _l("Declined by family"),
}
LEGAL_STATUSES = {
    "child_in_need": _l("Child in need"),
    "child_protection": _l("Child protection plan"),
    "pre_proceedings": _l("Pre-proceedings (PLO)"),
    "section_20": _l("Section 20 accommodation"),
    "looked_after": _l("Looked after (care order)"),
    "none": _l("None of these"),
}
RISKS = {
    "domestic_abuse": _l("Domestic abuse"),
    "substance_use": _l("Substance use"),
    "mental_health": _l("Mental health"),
    "young_carer": _l("Young carer"),
    "other": _l("Other"),
}
CONSENT_BASES = {
    "parental_responsibility": _l("A person with parental responsibility"),
    "council": _l("The council, where it shares parental responsibility"),
    "gillick": _l("The child, who is Gillick competent"),
}
OFFER_RESPONSES = {
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "withdrawn": _l("Accepted, then withdrawn"),
    "": _l("No answer yet"),
}
BASELINE_ITEMS = {
    "question": _l("Question for the family"),
    "bottom_line": _l("Bottom line"),
    "resource": _l("Resource offered"),
}
# Each child's outcome, recorded at closure and again 3 and 12 months after the first conference.
OUTCOME_POINTS = {"closure": _l("At closure"), "three_months": _l("3 months after the conference"),
                  "twelve_months": _l("12 months after the conference")}
# Months after the first conference that each follow-up falls due.
OUTCOME_MONTHS = {"three_months": 3, "twelve_months": 12}
LIVING_WITH = {
    "parents": _l("With parents"),
    "wider_family": _l("With wider family or friends"),
    "care": _l("In care, not with family or friends"),
    "other": _l("Somewhere else, or not known"),
}
# How a child lives with wider family or friends. Foster care with family or friends is care: the child is
# looked after, and the reports count them in care (and with family).
ARRANGEMENTS = {
    "informal": _l("An arrangement within the family, with no order"),
    "order": _l("Under a child arrangements order or special guardianship order"),
    "kinship_foster": _l("Foster care with family or friends (the child is looked after)"),
}
PROCEEDINGS = {"no": _l("No"), "yes": _l("Yes"), "unknown": _l("Not known")}
LEGAL_ORDERS = {
    "none": _l("No order"),
    "child_arrangements": _l("Child arrangements order"),
    "special_guardianship": _l("Special guardianship order"),
    "supervision": _l("Supervision order"),
    "interim_care": _l("Interim care order"),
    "care": _l("Care order"),
    "placement": _l("Placement order"),
    "other": _l("Another order"),
    "unknown": _l("Not known"),
}
# Why a family said no to the s.31ZA offer, counted in the reports.
DECLINED_REASONS = {
    "privacy": _l("They did not want the wider family to know"),
    "no_network": _l("They felt there was nobody to ask"),
    "disagree": _l("They do not accept the council’s concerns"),
    "other_support": _l("They preferred other help"),
    "other": _l("Another reason"),
}
DISABILITY = {"yes": _l("Yes"), "no": _l("No"), "unknown": _l("Not known")}
# A child's ethnicity: the 19 groups of the 2021 census in England and Wales (as councils' returns use them), then
# the answers for when it is not given. Older records may hold words typed before this list: they are kept and shown
# as typed.
ETHNICITIES = {
    "white_british": _l("White: English, Welsh, Scottish, Northern Irish or British"),
    "white_irish": _l("White: Irish"),
    "white_gypsy_traveller": _l("White: Gypsy or Irish Traveller"),
    "white_roma": _l("White: Roma"),
    "white_other": _l("White: any other White background"),
    "mixed_white_black_caribbean": _l("Mixed: White and Black Caribbean"),
    "mixed_white_black_african": _l("Mixed: White and Black African"),
    "mixed_white_asian": _l("Mixed: White and Asian"),
    "mixed_other": _l("Mixed: any other mixed or multiple ethnic background"),
    "asian_indian": _l("Asian or Asian British: Indian"),
    "asian_pakistani": _l("Asian or Asian British: Pakistani"),
    "asian_bangladeshi": _l("Asian or Asian British: Bangladeshi"),
    "asian_chinese": _l("Asian or Asian British: Chinese"),
    "asian_other": _l("Asian or Asian British: any other Asian background"),
    "black_african": _l("Black, Black British, Caribbean or African: African"),
    "black_caribbean": _l("Black, Black British, Caribbean or African: Caribbean"),
    "black_other": _l("Black, Black British, Caribbean or African: any other Black background"),
    "other_arab": _l("Other ethnic group: Arab"),
    "other": _l("Other ethnic group: any other ethnic group"),
    "refused": _l("The family did not want to say"),
    "not_known": _l("Not known yet"),
}

# --- the family network -----------------------------------------------------------------------

SIDES = {"maternal": _l("Mother’s side"), "paternal": _l("Father’s side"), "both": _l("Both sides"),
         "neither": _l("Neither side")}
# In the order the network picture draws them nearest the children: parental responsibility first.
NETWORK_ROLES = {
    "pr_holder": _l("Holds parental responsibility"),
    "parent": _l("Parent"),
    "relative": _l("Relative"),
    "friend": _l("Friend or community member"),
    "support": _l("Support person"),
    "advocate": _l("Advocate for the child"),
    "interpreter": _l("Interpreter"),
}
INVITATION = {"not_contacted": _l("Not yet contacted"), "contacted": _l("Contacted"), "invited": _l("Invited"),
              "confirmed": _l("Confirmed"), "declined": _l("Declined")}
ATTENDANCE = {"in_person": _l("In person"), "remote": _l("Remotely"), "written_views": _l("Sent written views"),
              "did_not_attend": _l("Did not attend")}

# --- preparation ------------------------------------------------------------------------------

ATTENDS = {"information_sharing": _l("Only the information-sharing part"), "all": _l("All of the conference")}
GATHERED = {"direct": _l("From the child directly"), "advocate": _l("Through an advocate"),
            "letter_or_drawing": _l("From a letter or drawing")}
ATTENDING = {"yes": _l("Yes"), "part": _l("For part of it"), "no": _l("No"), "undecided": _l("Not decided yet")}

# --- the plan ---------------------------------------------------------------------------------

PLAN_STATUSES = {"draft": _l("Draft"), "ready": _l("Ready for agreement"),
                 "awaiting_sign_off": _l("Waiting for sign-off"), "agreed": _l("Agreed")}
PLAN_STATUS_CLASSES = {"draft": "govuk-tag--grey", "ready": "govuk-tag--light-blue",
                       "awaiting_sign_off": "govuk-tag--yellow", "agreed": "govuk-tag--green"}
TASK_STATUSES = {"not_started": _l("Not started"), "in_progress": _l("In progress"), "done": _l("Done")}
# The referrer's decision on a version.
DECISIONS = {"agreed": _l("Agreed"), "agreed_with_changes": _l("Agreed with changes"), "declined": _l("Declined")}
DECISION_CLASSES = {"agreed": "govuk-tag--green", "agreed_with_changes": "govuk-tag--turquoise",
                    "declined": "govuk-tag--red"}
# At a review: how far each task got.
REVIEW_OUTCOMES = {"done": _l("Done"), "in_progress": _l("In progress"), "not_done": _l("Not done")}
REVIEW_OUTCOME_CLASSES = {"done": "govuk-tag--green", "in_progress": "govuk-tag--yellow",
                          "not_done": "govuk-tag--red"}

# --- family links -----------------------------------------------------------------------------

LINK_STATES = {"open": _l("Open"), "expired": _l("Expired"), "revoked": _l("Revoked"),
               "excluded": _l("Revoked because excluded")}
LINK_STATE_CLASSES = {"open": "govuk-tag--green", "expired": "govuk-tag--grey", "revoked": "govuk-tag--red",
                      "excluded": "govuk-tag--red"}
# The kinds of background job (fgc.domain.jobs), as the admin's "Background work" page names them.
JOB_KINDS = {"pdf.version": _l("PDF of a plan version for the case file"),
             "pdf.kept": _l("PDF of a draft plan, or of a family's plan"),
             "message.send": _l("Sending a text message or email"),
             "message.status": _l("Asking GOV.UK Notify whether a message was delivered"),
             "reminders.due": _l("Looking for reminders that are due")}
# Messages (fgc.domain.messages): what each kind is, how it goes, and where it has got to.
MESSAGE_KINDS = {
    "family_link": _l("Family link"), "meeting_invitation": _l("Meeting invitation"),
    "meeting_changed": _l("Meeting changed"), "meeting_cancelled": _l("Meeting cancelled"),
    "task_reminder": _l("Task reminder"), "review_reminder": _l("Review reminder"),
    "referral_waiting": _l("Referral waiting for a coordinator"), "plan_acknowledged": _l("Plan read by the family"),
    "task_updated": _l("Task updated by the family"), "pin_locked": _l("Family link locked"),
    "sign_in_under_attack": _l("Sign-in attempts stopped"), "second_factor_reset": _l("Second factor reset"),
    "recovery_code_used": _l("Recovery code used"),
}
MESSAGE_CHANNELS = {"sms": _l("Text message"), "email": _l("Email")}
MESSAGE_STATUSES = {"queued": _l("Queued"), "sending": _l("Sending"), "sent": _l("Sent"), "delivered": _l("Delivered"),
                    "kept": _l("Kept, not sent"), "failed": _l("Failed"), "cancelled": _l("Cancelled")}
MESSAGE_STATUS_CLASSES = {"queued": "govuk-tag--grey", "sending": "govuk-tag--light-blue", "sent": "govuk-tag--blue",
                          "delivered": "govuk-tag--green", "kept": "govuk-tag--yellow", "failed": "govuk-tag--red",
                          "cancelled": "govuk-tag--orange"}
