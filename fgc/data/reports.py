"""What the manager's reports count, read for one period (and optionally one coordinator or team).

Each query reads only the records whose counting date falls in the period, through an index on that date, and
returns one row per thing counted (an offer, a conference, a child); :mod:`fgc.domain.reports` does the sums.
Disposed cases are counted like any other: what these read is their anonymised record.
"""

def _scope(scope):
    """The SQL that keeps only one coordinator's or one team's cases, and its parameters."""
    if scope.coordinator_id is not None:
        return " AND c.coordinator_id = :coordinator", {"coordinator": scope.coordinator_id}
    if scope.team:
        return " AND c.coordinator_id IN (SELECT id FROM users WHERE team = :team)", {"team": scope.team}
    return "", {}


def _rows(db, sql, period, scope, **params):
    where, scoped = _scope(scope)
    return [dict(row) for row in db.query(sql.replace("{scope}", where),
                                          {"start": period.start.isoformat(), "end": period.end.isoformat(),
                                           **scoped, **params})]


def offers_made(db, period, scope):
    """Offers made in the period: the offer, the family's answer, and how far the case went afterwards."""
    return _rows(db, (
        "SELECT o.case_id, o.offered_on, o.in_letter_before_proceedings AS in_letter, o.response, o.response_on, "
        "o.declined_reason, (SELECT min(held_on) FROM meetings WHERE case_id = c.id AND kind = 'conference' "
        "AND status = 'held') AS conference_on, c.plan_agreed_on "
        "FROM offers o JOIN cases c ON c.id = o.case_id "
        "WHERE o.offered_on BETWEEN :start AND :end{scope}"), period, scope)


def exceptions(db, period, scope):
    """Best-interests exceptions (no offer made) decided in the period."""
    return _rows(db, (
        "SELECT o.case_id, o.exception_decided_on FROM offers o JOIN cases c ON c.id = o.case_id "
        "WHERE o.exception_decided_on BETWEEN :start AND :end AND o.offered_on IS NULL{scope}"), period, scope)


def baselines_held(db, period, scope):
    """Baseline meetings held in the period, with the referral's date and urgency."""
    return _rows(db, (
        "SELECT b.case_id, b.held_on, c.referred_on, c.urgent FROM baselines b JOIN cases c ON c.id = b.case_id "
        "WHERE b.held_on BETWEEN :start AND :end AND c.referred_on IS NOT NULL{scope}"), period, scope)


def conferences_held(db, period, scope):
    """Each case's first conference held in the period, with what the practice report counts about it: the
    referral's date, the plan's, private family time, the network named at referral (people with parental
    responsibility) and on the register at the conference (not excluded), the family who took part, and the
    resources the plan asked for and had agreed."""
    return _rows(db, (
        "SELECT m.case_id, m.held_on, m.private_time, c.referred_on, c.plan_agreed_on, "
        "(SELECT count(*) FROM pr_holders WHERE case_id = c.id) AS named_at_referral, "
        "(SELECT count(*) FROM people WHERE case_id = c.id AND excluded = 0) AS network, "
        "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.mode IN ('in_person', 'remote')) "
        "AS family_took_part, "
        "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.mode = 'written_views') "
        "AS family_written_views, "
        "(SELECT count(*) FROM plan_resources r JOIN plans p ON p.id = r.plan_id WHERE p.case_id = c.id) "
        "AS resources_requested, "
        "(SELECT count(*) FROM plan_resources r JOIN plans p ON p.id = r.plan_id WHERE p.case_id = c.id "
        "AND (r.sign_off_needed = 0 OR r.sign_off = 'approved')) AS resources_agreed "
        "FROM meetings m JOIN cases c ON c.id = m.case_id "
        "WHERE m.kind = 'conference' AND m.status = 'held' AND m.held_on BETWEEN :start AND :end "
        "AND c.referred_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meetings e WHERE e.case_id = m.case_id "
        "AND e.kind = 'conference' AND e.status = 'held' AND (e.held_on < m.held_on OR "
        "(e.held_on = m.held_on AND e.id < m.id))){scope}"), period, scope)


