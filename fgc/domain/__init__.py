"""The rules and the actions of an FGC service, apart from pages and SQL.

Rules (pure: no app, no database, no request): ``lifecycle`` (stages and moves),
``workdays`` (working days), ``deadlines`` (due dates and their tags), ``invites`` (.ics),
``passwords`` (the password rules and hashing).

Actions and the documents they build: ``plan_document`` (the plan as one document),
``agreement`` (when a plan counts as agreed, frozen versions), ``scaling`` (scores over
time), ``throttle`` (sign-in guessing) and ``audit`` (the audit trail's writer).
"""
