"""A small, hand-counted world for the reports: seven fictional cases whose every figure is worked out by hand in
the tests (tests/domain/test_reports.py). The report's period is the first half of 2026.

A  referred Mon 5 Jan, offer in the letter, accepted; baseline 9 Jan; first conference 16 Feb, plan agreed that
   day; review 15 May (on time); two children (one came, one through an advocate); private family time.
B  referred 2 Feb, urgent; offer not in a letter, declined (privacy); baseline 4 Feb; no conference.
C  referred 2 Mar; offer in the letter, accepted then withdrawn; baseline 6 Mar; consent withdrawn.
D  referred 1 Apr; not offered (best-interests exception); closed without a conference; disposed of.
E  conference 15 Oct 2025 and again 20 Jan 2026 (only the first counts); plan 20 Oct; review late (1 Feb);
   3-month outcome (due 15 Jan 2026): with family as foster carers, proceedings issued.
F  conference 10 Feb 2025; 12-month follow-ups due 10 Feb 2026: one child with parents, one not recorded.
G  referred 12 Jan; baseline 14 Jan; conference 20 Feb, plan agreed 23 Feb; review due 23 May, not held.

A, B and C are coordinated by the North team's coordinator; the rest by the test coordinator. Dee's ethnicity is
one of the census groups; the others' are words typed before the list, as older records hold them.
"""

import datetime

from fgc.db import write
from fgc.domain.reports import Period, Scope

from factories import add_user, user_id

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
EVERYONE = Scope()