def children_at_conferences(db, period, scope):
    """Each child of a case whose first conference was held in the period, with how their views were gathered
    and whether they came."""
    return _rows(db, (
        "SELECT ch.id AS child_id, ch.case_id, f.held_on, v.gathered, v.attending FROM ("
        "  SELECT m.case_id, min(m.held_on) AS held_on FROM meetings m JOIN cases c ON c.id = m.case_id "
        "  WHERE m.kind = 'conference' AND m.status = 'held' AND m.held_on BETWEEN :start AND :end{scope} "
        "  GROUP BY m.case_id) f "
        "JOIN children ch ON ch.case_id = f.case_id LEFT JOIN child_views v ON v.child_id = ch.id "
        "WHERE f.held_on = (SELECT min(held_on) FROM meetings WHERE case_id = f.case_id AND kind = 'conference' "
        "AND status = 'held')"), period, scope)


def plans_agreed(db, period, scope):
    """Plans agreed between ``period.start`` and ``period.end`` (widened by the caller to cover reviews falling
    due in the period), with the first review held on or after the agreement."""
    return _rows(db, (
        "SELECT c.id AS case_id, c.plan_agreed_on, (SELECT min(held_on) FROM meetings WHERE case_id = c.id "
        "AND kind = 'review' AND status = 'held' AND held_on >= c.plan_agreed_on) AS review_on "
        "FROM cases c WHERE c.plan_agreed_on BETWEEN :start AND :end{scope}"), period, scope)


def children_followed_up(db, period, scope):
    """Every child of a case whose first conference was held in ``period`` (widened by the caller so that the
    follow-ups falling due in the report's period are among them), with their outcomes at 3 and 12 months."""
    return _rows(db, (
        "SELECT ch.id AS child_id, ch.case_id, f.held_on, "
        "t.living_with AS three_living_with, t.arrangement AS three_arrangement, "
        "t.proceedings AS three_proceedings, t.legal_order AS three_legal_order, "
        "w.living_with AS twelve_living_with, w.arrangement AS twelve_arrangement, "
        "w.proceedings AS twelve_proceedings, w.legal_order AS twelve_legal_order FROM ("
        "  SELECT m.case_id, min(m.held_on) AS held_on FROM meetings m JOIN cases c ON c.id = m.case_id "
        "  WHERE m.kind = 'conference' AND m.status = 'held' AND m.held_on BETWEEN :start AND :end{scope} "
        "  GROUP BY m.case_id) f "
        "JOIN children ch ON ch.case_id = f.case_id "
        "LEFT JOIN child_outcomes t ON t.child_id = ch.id AND t.point = 'three_months' "
        "LEFT JOIN child_outcomes w ON w.child_id = ch.id AND w.point = 'twelve_months' "
        "WHERE f.held_on = (SELECT min(held_on) FROM meetings WHERE case_id = f.case_id AND kind = 'conference' "
        "AND status = 'held')"), period, scope)


def children_referred(db, period, scope):
    """Every child of a case referred in the period, with who they are (in codes and the words recorded), the
    case's legal status, how far the case went, and their outcome at 12 months."""
    return _rows(db, (
        "SELECT ch.id AS child_id, ch.case_id, c.referred_on, ch.ethnicity, ch.first_language, ch.disability, "
        "c.legal_status, (SELECT min(held_on) FROM meetings WHERE case_id = c.id AND kind = 'conference' "
        "AND status = 'held') AS conference_on, c.plan_agreed_on, "
        "w.living_with AS twelve_living_with, w.arrangement AS twelve_arrangement "
        "FROM cases c JOIN children ch ON ch.case_id = c.id "
        "LEFT JOIN child_outcomes w ON w.child_id = ch.id AND w.point = 'twelve_months' "
        "WHERE c.referred_on BETWEEN :start AND :end{scope} ORDER BY ch.id"), period, scope)


