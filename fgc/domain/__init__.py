"""The rules and the actions of an FGC service, apart from pages and SQL.

Rules (pure: no app, no request, no database): ``lifecycle`` (stages and moves), ``workdays``
(working days), ``deadlines`` (due dates and their tags), ``invites`` (.ics), ``passwords`` (the
password rules and hashing), ``vocabulary`` (every code and its words) and ``outcome`` (what an
action did).

Actions, each one transaction with its audit event, returning an Outcome: ``referrals``,
``casework`` (offer, consent, allocation, baseline, stage moves), ``meetings``, ``family_network``,
``preparation``, ``planning`` (writing, deciding on and reviewing the plan), ``family_links``,
``family_visits`` (the family's own pages), ``signing_in`` (sign-in, passwords, sessions),
``accounts`` and ``filing`` (the case-file PDFs kept). Beside them: ``plan_document`` (the plan as
one document), ``agreement`` (when a plan counts as agreed, run inside an action's transaction),
``scaling`` (scores over time), ``throttle`` (sign-in guessing) and ``audit`` (the trail's writer).
"""