class World:
    def __init__(self, db):
        self.db = db
        self.creator = user_id(db, "social_worker@example.org")
        self.coordinator = user_id(db, "coordinator@example.org")
        self.north = add_user(db, "north@example.org", "coordinator", name="Nia North")
        db.execute("UPDATE users SET team = 'North' WHERE id = ?", [self.north])
        self.cases = {}

    def case(self, ref, referred_on, *, urgent=0, legal="", north=False, stage="referred", plan_agreed_on=None,
             closed_on=None):
        self.cases[ref] = self.db.execute(
            "INSERT INTO cases (reference, stage, urgent, created_by, coordinator_id, referred_on, legal_status, "
            "plan_agreed_on, closed_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-01-01', "
            "'2025-01-01')", [ref, stage, urgent, self.creator, self.north if north else self.coordinator,
                              referred_on, legal, plan_agreed_on, closed_on]).lastrowid
        return self.cases[ref]

    def child(self, case_id, name, *, ethnicity="", language="", disability="", gathered=None, attending=None,
              born=None, age=None):
        child_id = self.db.execute(
            "INSERT INTO children (case_id, name, ethnicity, first_language, disability, date_of_birth, "
            "age_at_referral) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [case_id, name, ethnicity, language, disability, born, age]).lastrowid
        if gathered or attending:
            self.db.execute("INSERT INTO child_views (child_id, gathered, attending, updated_at) VALUES (?, ?, ?, "
                            "'2025-01-01')", [child_id, gathered, attending])
        return child_id

    def offer(self, case_id, **values):
        columns = ", ".join(values)
        self.db.execute(f"INSERT INTO offers (case_id, {columns}, updated_at) VALUES (?, "
                        f"{', '.join('?' for _ in values)}, '2025-01-01')", [case_id, *values.values()])

    def baseline(self, case_id, held_on):
        self.db.execute("INSERT INTO baselines (case_id, held_on, recorded_by, updated_at) VALUES (?, ?, ?, "
                        "'2025-01-01')", [case_id, held_on, self.creator])

    def meeting(self, case_id, kind, held_on, *, private_time=None):
        return self.db.execute(
            "INSERT INTO meetings (case_id, kind, uid, status, starts_at, ends_at, held_on, private_time, created_by, "
            "created_at, updated_at) VALUES (?, ?, ?, 'held', ?, ?, ?, ?, ?, '2025-01-01', '2025-01-01')",
            [case_id, kind, f"{case_id}-{kind}-{held_on}@test.invalid", f"{held_on}T10:00:00+00:00",
             f"{held_on}T12:00:00+00:00", held_on, private_time, self.creator]).lastrowid

    def network(self, case_id, count, *, excluded=0):
        return [self.db.execute("INSERT INTO people (case_id, name, excluded, created_at, updated_at) VALUES "
                                "(?, ?, ?, '2025-01-01', '2025-01-01')", [case_id, f"Person {n}", excluded]).lastrowid
                for n in range(count)]

    def pr_holders(self, case_id, count):
        for n in range(count):
            self.db.execute("INSERT INTO pr_holders (case_id, name) VALUES (?, ?)", [case_id, f"Holder {n}"])

    def attended(self, meeting_id, person_id, mode):
        self.db.execute("INSERT INTO attendance (person_id, meeting_id, mode, recorded_by, at) VALUES (?, ?, ?, ?, "
                        "'2025-01-01')", [person_id, meeting_id, mode, self.creator])

    def resources(self, case_id, decisions):
        plan_id = self.db.execute("INSERT INTO plans (case_id, created_by, created_at, updated_by, updated_at) "
                                  "VALUES (?, ?, '2025-01-01', ?, '2025-01-01')",
                                  [case_id, self.creator, self.creator]).lastrowid
        for needed, decision in decisions:
            self.db.execute("INSERT INTO plan_resources (plan_id, what, sign_off_needed, sign_off, updated_at) "
                            "VALUES (?, 'Help', ?, ?, '2025-01-01')", [plan_id, needed, decision])

    def outcome(self, case_id, child_id, point, known_on, living_with, *, arrangement="", proceedings="no",
                legal_order="none"):
        self.db.execute(
            "INSERT INTO child_outcomes (case_id, child_id, point, known_on, living_with, arrangement, proceedings, "
            "legal_order, recorded_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-01-01')",
            [case_id, child_id, point, known_on, living_with, arrangement, proceedings, legal_order, self.creator])


def build(db):
    """The seven cases; returns the World, whose ``cases`` maps each reference to its id."""
    with write(db):
        world = World(db)
        a = world.case("A", "2026-01-05", legal="pre_proceedings", north=True, stage="review_held",
                       plan_agreed_on="2026-02-16")
        world.child(a, "Ana", ethnicity="White British", language="English", disability="no", attending="yes",
                    born="2015-01-06")
        world.child(a, "Ben", ethnicity="white  british ", language="english", disability="yes", gathered="advocate")
        world.offer(a, offered_on="2026-01-05", in_letter_before_proceedings=1, letter_date="2026-01-05",
                    response="accepted", response_on="2026-01-09")
        world.baseline(a, "2026-01-09")
        conference = world.meeting(a, "conference", "2026-02-16", private_time=1)
        world.meeting(a, "review", "2026-05-15")
        people = world.network(a, 4)
        world.network(a, 1, excluded=1)
        world.pr_holders(a, 2)
        for person, mode in zip(people, ("in_person", "in_person", "remote", "written_views")):
            world.attended(conference, person, mode)
        world.resources(a, [(0, None), (1, "approved"), (1, "refused")])

        b = world.case("B", "2026-02-02", urgent=1, legal="child_in_need", north=True, stage="declined_by_family")
        world.child(b, "Cai", language="Welsh")
        world.offer(b, offered_on="2026-02-02", in_letter_before_proceedings=0, response="declined",
                    response_on="2026-02-06", declined_reason="privacy")
        world.baseline(b, "2026-02-04")

        c = world.case("C", "2026-03-02", legal="pre_proceedings", north=True, stage="withdrawn")
        world.child(c, "Dee", ethnicity="black_african", language="Somali", disability="unknown")
        world.offer(c, offered_on="2026-03-02", in_letter_before_proceedings=1, letter_date="2026-03-02",
                    response="withdrawn", response_on="2026-03-10")
        world.baseline(c, "2026-03-06")

        d = world.case("D", "2026-04-01", legal="looked_after", stage="closed", closed_on="2026-04-20")
        child = world.child(d, "", ethnicity="White British", language="English", age=7)
        world.offer(d, exception_reason="Emergency", exception_decided_by="Manager",
                    exception_decided_on="2026-04-01")
        world.outcome(d, child, "closure", "2026-04-20", "care", proceedings="yes", legal_order="interim_care")
        db.execute("UPDATE cases SET disposed_at = '2026-11-01' WHERE id = ?", [d])

        e = world.case("E", "2025-09-01", legal="pre_proceedings", stage="review_held", plan_agreed_on="2025-10-20")
        child = world.child(e, "Eli", ethnicity="White Irish", language="English")
        world.meeting(e, "conference", "2025-10-15")
        world.meeting(e, "conference", "2026-01-20")
        world.meeting(e, "review", "2026-02-01")
        world.outcome(e, child, "three_months", "2026-01-16", "wider_family", arrangement="kinship_foster",
                      proceedings="yes", legal_order="interim_care")

        f = world.case("F", "2025-01-06", legal="child_protection", stage="closed", plan_agreed_on="2025-03-01",
                       closed_on="2025-06-01")
        first = world.child(f, "Fay")
        world.child(f, "Gus")
        world.meeting(f, "conference", "2025-02-10")
        world.outcome(f, first, "twelve_months", "2026-02-11", "parents")

        g = world.case("G", "2026-01-12", legal="child_protection", stage="plan_agreed", plan_agreed_on="2026-02-23")
        world.child(g, "Hal", ethnicity="Mixed White and Black Caribbean", language="English")
        world.baseline(g, "2026-01-14")
        conference = world.meeting(g, "conference", "2026-02-20", private_time=0)
        world.network(g, 1)
        world.pr_holders(g, 1)
    return world