def teams(db):
    """The teams staff belong to, A to Z."""
    return [row["team"] for row in db.query("SELECT DISTINCT team FROM users WHERE team != '' ORDER BY team")]



def case_return(db, period, scope):
    """One row for each child of a case referred in the period, with everything the case-level data return gives
    (fgc.domain.data_return): no names, no contact details, no words anyone typed but the child's ethnicity,
    first language and gender."""
    return _rows(db, (
        "SELECT c.id AS case_id, ch.id AS child_id, ch.date_of_birth, ch.age_at_referral, ch.gender, ch.ethnicity, "
        "ch.first_language, ch.disability, c.legal_status, c.urgent, c.referred_on, c.stage, c.allocated_on, "
        "c.plan_agreed_on, c.closed_on, c.disposed_at, "
        "(SELECT count(*) FROM children WHERE case_id = c.id) AS children_on_case, "
        "o.offered_on, o.in_letter_before_proceedings AS in_letter, o.response, o.response_on, o.declined_reason, "
        "o.exception_decided_on, "
        "(SELECT count(*) FROM consents WHERE case_id = c.id AND withdrawn_on IS NOT NULL) AS consents_withdrawn, "
        "(SELECT held_on FROM baselines WHERE case_id = c.id) AS baseline_on, "
        "f.id AS conference_id, f.held_on AS conference_on, f.private_time, "
        "(SELECT count(*) FROM meetings WHERE case_id = c.id AND kind = 'conference' AND status = 'held') "
        "AS conferences_held, "
        "(SELECT count(*) FROM meetings WHERE case_id = c.id AND kind = 'review' AND status = 'held') AS reviews_held, "
        "(SELECT count(*) FROM pr_holders WHERE case_id = c.id) AS named_at_referral, "
        "(SELECT count(*) FROM people WHERE case_id = c.id AND excluded = 0) AS network, "
        "(SELECT count(*) FROM people WHERE case_id = c.id AND excluded = 1) AS excluded, "
        "(SELECT count(*) FROM attendance a WHERE a.meeting_id = f.id AND a.mode IN ('in_person', 'remote')) "
        "AS family_took_part, "
        "v.gathered, v.attending, "
        "k.living_with AS closure_living_with, k.arrangement AS closure_arrangement, "
        "k.proceedings AS closure_proceedings, k.legal_order AS closure_legal_order, "
        "t.living_with AS three_living_with, t.arrangement AS three_arrangement, "
        "t.proceedings AS three_proceedings, t.legal_order AS three_legal_order, "
        "w.living_with AS twelve_living_with, w.arrangement AS twelve_arrangement, "
        "w.proceedings AS twelve_proceedings, w.legal_order AS twelve_legal_order "
        "FROM cases c JOIN children ch ON ch.case_id = c.id "
        "LEFT JOIN offers o ON o.case_id = c.id "
        "LEFT JOIN meetings f ON f.id = (SELECT id FROM meetings WHERE case_id = c.id AND kind = 'conference' "
        "  AND status = 'held' ORDER BY held_on, id LIMIT 1) "
        "LEFT JOIN child_views v ON v.child_id = ch.id "
        "LEFT JOIN child_outcomes k ON k.child_id = ch.id AND k.point = 'closure' "
        "LEFT JOIN child_outcomes t ON t.child_id = ch.id AND t.point = 'three_months' "
        "LEFT JOIN child_outcomes w ON w.child_id = ch.id AND w.point = 'twelve_months' "
        "WHERE c.referred_on BETWEEN :start AND :end{scope} ORDER BY c.referred_on, c.id, ch.id"), period, scope)


def version(db):
    """The database file and the number its triggers (migration m025) move on whenever something a report counts
    changes: together, what a report worked out before is still true for."""
    return tuple(db.execute("SELECT (SELECT file FROM pragma_database_list WHERE name = 'main'), n "
                            "FROM report_version WHERE id = 1").fetchone())
