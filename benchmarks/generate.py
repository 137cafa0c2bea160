"""Generate a national-scale history of FGC cases into a fresh SQLite file, for the load benchmark.

Run:  .venv/bin/python benchmarks/generate.py --cases 20000 --out /tmp/fgc-20000.sqlite [--open 390] [--seed 7]

The file is made with the app's own schema (``fgc.db.connect`` and the real migrations), then filled
table by table with fictional cases: about 390 open (spread over the stages and ~30 coordinators, some
urgent, some overdue) and the rest closed history over ten years back from today. Each case has its
children, network, professionals, consents, the s.31ZA offer where it applies, the baseline and its
items, meetings with attendance and scales, a plan with tasks, resources, frozen versions (content and
SHA-256 exactly as the app computes them), reviews, family links, stage history and about 300 audit
events, most of them staff reading the case. Open cases' next deadlines are computed by the app's own
``fgc.domain.due_dates``.

Rows are written with explicit ids in big batches, with ``synchronous=OFF`` and no journal while the
file is built (the finished file is in WAL mode like any other); the audit trail's two indexes are
dropped while it loads and made again exactly as the migrations define them.

Beside the file, ``PATH.json`` names who to sign in as (one password for everyone), a representative
open case and a common surname to search for. ``--check`` then checks the file: integrity and foreign
keys, the search index against what the app would write, frozen versions against the app's own plan
document, and every benchmarked page (through the test client) for the sidecar's users.

``--app-dir`` generates with another checkout's ``fgc`` (its migrations, hashing and deadlines); tables
or columns that checkout's schema lacks are left out.
"""

import argparse
import bisect
import datetime
import functools
import hashlib
import json
import os
import random
import sqlite3
import string
import sys
import time
from operator import itemgetter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fiction as F

PASSWORD = "benchmark heron quarry lantern"
DOMAIN = "bench.example.org"
NOCASE = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

# Stride id allocation: each case owns a block of ids in every table, so chunks never need to agree on ids.
STRIDE = {"children": 4, "pr_holders": 2, "people": 32, "professionals": 8, "danger_statements": 16,
          "consents": 4, "baseline_items": 8, "meetings": 4, "meeting_changes": 4, "exclusion_changes": 4,
          "scales": 128, "plan_tasks": 16, "plan_resources": 4, "plan_versions": 4, "plan_reviews": 2,
          "family_links": 4, "family_acknowledgements": 4, "family_task_updates": 8, "stage_changes": 16}

COLUMNS = {
    "cases": ("id", "reference", "stage", "resume_stage", "urgent", "urgency_reason", "sections_done", "created_by",
              "referrer_name", "referrer_organisation", "referrer_contact", "social_worker_id", "coordinator_id",
              "referred_on", "allocated_on", "legal_status", "plo_date", "court_date", "current_risks", "past_risks",
              "risk_details", "reason", "decision_sought", "interpreter_language", "cultural_needs",
              "coordinator_preferences", "manager_name", "manager_signed_off_on", "plan_agreed_on", "closed_on",
              "closure_living_with", "closure_proceedings", "closure_notes", "version", "created_at", "updated_at"),
    "children": ("id", "case_id", "name", "date_of_birth", "gender", "ethnicity", "first_language", "needs"),
    "pr_holders": ("id", "case_id", "name", "relationship"),
    "stage_changes": ("id", "case_id", "from_stage", "to_stage", "user_id", "at", "note"),
    "offers": ("case_id", "offered_on", "in_letter_before_proceedings", "letter_date", "response", "response_on",
               "exception_reason", "exception_decided_by", "exception_decided_on", "version", "updated_at"),
    "consents": ("id", "case_id", "given_by", "basis", "given_on", "may_share", "share_with", "withdrawn_on",
                 "withdrawn_by", "recorded_by", "created_at"),
    "baselines": ("case_id", "held_on", "attendees", "objective", "recorded_by", "version", "updated_at"),
    "baseline_items": ("id", "case_id", "kind", "text", "created_at"),
    "meetings": ("id", "case_id", "kind", "uid", "sequence", "status", "starts_at", "ends_at", "venue", "address",
                 "access_notes", "interpreter_language", "remote_details", "held_on", "version", "created_by",
                 "created_at", "updated_at"),
    "meeting_changes": ("id", "meeting_id", "starts_at", "ends_at", "venue", "change", "reason", "user_id", "at"),
    "people": ("id", "case_id", "name", "side", "roles", "phone", "email", "address", "address_hidden", "language",
               "needs", "invitation", "invitation_on", "written_views", "excluded", "exclusion_reason",
               "exclusion_approved_by", "excluded_on", "version", "created_at", "updated_at"),
    "relationships": ("person_id", "child_id", "relationship"),
    "exclusion_changes": ("id", "person_id", "change", "reason", "approved_by", "user_id", "at"),
    "attendance": ("person_id", "meeting_id", "mode", "recorded_by", "at"),
    "professionals": ("id", "case_id", "name", "agency", "role", "contact", "attends", "worried", "working_well",
                      "needs_to_happen", "scale", "scale_reason", "resources", "shared_on", "version", "created_at",
                      "updated_at"),
    "danger_statements": ("id", "professional_id", "danger", "safety_goal", "created_at"),
    "child_views": ("child_id", "wishes", "gathered", "gathered_note", "advocate_name", "attending", "scale",
                    "version", "updated_at"),
    "scales": ("id", "meeting_id", "source", "source_id", "score", "recorded_by", "at"),
    "professional_attendance": ("professional_id", "meeting_id", "mode", "recorded_by", "at"),
    "plans": ("id", "case_id", "number", "status", "contingency", "monitoring", "review_on", "pending_decision",
              "returned_reason", "version", "revision", "created_by", "created_at", "updated_by", "updated_at"),
    "plan_tasks": ("id", "plan_id", "position", "what", "who_people", "who_professionals", "who_other", "by_date",
                   "by_when", "checker", "status", "answers", "version", "updated_by", "updated_at"),
    "plan_item_decisions": ("plan_id", "item_id", "decision", "decided_by", "at"),
    "plan_resources": ("id", "plan_id", "what", "detail", "sign_off_needed", "sign_off", "sign_off_by",
                       "sign_off_at", "sign_off_note", "version", "updated_at"),
    "plan_versions": ("id", "plan_id", "number", "outcome", "content", "sha256", "decided_by", "decided_at",
                      "frozen_at"),
    "plan_reviews": ("id", "plan_id", "version_id", "meeting_id", "held_on", "changes", "started_new_version",
                     "recorded_by", "at"),
    "plan_review_tasks": ("review_id", "task_key", "outcome", "comment"),
    "family_links": ("id", "case_id", "person_id", "token_hash", "pin_hash", "pin_failures", "pin_locked_at",
                     "created_by", "created_at", "expires_at", "revoked_at", "revoked_by", "revoked_reason",
                     "last_viewed_at", "view_count"),
    "family_acknowledgements": ("id", "link_id", "plan_id", "number", "at"),
    "family_task_updates": ("id", "link_id", "plan_id", "number", "task_key", "done", "note", "at"),
    "audit_events": ("at", "user_id", "actor", "action", "record_type", "record_id", "ip", "detail"),
}
# Written in this order, parents before children (foreign keys are checked afterwards, not while loading).
TABLES = tuple(COLUMNS)

OPEN_MIX = [("referred", 25), ("allocated", 35), ("baseline_held", 30), ("preparing", 70),
            ("conference_scheduled", 55), ("conference_held", 30), ("plan_agreed", 45), ("review_scheduled", 50),
            ("review_held", 20), ("on_hold", 15), ("withdrawn", 5), ("declined_by_family", 10)]
CLOSED_MIX = [("full", 50), ("two_reviews", 10), ("agreed", 12), ("conference", 5), ("declined", 10),
              ("withdrawn", 5), ("on_hold", 8)]
PATH = ("referred", "allocated", "baseline_held", "preparing", "conference_scheduled", "conference_held",
        "plan_agreed", "review_scheduled", "review_held")
LEGAL = [("child_in_need", 35), ("child_protection", 30), ("pre_proceedings", 20), ("section_20", 5),
         ("looked_after", 5), ("none", 5)]
# Pages a case is read on, by how often staff open them, and what they are once a plan exists.
BROWSE = [("cases.view", 35), ("network.register", 12), ("cases.timeline", 8), ("cases.referral", 6),
          ("preparation.professionals_list", 6), ("cases.meetings_list", 6), ("cases.preparation", 5)]
BROWSE_PLAN = BROWSE + [("plans.view", 14), ("plan_records.versions", 4), ("plan_records.version", 3),
                        ("links.index", 3)]
SECTIONS = [("family", ["court_date", "legal_status", "plo_date"]),
            ("risks", ["current_risks", "past_risks", "risk_details"]),
            ("purpose", ["decision_sought", "reason"]),
            ("needs", ["coordinator_preferences", "cultural_needs", "interpreter_language"]),
            ("referrer", ["manager_name", "manager_signed_off_on", "referrer_contact", "referrer_name",
                          "referrer_organisation", "social_worker_id"])]
EPOCH = datetime.date(1970, 1, 1)


def weighted(pairs):
    values = [value for value, _ in pairs]
    cumulative, total = [], 0
    for _, weight in pairs:
        total += weight
        cumulative.append(total)
    return values, cumulative, total


def pick(rng, table):
    values, cumulative, total = table
    return values[bisect.bisect_right(cumulative, rng.random() * total)]


def dumps(values):
    """A JSON list of ids or codes as the app's data layer writes it (``json.dumps``, default separators)."""
    if not values:
        return "[]"
    if isinstance(values[0], int):
        return "[" + ", ".join(map(str, values)) + "]"
    return '["' + '", "'.join(values) + '"]'  # codes only: no quotes, backslashes or non-ASCII


class Rand(random.Random):
    """random.Random with a cheaper randint and choice (the generator calls them tens of millions of times)."""

    def randint(self, a, b):
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]


def audit_detail(detail):
    """An audit event's detail exactly as ``fgc.data.audit.add`` writes it (``json.dumps`` with sorted keys, not
    ASCII-escaped), written out by hand for the flat dicts of codes and numbers that most events carry."""
    if not detail:
        return None
    parts = []
    for key in sorted(detail):
        value = detail[key]
        if value is True or value is False or value is None:
            text = "true" if value else "false" if value is False else "null"
        elif type(value) is int:
            text = str(value)
        elif type(value) is str and '"' not in value and "\\" not in value and value.isprintable():
            text = '"' + value + '"'
        else:
            text = json.dumps(value, ensure_ascii=False)
        parts.append('"' + key + '": ' + text)
    return "{" + ", ".join(parts) + "}"


@functools.cache
def ascii_word(text):
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
                   if c.isalnum())


class Clock:
    """Days as integers since 1970 and timestamps as seconds, written the way ``fgc.data.iso`` writes them."""

    def __init__(self, today):
        self.today = (today - EPOCH).days
        self.first = self.today - 40 * 366  # children born up to 17 years before a referral ten years ago
        dates = [(EPOCH + datetime.timedelta(days=day)).isoformat() for day in range(self.first, self.today + 800)]
        hms = [f"T{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]
        micro = [f".{random.Random(n).randrange(1000000):06d}+00:00" for n in range(997)]
        first = self.first
        self.dates = dates

        def iso(ts):
            day, second = divmod(ts, 86400)
            return dates[day - first] + hms[second] + micro[ts % 997]

        self.iso = iso

    def date(self, day):
        return self.dates[day - self.first]

    @staticmethod
    def weekday(day):
        while (day + 3) % 7 >= 5:  # 1970-01-01 was a Thursday
            day += 1
        return day

    @staticmethod
    def weekday_before(day):
        while (day + 3) % 7 >= 5:
            day -= 1
        return day


class Staff:
    """The service's accounts: ids, names, emails; who refers, who coordinates, who manages."""

    def __init__(self, rng, coordinators=30, managers=3, social_workers=300):
        self.rows = []
        used = set()

        def add(role, count):
            ids = []
            for _ in range(count):
                while True:
                    first, last = rng.choice(F.STAFF_FIRST), rng.choice(F.STAFF_LAST)
                    if (first, last) not in used:
                        used.add((first, last))
                        break
                user_id = len(self.rows) + 1
                email = f"{ascii_word(first)}.{ascii_word(last)}{user_id}@{DOMAIN}"
                self.rows.append((user_id, email, f"{first} {last}", role))
                ids.append(user_id)
            return ids

        self.admin = add("admin", 1)[0]
        self.managers = add("manager", managers)
        self.coordinators = add("coordinator", coordinators)
        self.social_workers = add("social_worker", social_workers)
        self.by_id = {row[0]: row for row in self.rows}
        self.contact = {row[0]: (row[1], f"10.20.{row[0] // 250}.{row[0] % 250 + 1}") for row in self.rows}
        # A few social workers refer far more families than the rest.
        self.referrers = weighted([(sw, 6 if n < 5 else 2 if n < 30 else 1) for n, sw in enumerate(self.social_workers)])

    def name(self, user_id):
        return self.by_id[user_id][2]

    def email(self, user_id):
        return self.by_id[user_id][1]


def skeleton(rng, count, open_count, clock, staff):
    """Every case's outline, oldest first: (kind, target, urgent, coordinator, referrer). Closed history first
    in time, open cases last, so ids follow referral order as they do in a real service."""
    open_count = min(open_count, count)
    open_targets = []
    total = sum(weight for _, weight in OPEN_MIX)
    for stage, weight in OPEN_MIX:
        open_targets += [stage] * round(open_count * weight / total)
    while len(open_targets) < open_count:
        open_targets.append("preparing")
    open_targets = open_targets[:open_count]
    closed_kinds = weighted(CLOSED_MIX)
    outline = [("closed", pick(rng, closed_kinds)) for _ in range(count - open_count)]
    outline += [("open", stage) for stage in open_targets]
    coordinators = staff.coordinators
    # Open caseloads are uneven, as they are: a few coordinators carry more.
    heavy = weighted([(c, 3 if n < 4 else 1) for n, c in enumerate(coordinators)])
    cases = []
    for kind, target in outline:
        urgent = rng.random() < 0.1
        coordinator = pick(rng, heavy) if kind == "open" else rng.choice(coordinators)
        cases.append([kind, target, urgent, coordinator, pick(rng, staff.referrers), rng.getrandbits(64)])
    return cases


class Generator:
    """Everything shared by all chunks: the clock, the staff and the outline of every case."""

    def __init__(self, count, open_count, seed, today):
        self.rng = random.Random(seed)
        self.clock = Clock(today)
        self.staff = Staff(self.rng)
        self.cases = skeleton(self.rng, count, open_count, self.clock, self.staff)
        self.seed = seed
        self.cultures = weighted([(name, spec[0]) for name, spec in F.CULTURES.items()])
        self.common = weighted(F.COMMON_SURNAMES)
        self.legal = weighted(LEGAL)
        self.browse = weighted(BROWSE)
        self.browse_plan = weighted(BROWSE_PLAN)
        self.views = {(page, method): audit_detail({"page": page, "method": method})
                      for page, _ in BROWSE_PLAN + [(p, 0) for p in PAGES_FOR_ACTIONS.values()]
                      for method in ("GET", "POST")}
        self.ips = {user_id: contact[1] for user_id, contact in self.staff.contact.items()}
        self.form_views = {action: (self.views[page, "GET"], None if action in NO_POST else self.views[page, "POST"])
                           for action, page in PAGES_FOR_ACTIONS.items()}
        self.years = {}
        self._place_in_time()

    def _place_in_time(self):
        """Give each case its story's days and its referral day, then sort by referral: ids follow time."""
        today = self.clock.today
        placed = []
        for outline in self.cases:
            kind, target, urgent, _coordinator, _referrer, seed = outline
            rng = random.Random(seed)
            days = story_days(rng, urgent)
            steps, end = plan_story(rng, kind, target, days)
            if kind == "closed":
                span = end + 20
                referral = rng.randint(today - 3650, max(today - 3650, today - span))
            else:
                low, high = elapsed_range(rng, target, steps, days)
                referral = today - rng.randint(low, high)
            placed.append((Clock.weekday_before(referral), outline, days, steps))
        placed.sort(key=lambda item: item[0])
        self.cases = []
        counters = {}
        for case_id, (referral, outline, days, steps) in enumerate(placed, start=1):
            year = (EPOCH + datetime.timedelta(days=referral)).year
            counters[year] = counters.get(year, 0) + 1
            reference = f"FGC-{year}-{counters[year]:05d}"
            self.cases.append((case_id, reference, referral, outline, days, steps))


# The page each action is made from: every request about a case is also audited as a read of it.
PAGES_FOR_ACTIONS = {
    "case.child_saved": "referrals.child", "case.pr_holder_added": "referrals.pr_holder",
    "case.referral_updated": "referrals.section", "case.referred": "referrals.submit",
    "case.offer_recorded": "cases.offer", "case.consent_recorded": "cases.add_consent",
    "case.consent_withdrawn": "cases.withdraw_consent", "case.allocated": "cases.allocate",
    "case.baseline_recorded": "cases.baseline", "case.baseline_item_added": "cases.add_item",
    "case.stage_changed": "cases.move", "case.person_saved": "network.person",
    "case.invitation_changed": "network.invitation", "case.person_excluded": "network.exclude",
    "case.professional_saved": "preparation.professional", "case.danger_statement_added": "preparation.add_danger",
    "case.professional_shared": "preparation.shared", "case.child_views_saved": "preparation.child_voice",
    "case.meeting_scheduled": "meetings.schedule", "case.meeting_rescheduled": "meetings.change",
    "case.meeting_held": "meetings.held", "case.attendance_recorded": "network.attendance",
    "case.scales_recorded": "preparation.meeting_scales", "plan.task_saved": "plans.task",
    "plan.item_decision_noted": "plans.item", "plan.resource_saved": "plans.resource",
    "plan.details_saved": "plans.details", "plan.status_changed": "plans.ready", "plan.decided": "plans.decision",
    "plan.resource_signed_off": "plans.sign_off", "plan.review_recorded": "plan_records.review",
    "family.link_created": "links.new", "plan.pdf_downloaded": "plan_records.version_pdf",
    "case.invite_downloaded": "meetings.invite",
}
NO_POST = {"plan.pdf_downloaded", "case.invite_downloaded"}  # GETs themselves


def story_days(rng, urgent):
    """When each step would happen, in days after the referral (weekdays only, relative to day 0)."""
    wd = Clock.weekday
    d = {"referred": 0}
    d["allocated"] = wd(rng.randint(0, 1) if urgent else rng.randint(1, 3))
    d["baseline_held"] = wd(d["allocated"] + (rng.randint(0, 1) if urgent else rng.randint(1, 8)))
    d["preparing"] = wd(d["baseline_held"] + rng.randint(0, 3))
    d["conference_scheduled"] = wd(d["preparing"] + rng.randint(2, 12))
    d["conference"] = wd(max(d["conference_scheduled"] + 7, rng.randint(25, 62)))
    d["conference_held"] = d["conference"]
    d["plan_agreed"] = wd(d["conference"] + rng.randint(0, 10))
    d["review_scheduled"] = wd(d["plan_agreed"] + rng.randint(30, 60))
    d["review"] = wd(d["plan_agreed"] + rng.randint(80, 100))
    d["review_held"] = d["review"]
    d["review2_scheduled"] = wd(d["review"] + rng.randint(10, 30))
    d["review2"] = wd(d["review"] + rng.randint(80, 100))
    return d


def plan_story(rng, kind, target, days):
    """The stages a case passes through as [(stage, day after referral)], and the day its story ends."""
    def through(stage):
        return [(step, days[step]) for step in PATH[:PATH.index(stage) + 1]]

    if kind == "open":
        if target in ("on_hold", "withdrawn", "declined_by_family"):
            before = {"on_hold": ["allocated", "baseline_held", "preparing", "conference_held", "plan_agreed"],
                      "withdrawn": ["allocated", "baseline_held", "preparing"],
                      "declined_by_family": ["allocated", "baseline_held", "preparing"]}[target]
            steps = through(rng.choice(before))
            steps.append((target, steps[-1][1] + rng.randint(1, 10)))
        else:
            steps = through(target)
        return steps, steps[-1][1]
    kind = target  # a closed case's kind of story
    if kind in ("full", "two_reviews", "agreed", "conference"):
        last = {"full": "review_held", "two_reviews": "review_held", "agreed": "plan_agreed",
                "conference": "conference_held"}[kind]
        steps = through(last)
        if kind == "two_reviews":
            steps += [("review_scheduled", days["review2_scheduled"]), ("review_held", days["review2"])]
    else:
        before = {"declined": ["allocated", "baseline_held", "preparing"],
                  "withdrawn": ["allocated", "baseline_held", "preparing", "conference_scheduled"],
                  "on_hold": ["allocated", "baseline_held", "preparing", "conference_held", "plan_agreed"]}[kind]
        steps = through(rng.choice(before))
        paused = {"declined": "declined_by_family", "withdrawn": "withdrawn", "on_hold": "on_hold"}[kind]
        steps.append((paused, steps[-1][1] + rng.randint(1, 10)))
    steps.append(("closed", Clock.weekday(steps[-1][1] + rng.randint(5, 40))))
    return steps, steps[-1][1]


def elapsed_range(rng, target, steps, days):
    """How long ago (days) an open case at ``target`` could have been referred: after its last step, and
    before the meeting it waits for. Some wait long enough to fall overdue."""
    reached = steps[-1][1]
    dwell = {"referred": 4, "allocated": 12, "baseline_held": 4, "preparing": 30, "conference_held": 14,
             "plan_agreed": 110, "review_held": 20, "on_hold": 60, "withdrawn": 40, "declined_by_family": 30}
    if target == "conference_scheduled":
        return reached, max(reached, days["conference"] - 1)
    if target == "review_scheduled":
        return reached, max(reached, days["review"] - 1)
    return reached, reached + dwell[target]


class Chunk:
    """The rows of a run of consecutive cases, table by table, ready for executemany."""

    def __init__(self, gen):
        self.gen = gen
        self.rows = {table: [] for table in TABLES}
        self.search = []


class CaseStory:
    """One case, written as the app would have recorded it over its life."""

    def __init__(self, gen, chunk, case):
        self.gen, self.chunk = gen, chunk
        self.case_id, self.reference, self.referral, outline, self.days, self.steps = case
        self.kind, self.target, self.urgent, self.coordinator, self.referrer, seed = outline
        self.rng = Rand(seed ^ self.gen.seed)
        self.clock = gen.clock
        self.iso = gen.clock.iso
        self.rows = chunk.rows
        self.audit = chunk.rows["audit_events"]
        self.cid = str(self.case_id)
        self.ids = {}
        self.reached = {stage: self.referral + day for stage, day in self.steps}
        self.stages = [stage for stage, _ in self.steps]
        self.closed = self.kind == "closed"

    # --- ids and times ------------------------------------------------------------------------

    def new_id(self, table):
        n = self.ids.get(table, 0)
        self.ids[table] = n + 1
        return self.case_id * STRIDE[table] + n

    def at(self, day, early=8 * 3600 + 30 * 60, late=17 * 3600 + 30 * 60):
        return day * 86400 + self.rng.randint(early, late)

    # --- the audit trail -------------------------------------------------------------------------

    def event(self, ts, user, action, detail=None):
        """An action's audit event, with the reads of the page it was made from (every request about a case is
        audited as a read of it): the form most of the time, and the POST a second before the event."""
        email, ip = self.gen.staff.contact[user]
        append, iso, cid = self.audit.append, self.iso, self.cid
        views = self.gen.form_views.get(action)
        if views:
            get, post = views
            if post is None:
                append((iso(ts - 1), user, email, "case.viewed", "case", cid, ip, get))
            else:
                if self.rng.random() < 0.6:
                    append((iso(ts - 20 - int(self.rng.random() * 880)), user, email, "case.viewed", "case", cid, ip,
                            get))
                append((iso(ts - 1), user, email, "case.viewed", "case", cid, ip, post))
        append((iso(ts), user, email, action, "case", cid, ip,
                detail if isinstance(detail, str) or detail is None else audit_detail(detail)))

    def family_event(self, ts, link_id, action, detail):
        self.audit.append((self.iso(ts), None, f"family link {link_id}", action, "case", self.cid,
                           f"192.0.2.{self.rng.randint(1, 254)}", audit_detail(detail)))

    def browse(self, count, start, end, plan_from):
        """Staff reading the case between two moments: mostly its coordinator, then the referrer and managers."""
        rng, gen, audit = self.rng, self.gen, self.audit
        staff = gen.staff.by_id
        coordinator = self.coordinator if "allocated" in self.reached else None
        readers = ([coordinator] * 6 if coordinator else []) + [self.referrer] * 3 + \
            [self.social_worker] + [rng.choice(gen.staff.managers)] * 2
        if end <= start:
            end = start + 3600
        for _ in range(count):
            ts = rng.randint(start, end)
            day, second = divmod(ts, 86400)
            if (day + 3) % 7 >= 5 or not 28800 <= second <= 64800:
                ts = self.at(Clock.weekday(day))
            user = rng.choice(readers)
            page = pick(rng, gen.browse_plan if plan_from and ts >= plan_from else gen.browse)
            audit.append((self.iso(ts), user, staff[user][1], "case.viewed", "case", self.cid, gen.ips[user],
                          gen.views[page, "GET"]))

    def after(self, day, **hours):
        """A moment on ``day``, but after the last step the case took (two steps can fall on one day)."""
        ts = max(self.at(day, **hours), self.cursor + self.rng.randint(300, 3600))
        self.cursor = ts
        return ts

    def stage(self, ts, from_stage, to_stage, user, note=""):
        self.cursor = max(self.cursor, ts)
        self.last_case_update = max(self.last_case_update, ts)
        self.rows["stage_changes"].append((self.new_id("stage_changes"), self.case_id, from_stage, to_stage, user,
                                           self.iso(ts), note))

    # --- the story -----------------------------------------------------------------------------

    def build(self):
        rng = self.rng
        self.social_worker = self.referrer if rng.random() < 0.9 else rng.choice(self.gen.staff.social_workers)
        self.manager = rng.choice(self.gen.staff.managers)
        self.culture = pick(rng, self.gen.cultures)
        _w, self.female, self.male, surnames, self.languages = F.CULTURES[self.culture]
        welsh_or_english = self.culture in ("welsh", "english")
        self.surname = pick(rng, self.gen.common) if welsh_or_english and rng.random() < 0.45 \
            else rng.choice(surnames)
        self.other_surnames = surnames
        self.legal = pick(rng, self.gen.legal)
        self.last_case_update = 0
        self.case_version = 1
        self.referral_part()
        self.consent_part()
        self.people, self.team, self.items, self.meetings, self.meeting_rows = [], [], [], [], []
        self.views = {}
        self.plan = None
        self.conference = None
        self.conference_modes = {}
        if "allocated" in self.reached:
            self.allocation_part()
        else:
            self.network_part(parents_only=True)
        if "baseline_held" in self.reached:
            self.baseline_part()
        if "preparing" in self.reached:
            self.preparation_part()
        self.invitations_part()
        if "conference_scheduled" in self.reached:
            self.conference_part()
        if "conference_held" in self.reached:
            self.plan_part()
        self.pause_and_close_part()
        self.reading_part()
        self.case_row()
        self.chunk.search.append((self.case_id, self.reference, " | ".join(
            [child["name"] for child in self.children] + [name for _, name, _ in self.pr_holders] +
            [person["name"] for person in sorted(self.people, key=lambda p: p["id"])])))

    def first_name(self, gender):
        return self.rng.choice(self.female if gender == "F" else self.male)

    def referral_part(self):
        """The social worker's referral: children, people with parental responsibility, five sections, sent."""
        rng, sw = self.rng, self.referrer
        start = self.referral - rng.randint(0, 3)
        ts = self.at(Clock.weekday_before(start), late=12 * 3600)
        self.created_ts = ts
        self.event(ts, sw, "case.draft_started", {"reference": self.reference})
        self.children = []
        count = pick(rng, CHILD_COUNTS)
        for _ in range(count):
            gender = rng.choice("FM")
            child = {"id": self.new_id("children"), "name": f"{self.first_name(gender)} {self.surname}",
                     "gender": "Female" if gender == "F" else "Male",
                     "date_of_birth": self.clock.date(self.referral - rng.randint(200, 17 * 365))}
            self.children.append(child)
            self.rows["children"].append((child["id"], self.case_id, child["name"], child["date_of_birth"],
                                          child["gender"], rng.choice(ETHNICITY[self.culture]),
                                          rng.choice(self.languages), "" if rng.random() < 0.8 else
                                          rng.choice(["Autistic; prefers written questions", "Asthma",
                                                      "Speech and language therapy"])))
            ts += rng.randint(60, 600)
            self.event(ts, sw, "case.child_saved", f'{{"added": true, "child_id": {child["id"]}}}')
        self.mother = f"{self.first_name('F')} {self.surname if rng.random() < 0.7 else rng.choice(self.other_surnames)}"
        self.father = f"{self.first_name('M')} {self.surname}"
        self.pr_holders = [(self.new_id("pr_holders"), self.mother, "Mother")]
        if rng.random() < 0.6:
            self.pr_holders.append((self.new_id("pr_holders"), self.father, "Father"))
        for holder_id, name, relationship in self.pr_holders:
            self.rows["pr_holders"].append((holder_id, self.case_id, name, relationship))
            ts += rng.randint(60, 600)
            self.event(ts, sw, "case.pr_holder_added", f'{{"pr_holder_id": {holder_id}}}')
        for section, fields in SECTIONS:
            ts += rng.randint(120, 1800)
            self.event(ts, sw, "case.referral_updated", {"section": section, "fields": fields})
            self.case_version += 1
        self.submitted_ts = max(ts + 60, self.at(self.referral))
        self.cursor = self.submitted_ts
        self.stage(self.submitted_ts, "draft", "referred", sw)
        self.event(self.submitted_ts, sw, "case.referred")
        self.case_version += 1
        self.last_case_update = self.submitted_ts
        if self.legal == "pre_proceedings":
            letter = Clock.weekday_before(self.referral - 7)
            answered = min(letter + 3, self.referral)
            self.offer = (self.case_id, self.clock.date(letter), 1, self.clock.date(letter),
                          rng.choice(["accepted"] * 8 + ["declined"]), self.clock.date(answered), "", "", None, 1,
                          self.iso(self.submitted_ts + 600))
            self.rows["offers"].append(self.offer)
            self.event(self.submitted_ts + 600, sw, "case.offer_recorded",
                       {"offer_made": True, "response": self.offer[4]})

    def consent_part(self):
        rng = self.rng
        self.consents = []
        for n in range(1 if rng.random() < 0.7 else 2):
            consent_id = self.new_id("consents")
            given = min(self.referral + rng.randint(0, 3), self.clock.today)
            by = self.mother if n == 0 else self.father
            recorder = self.referrer
            ts = max(self.at(given), self.submitted_ts + 60)
            self.consents.append([consent_id, self.case_id, by, "parental_responsibility", self.clock.date(given),
                                  "The referral, the baseline note and professionals’ reports",
                                  "Family members invited to the conference, and the professionals attending",
                                  None, "", recorder, self.iso(ts)])
            self.event(ts, recorder, "case.consent_recorded", {"consent_id": consent_id,
                                                               "basis": "parental_responsibility"})

    def allocation_part(self):
        ts = self.after(self.reached["allocated"])
        self.stage(ts, "referred", "allocated", self.manager)
        self.event(ts, self.manager, "case.allocated", {"coordinator_id": self.coordinator, "reallocated": False})
        self.allocated_ts = ts
        self.network_part(parents_only=False)

    def person(self, name, side, roles, label, ts, *, kids=None, gender="F"):
        rng = self.rng
        person_id = self.new_id("people")
        kids = kids if kids is not None else [child["id"] for child in self.children]
        phone = f"07700 900{rng.randint(0, 999):03d}" if rng.random() < 0.9 else ""
        email = f"{ascii_word(name.split()[0])}.{ascii_word(name.split()[-1])}{person_id % 97}@example.org" \
            if rng.random() < 0.5 and ascii_word(name) else ""
        town, district = rng.choice(F.TOWNS)
        address = f"{rng.randint(1, 60)} {rng.choice(F.STREETS)}, {town} {district} {rng.randint(1, 9)}ZZ (fictional)" \
            if rng.random() < 0.75 else ""
        person = {"id": person_id, "name": name, "side": side, "roles": sorted(set(roles)), "excluded": False,
                  "relationships": [(kid, label) for kid in kids], "invitation": "not_contacted",
                  "invitation_on": None, "written_views": "", "phone": phone, "email": email, "address": address,
                  "hidden": int(bool(address) and "parent" in roles and rng.random() < 0.08),
                  "language": rng.choice(self.languages), "needs": rng.choice(F.NEEDS) if rng.random() < 0.15 else "",
                  "created": ts, "updated": ts, "version": 1, "exclusion": None, "gender": gender}
        self.people.append(person)
        self.event(ts, self.coordinator if "allocated" in self.reached else self.referrer, "case.person_saved",
                   f'{{"added": true, "person_id": {person_id}}}')
        return person

    def network_part(self, parents_only):
        """The family network: parents first, then grandparents, aunts and uncles, cousins and friends."""
        rng = self.rng
        ts = (self.allocated_ts if not parents_only else self.submitted_ts) + rng.randint(3600, 3 * 86400)
        ts = self.at(Clock.weekday(ts // 86400))
        step = lambda: rng.randint(60, 900)
        self.person(self.mother, "maternal", ["pr_holder", "parent"], "Mother", ts)
        if len(self.pr_holders) > 1 or rng.random() < 0.6:
            roles = ["pr_holder", "parent"] if len(self.pr_holders) > 1 else ["parent"]
            ts += step()
            self.person(self.father, "paternal", roles, "Father", ts, gender="M")
        if parents_only:
            return
        target = rng.randint(8, 25)
        fixed = [("F", "maternal", self.mother.split()[-1], GRAND[self.culture][0], 0.85),
                 ("M", "maternal", self.mother.split()[-1], GRAND[self.culture][1], 0.6),
                 ("F", "paternal", self.surname, GRAND[self.culture][0], 0.7),
                 ("M", "paternal", self.surname, GRAND[self.culture][1], 0.5)]
        for gender, side, surname, label, chance in fixed:
            if len(self.people) < target and rng.random() < chance:
                ts += step()
                self.person(f"{self.first_name(gender)} {surname}", side, ["relative"], label, ts, gender=gender)
        while len(self.people) < target:
            roll = rng.random()
            gender = rng.choice("FM")
            side = rng.choice(["maternal", "paternal"])
            family = self.mother.split()[-1] if side == "maternal" else self.surname
            if roll < 0.45:
                label, surname, roles = ("Aunt" if gender == "F" else "Uncle"), family, ["relative"]
            elif roll < 0.75:
                label, surname, roles = "Cousin", (family if rng.random() < 0.5 else rng.choice(self.other_surnames)), \
                    ["relative"]
            elif roll < 0.9:
                label, surname, roles, side = "Family friend", rng.choice(self.other_surnames), ["friend"], "neither"
            elif roll < 0.95:
                label, surname, roles, side = "Neighbour", rng.choice(F.STAFF_LAST), ["support"], "neither"
            else:
                label, surname, roles, side = "Advocate", rng.choice(F.STAFF_LAST), ["advocate"], "neither"
            ts += step()
            self.person(f"{self.first_name(gender)} {surname}", side, roles, label, ts, gender=gender)
        # Now and then someone is excluded because of risk, approved by a manager.
        if rng.random() < 0.25 and len(self.people) > 3:
            person = rng.choice(self.people[2:])
            ts += rng.randint(3600, 86400)
            person["excluded"] = True
            person["exclusion"] = (rng.choice(F.EXCLUSION_REASONS), self.gen.staff.name(self.manager),
                                   self.clock.date(ts // 86400), ts)
            person["version"] += 1
            self.rows["exclusion_changes"].append((self.new_id("exclusion_changes"), person["id"], "excluded",
                                                   person["exclusion"][0], person["exclusion"][1], self.coordinator,
                                                   self.iso(ts)))
            self.event(ts, self.coordinator, "case.person_excluded", f'{{"person_id": {person["id"]}}}')

    def baseline_part(self):
        rng, day = self.rng, self.reached["baseline_held"]
        ts = self.after(day)
        self.stage(ts, "allocated", "baseline_held", self.coordinator)
        self.event(ts, self.coordinator, "case.baseline_recorded", {"first": True})
        child = self.children[0]["name"].split()[0]
        self.objective = rng.choice(F.OBJECTIVES).format(child=child)
        attendees = (f"{self.gen.staff.name(self.coordinator)} (coordinator), "
                     f"{self.gen.staff.name(self.referrer)} (social worker)")
        self.rows["baselines"].append((self.case_id, self.clock.date(day), attendees, self.objective,
                                       self.coordinator, 1, self.iso(ts)))
        for kind, pool, low, high in (("question", F.QUESTIONS, 1, 3), ("bottom_line", F.BOTTOM_LINES, 1, 3),
                                      ("resource", F.RESOURCES_OFFERED, 0, 2)):
            for text in rng.sample(pool, rng.randint(low, high)):
                item_id = self.new_id("baseline_items")
                ts += rng.randint(60, 600)
                self.items.append((item_id, kind, text.format(child=child)))
                self.rows["baseline_items"].append((item_id, self.case_id, kind, text.format(child=child),
                                                    self.iso(ts)))
                self.event(ts, self.coordinator, "case.baseline_item_added",
                           f'{{"item_id": {item_id}, "kind": "{kind}"}}')
        self.items.sort()

    def preparation_part(self):
        """Moving to preparing; then what each professional brings, and each child's views."""
        rng, day = self.rng, self.reached["preparing"]
        ts = self.after(day)
        self.stage(ts, "baseline_held", "preparing", self.coordinator)
        self.event(ts, self.coordinator, "case.stage_changed",
                   {"from": "baseline_held", "to": "preparing", "meetings_cancelled": 0})
        self.case_version += 1
        child = self.children[0]["name"].split()[0]
        until = self.reached.get("conference_scheduled", day + 20)
        held = "conference_held" in self.reached
        agencies = rng.sample(F.AGENCIES, rng.randint(3, 7))
        for agency, role in agencies:
            professional_id = self.new_id("professionals")
            ts = self.at(min(self.clock.today, rng.randint(day, max(day, until))))
            name = f"{rng.choice(F.STAFF_FIRST)} {rng.choice(F.STAFF_LAST)}"
            n = rng.randint(2, 9)
            member = {"id": professional_id, "name": name, "agency": agency, "role": role,
                      "worried": rng.choice(F.WORRIES).format(child=child, n=n),
                      "working_well": rng.choice(F.WORKING_WELL).format(child=child),
                      "needs_to_happen": rng.choice(F.NEEDS_TO_HAPPEN).format(child=child),
                      "attends": rng.choice(["all", "all", "information_sharing"]),
                      "scale": rng.randint(2, 7), "dangers": []}
            self.event(ts, self.coordinator, "case.professional_saved",
                       f'{{"added": true, "professional_id": {professional_id}}}')
            for danger, goal in rng.sample(F.DANGERS, rng.choice([0, 1, 1, 2])):
                danger_id = self.new_id("danger_statements")
                ts += rng.randint(60, 600)
                member["dangers"].append({"id": danger_id, "danger": danger.format(child=child),
                                          "safety_goal": goal.format(child=child)})
                self.rows["danger_statements"].append((danger_id, professional_id, danger.format(child=child),
                                                       goal.format(child=child), self.iso(ts)))
                self.event(ts, self.coordinator, "case.danger_statement_added",
                           f'{{"professional_id": {professional_id}}}')
            shared = None
            if held or rng.random() < 0.5:
                shared_day = min(self.clock.today, max(day + 1, until - rng.randint(1, 5)))
                shared = self.clock.date(shared_day)
                self.event(max(ts + 60, self.at(shared_day)), self.coordinator, "case.professional_shared",
                           f'{{"professional_id": {professional_id}}}')
            self.rows["professionals"].append((
                professional_id, self.case_id, name, agency, role,
                f"{ascii_word(name.split()[0])}.{ascii_word(name.split()[-1])}@example.org",
                member["attends"], member["worried"], member["working_well"], member["needs_to_happen"],
                member["scale"], rng.choice(F.SCALE_REASONS), rng.choice(F.RESOURCES_OFFERED) if rng.random() < 0.3
                else "", shared, 2 + len(member["dangers"]), self.iso(ts), self.iso(ts)))
            self.team.append(member)
        self.team.sort(key=lambda m: (m["name"].translate(NOCASE), m["id"]))
        for child_row in self.children:
            if rng.random() < 0.85:
                ts = self.at(min(self.clock.today, rng.randint(day, max(day, until))))
                gathered = rng.choice(["direct", "direct", "advocate", "letter_or_drawing"])
                view = {"wishes": rng.choice(F.CHILD_WISHES), "gathered": gathered,
                        "advocate": f"{rng.choice(F.STAFF_FIRST)} {rng.choice(F.STAFF_LAST)}"
                        if gathered == "advocate" else "", "scale": rng.randint(3, 9)}
                self.views[child_row["id"]] = view
                self.rows["child_views"].append((child_row["id"], view["wishes"], gathered, "", view["advocate"],
                                                 rng.choice(["yes", "part", "no", "undecided"]), view["scale"], 1,
                                                 self.iso(ts)))
                self.event(ts, self.coordinator, "case.child_views_saved", f'{{"child_id": {child_row["id"]}}}')

    def invitations_part(self):
        """Invitations as far as the stage the case has got to: contacted, invited, confirmed or declined."""
        rng = self.rng
        if "allocated" not in self.reached:
            return
        first = self.reached["allocated"] + 1
        scheduled = "conference_scheduled" in self.reached
        preparing = "preparing" in self.reached
        last = (self.referral + self.days["conference"] if scheduled else self.reached[self.stages[-1]] + 10) - 1

        for person in self.people:
            if person["excluded"]:
                continue
            key = "pr_holder" in person["roles"] or "advocate" in person["roles"]
            if scheduled:
                final = "confirmed" if key else rng.choices(["confirmed", "invited", "declined"], [60, 25, 15])[0]
            elif preparing:
                final = rng.choice(["invited", "confirmed"]) if key else \
                    rng.choices(["contacted", "invited", "confirmed", "not_contacted", "declined"],
                                [35, 30, 15, 12, 8])[0]
            else:
                final = "contacted" if key or rng.random() < 0.3 else "not_contacted"
            if final == "not_contacted":
                continue
            chain = {"contacted": ["contacted"], "invited": ["contacted", "invited"],
                     "confirmed": ["contacted", "invited", "confirmed"], "declined": ["contacted", "declined"]}[final]
            day = first
            for status in chain:
                day = min(self.clock.today, max(day, rng.randint(first, max(first, last))))
                ts = self.at(Clock.weekday_before(day) if day >= self.clock.today else Clock.weekday(day))
                ts = max(ts, person["created"] + 60)
                self.event(ts, self.coordinator, "case.invitation_changed",
                           f'{{"invitation": "{status}", "person_id": {person["id"]}}}')
                person["invitation"], person["invitation_on"] = status, self.clock.date(ts // 86400)
                person["version"] += 1
                person["updated"] = max(person["updated"], ts)

    def meeting(self, kind, scheduled_day, day, *, status):
        """A conference or review: scheduled on ``scheduled_day`` for ``day``."""
        rng = self.rng
        meeting_id = self.new_id("meetings")
        venue, address, access = rng.choice(F.VENUES)
        start_h = 10 if kind == "conference" else 14
        ts = self.after(scheduled_day)
        starts = day * 86400 + start_h * 3600
        ends = starts + (3 if kind == "conference" else 1) * 3600 + (0 if kind == "conference" else 1800)
        sequence = 0
        self.event(ts, self.coordinator, "case.meeting_scheduled", {"meeting_id": meeting_id, "kind": kind})
        self.stage(ts, "preparing" if kind == "conference" else self.stages_before(kind), f"{kind}_scheduled",
                   self.coordinator)
        if rng.random() < 0.12 and day - scheduled_day > 7:
            sequence = 1
            old = starts - 7 * 86400
            self.rows["meeting_changes"].append((self.new_id("meeting_changes"), meeting_id,
                                                 self.clock.iso(old), self.clock.iso(old + 3 * 3600), venue,
                                                 "rescheduled", "The family asked for a later date", self.coordinator,
                                                 self.iso(ts + 86400)))
            self.event(ts + 86400, self.coordinator, "case.meeting_rescheduled", {"meeting_id": meeting_id,
                                                                                  "kind": kind})
        if rng.random() < 0.3:
            self.event(ts + 600, self.coordinator, "case.invite_downloaded",
                       {"meeting_id": meeting_id, "sequence": sequence, "kind": kind.capitalize()})
        meeting = {"id": meeting_id, "kind": kind, "starts_at": self.clock.iso(starts), "status": status,
                   "held_on": self.clock.date(day) if status == "held" else None, "day": day}
        self.meeting_rows.append([meeting_id, self.case_id, kind, f"{self._uuid(meeting_id)}@fgc.invalid", sequence, status,
                                      meeting["starts_at"], self.clock.iso(ends), venue, address, access,
                                      "", "", meeting["held_on"], 1 + sequence + (status != "scheduled"),
                                      self.coordinator, self.iso(ts), self.iso(ts)])
        self.meetings.append(meeting)
        return meeting

    def stages_before(self, kind):
        return "plan_agreed" if not any(m["kind"] == "review" for m in self.meetings) else "review_held"

    def _uuid(self, meeting_id):
        """A version 4 UUID (a meeting's calendar UID), unique because its last part is the meeting's id."""
        text = f"{self.rng.getrandbits(80):020x}"
        return f"{text[:8]}-{text[8:12]}-4{text[13:16]}-a{text[17:20]}-{meeting_id:012x}"

    def held(self, meeting, kind):
        """The meeting held: the move, who took part, and everyone's scales."""
        rng = self.rng
        ts = max(meeting["day"] * 86400 + (13 if kind == "conference" else 16) * 3600 + rng.randint(0, 3600),
                 self.cursor + 600)
        from_stage = f"{kind}_scheduled"
        self.stage(ts, from_stage, f"{kind}_held", self.coordinator)
        self.event(ts, self.coordinator, "case.meeting_held", {"meeting_id": meeting["id"], "kind": kind})
        modes = {}
        for person in self.people:
            status = person["invitation"]
            if status == "not_contacted":
                continue
            if status == "confirmed" and not person["excluded"]:
                mode = rng.choices(["in_person", "remote", "did_not_attend"], [72, 20, 8])[0]
            elif status in ("invited", "declined") and not person["excluded"]:
                mode = "written_views" if rng.random() < 0.4 else "did_not_attend"
            else:
                continue
            if kind == "review" and status != "confirmed":
                continue
            modes[person["id"]] = mode
            if mode == "written_views" and not person["written_views"]:
                person["written_views"] = rng.choice(F.WRITTEN_VIEWS).format(
                    child=self.children[0]["name"].split()[0])
        ts += rng.randint(600, 7200)
        recorded = self.iso(ts)
        for person_id, mode in modes.items():
            self.rows["attendance"].append((person_id, meeting["id"], mode, self.coordinator, recorded))
        for member in self.team:
            mode = rng.choices(["in_person", "remote", "written_views", "did_not_attend"], [50, 30, 15, 5])[0]
            self.rows["professional_attendance"].append((member["id"], meeting["id"], mode, self.coordinator,
                                                         recorded))
        self.event(ts, self.coordinator, "case.attendance_recorded", {"meeting_id": meeting["id"]})
        ts += rng.randint(60, 1800)
        recorded = self.iso(ts)
        bump = 0 if kind == "conference" else 2
        for person_id, mode in modes.items():
            if mode in ("in_person", "remote"):
                self.rows["scales"].append((self.new_id("scales"), meeting["id"], "family", person_id,
                                            min(10, rng.randint(3, 7) + bump), self.coordinator, recorded))
        for member in self.team:
            self.rows["scales"].append((self.new_id("scales"), meeting["id"], "professional", member["id"],
                                        min(10, member["scale"] + bump), self.coordinator, recorded))
        for child_id, view in self.views.items():
            self.rows["scales"].append((self.new_id("scales"), meeting["id"], "child", child_id,
                                        min(10, view["scale"] + bump // 2), self.coordinator, recorded))
        self.event(ts, self.coordinator, "case.scales_recorded", {"meeting_id": meeting["id"]})
        return modes

    def conference_part(self):
        held = "conference_held" in self.reached
        scheduled_day = self.reached["conference_scheduled"]
        day = self.days["conference"] + self.referral
        if not held and self.closed:
            day = min(day, self.reached[self.stages[-1]] + 5)
        meeting = self.meeting("conference", scheduled_day, day, status="held" if held else "scheduled")
        self.conference = meeting
        if held:
            self.conference_modes = self.held(meeting, "conference")

    # --- the plan ------------------------------------------------------------------------------------

    def plan_part(self):
        """The family's plan from the conference: tasks answering every bottom line and question, resources,
        the rest of the plan; then the referrer's decisions, frozen as versions, and any reviews."""
        rng = self.rng
        day = self.reached["conference_held"]
        plan_id = self.case_id
        ts = self.at(Clock.weekday(day + rng.randint(0, 2)))
        start_ts = ts
        child = self.children[0]["name"].split()[0]
        helpers = [p for p in self.people if not p["excluded"] and "parent" not in p["roles"]] or \
            [p for p in self.people if not p["excluded"]]
        must = [item for item in self.items if item[1] in ("bottom_line", "question")]
        dangers = [danger["id"] for member in self.team for danger in member["dangers"]]
        count = max(rng.randint(4, 10), len(must) + 1)
        tasks = []
        # Now and then the referrer declines the first version; the last task is added after that.
        declined_first = "plan_agreed" in self.reached and rng.random() < 0.15 and \
            Clock.weekday(day + 3) < min(self.reached["plan_agreed"], self.clock.today)
        decisions = {}
        if must and rng.random() < 0.2:
            item = must[-1]
            decisions[item[0]] = "The family agreed this at the conference; no task is needed."
            must = must[:-1]
        for position in range(1, count + 1):
            what, by_when, checker = rng.choice(F.TASKS)
            who = rng.sample(helpers, min(len(helpers), rng.choice([1, 1, 2])))
            names = " and ".join(person["name"].split()[0] for person in who) or "The family"
            answers = []
            if must:
                answers.append(f"item:{must[(position - 1) % len(must)][0]}")
            if dangers and rng.random() < 0.4:
                answers.append(f"danger:{rng.choice(dangers)}")
            answers = sorted(set(answers), key=answers.index)
            by_date = self.clock.date(Clock.weekday(day + rng.randint(7, 60))) if rng.random() < 0.4 else None
            task = {"id": self.new_id("plan_tasks"), "position": position, "what": what.format(person=names,
                                                                                                 child=child),
                    "who_people": [p["id"] for p in who],
                    "who_professionals": [self.team[0]["id"]] if self.team and rng.random() < 0.2 else [],
                    "who_other": "", "by_date": by_date, "by_when": by_when, "checker": checker,
                    "status": "not_started", "answers": answers, "version": 1, "ts": ts}
            ts += rng.randint(120, 1200)
            task["ts"] = ts
            tasks.append(task)
            if not (declined_first and position == count):
                self.event(ts, self.coordinator, "plan.task_saved", f'{{"added": true, "task_id": {task["id"]}}}')
        for item_id in decisions:
            ts += rng.randint(60, 600)
            self.event(ts, self.coordinator, "plan.item_decision_noted", {"item_id": item_id, "cleared": False})
        resources = []
        for what, detail, sign_off in rng.sample(F.RESOURCE_REQUESTS, rng.choice([0, 1, 1, 2])):
            resource = {"id": self.new_id("plan_resources"),
                        "what": what.format(person=helpers[0]["name"].split()[0] if helpers else "Nain"),
                        "detail": detail, "sign_off_needed": sign_off, "sign_off": None, "sign_off_by": None,
                        "sign_off_at": None, "sign_off_note": "", "version": 1}
            ts += rng.randint(60, 900)
            resource["ts"] = ts
            resources.append(resource)
            self.event(ts, self.coordinator, "plan.resource_saved",
                       f'{{"added": true, "resource_id": {resource["id"]}}}')
        person = helpers[0]["name"].split()[0] if helpers else "Nain"
        review_day = self.days["review"] + self.referral
        plan = {"id": plan_id, "number": 1, "status": "draft", "contingency":
                rng.choice(F.CONTINGENCIES).format(person=person, child=child),
                "monitoring": rng.choice(F.MONITORING).format(person=person), "review_on": self.clock.date(review_day),
                "returned_reason": "", "version": 2, "revision": 1 + len(tasks) + len(resources) + len(decisions),
                "created": start_ts, "updated_by": self.coordinator, "tasks": tasks, "resources": resources,
                "decisions": decisions, "versions": [], "reviews": []}
        ts += rng.randint(60, 900)
        self.event(ts, self.coordinator, "plan.details_saved")
        plan["revision"] += 1
        plan["updated"] = ts
        self.plan = plan
        if "plan_agreed" not in self.reached:
            if rng.random() < 0.4 and not self.closed:
                self.mark_ready(ts + rng.randint(600, 86400))
            return
        agreed_day = self.reached["plan_agreed"]
        if declined_first:
            # The referrer asks for more: the plan goes back, a task is added, then it is agreed.
            decline_day = Clock.weekday(day + 3)
            self.mark_ready(max(self.at(decline_day, late=11 * 3600), plan["updated"] + 300))
            self.decide(max(self.at(decline_day, early=12 * 3600), plan["updated"] + 300), "declined",
                        "The plan needs to say who stays over at weekends.", count_tasks=len(tasks) - 1)
            extra = tasks[-1]
            extra["ts"] = ts = plan["updated"] + rng.randint(1800, 5 * 3600)
            self.event(ts, self.coordinator, "plan.task_saved", f'{{"added": true, "task_id": {extra["id"]}}}')
            plan["revision"] += 1
            plan["updated"] = ts
        ready = max(self.at(agreed_day, late=11 * 3600), plan["updated"] + 300)
        self.mark_ready(ready)
        decided = max(self.at(agreed_day, early=12 * 3600), ready + 300)
        outcome = "agreed" if rng.random() < 0.8 else "agreed_with_changes"
        text = "" if outcome == "agreed" else "Agreed, as long as the weekend stays are checked every month."
        if any(resource["sign_off_needed"] for resource in resources):
            self.event(decided, self.referrer_for_decision(), "plan.decided",
                       {"outcome": outcome, "version": plan["number"]})
            decision = self.decision(outcome, text, decided)
            signed = decided + rng.randint(3600, 3 * 86400)
            for resource in resources:
                if resource["sign_off_needed"]:
                    resource.update(sign_off="approved", sign_off_by=self.manager, sign_off_at=self.iso(signed),
                                    sign_off_note="Approved within the family support budget.", version=2)
                    self.event(signed, self.manager, "plan.resource_signed_off",
                               {"resource_id": resource["id"], "outcome": "approved"})
                    signed += rng.randint(60, 600)
            self.freeze(decision, frozen=signed)
            agreed_ts = signed
        else:
            self.decide(decided, outcome, text)
            agreed_ts = decided
        self.cursor = max(self.cursor, agreed_ts)
        self.stage(agreed_ts, "conference_held", "plan_agreed", self.referrer_for_decision())
        self.plan_agreed_on = self.clock.date(agreed_ts // 86400)
        self.family_links(agreed_ts)
        if rng.random() < 0.35:
            self.event(agreed_ts + rng.randint(3600, 5 * 86400), self.referrer, "plan.pdf_downloaded",
                       {"number": plan["number"], "draft": False})
        if rng.random() < 0.05:
            self.event(agreed_ts + rng.randint(3600, 5 * 86400), self.referrer, "plan.version_verified",
                       {"number": plan["number"], "intact": True})
        reviews = [step for step in self.steps if step[0] == "review_held"]
        scheduled = [step for step in self.steps if step[0] == "review_scheduled"]
        for n, (_, offset) in enumerate(scheduled):
            review_day = self.referral + offset
            held = n < len(reviews)
            day = self.referral + (reviews[n][1] if held else self.days["review"])
            meeting = self.meeting("review", review_day, day, status="held" if held else "scheduled")
            if held:
                self.held(meeting, "review")
                self.review(meeting, new_version=n + 1 < len(scheduled) or (not self.closed and rng.random() < 0.3))

    def referrer_for_decision(self):
        return self.social_worker

    def decision(self, outcome, text, ts):
        return {"outcome": outcome, "text": text, "by": self.gen.staff.name(self.social_worker),
                "by_id": self.social_worker, "at": self.iso(ts)}

    def mark_ready(self, ts):
        plan = self.plan
        plan["status"] = "ready"
        plan["revision"] += 1
        plan["updated"] = ts
        plan["updated_by"] = self.coordinator
        self.event(ts, self.coordinator, "plan.status_changed", {"to": "ready"})

    def decide(self, ts, outcome, text, count_tasks=None):
        plan = self.plan
        self.event(ts, self.social_worker, "plan.decided", {"outcome": outcome, "version": plan["number"]})
        self.freeze(self.decision(outcome, text, ts), frozen=ts, count_tasks=count_tasks)

    def freeze(self, decision, frozen, count_tasks=None):
        """Keep the plan as it stands, as the app does: its document as canonical JSON, with its SHA-256."""
        plan = self.plan
        document = self.document(decision, count_tasks)
        content = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        version_id = self.new_id("plan_versions")
        self.rows["plan_versions"].append((version_id, plan["id"], plan["number"], decision["outcome"], content,
                                           hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest(),
                                           decision["by_id"], decision["at"], self.iso(frozen)))
        plan["versions"].append((version_id, plan["number"], decision["outcome"]))
        plan["revision"] += 1
        plan["updated"], plan["updated_by"] = frozen, decision["by_id"]
        if decision["outcome"] == "declined":
            plan["number"] += 1
            plan["status"] = "draft"
            plan["returned_reason"] = decision["text"]
        else:
            plan["status"] = "agreed"

    def review(self, meeting, new_version):
        """A review of the latest agreed version: how far each task got; perhaps a new version from it,
        which the referrer agrees again unless the case is still open and it is being written now."""
        rng, plan = self.rng, self.plan
        ts = meeting["day"] * 86400 + 17 * 3600 + rng.randint(0, 1800)
        version_id, number, _outcome = [v for v in plan["versions"] if v[2] != "declined"][-1]
        review_id = self.new_id("plan_reviews")
        outcomes = {}
        for task in plan["tasks"]:
            outcome = rng.choices(["done", "in_progress", "not_done"], [50, 35, 15])[0]
            outcomes[task["id"]] = outcome
            self.rows["plan_review_tasks"].append((review_id, task["id"], outcome,
                                                   "" if rng.random() < 0.6 else "Going well, most weeks."))
        started = bool(new_version and plan["status"] == "agreed")
        self.rows["plan_reviews"].append((review_id, plan["id"], version_id, meeting["id"], meeting["held_on"],
                                          rng.choice(F.REVIEW_CHANGES), int(started), self.coordinator, self.iso(ts)))
        self.event(ts, self.coordinator, "plan.review_recorded", {"review_id": review_id, "number": number,
                                                                  "meeting_id": meeting["id"],
                                                                  "new_version": started})
        if not started:
            return
        for task in plan["tasks"]:
            task["status"] = {"done": "done", "in_progress": "in_progress", "not_done": "not_started"}[
                outcomes[task["id"]]]
            task["version"] += 1
            task["ts"] = ts
        plan["number"] += 1
        plan["status"] = "draft"
        plan["returned_reason"] = ""
        plan["revision"] += 1
        plan["updated"] = ts
        if self.closed or rng.random() < 0.5:
            again = Clock.weekday(meeting["day"] + rng.randint(1, 10))
            if again < self.clock.today:
                self.mark_ready(self.at(again, late=11 * 3600))
                self.decide(self.at(again, early=12 * 3600), "agreed", "")

    def family_links(self, agreed_ts):
        """Private links to the agreed plan for one or two people; some have read it and updated a task."""
        rng, plan = self.rng, self.plan
        if rng.random() > 0.4:
            return
        people = [p for p in self.people if not p["excluded"] and p["invitation"] == "confirmed"]
        review_day = self.days["review"] + self.referral
        expires = self.clock.date(review_day + 14) + "T22:59:59.999999+00:00"
        for person in rng.sample(people, min(len(people), rng.choice([1, 1, 2]))):
            link_id = self.new_id("family_links")
            ts = agreed_ts + rng.randint(600, 2 * 86400)
            viewed = rng.random() < 0.7
            views = rng.randint(1, 6) if viewed else 0
            last_view = ts + rng.randint(3600, 10 * 86400) if viewed else None
            self.rows["family_links"].append((link_id, self.case_id, person["id"],
                                              f"{rng.getrandbits(256):064x}", None, 0, None, self.coordinator,
                                              self.iso(ts), expires, None, None, "",
                                              self.iso(last_view) if viewed else None, views))
            self.event(ts, self.coordinator, "family.link_created",
                       {"link_id": link_id, "person_id": person["id"], "pin": False, "expires_at": expires})
            if not viewed:
                continue
            number = plan["number"]
            self.family_event(last_view - 60, link_id, "family.link_opened",
                              {"link_id": link_id, "person_id": person["id"]})
            self.family_event(last_view, link_id, "family.viewed",
                              {"link_id": link_id, "person_id": person["id"], "number": number})
            if rng.random() < 0.6:
                self.rows["family_acknowledgements"].append((self.new_id("family_acknowledgements"), link_id,
                                                             plan["id"], number, self.iso(last_view + 120)))
                self.family_event(last_view + 120, link_id, "family.acknowledged",
                                  {"link_id": link_id, "person_id": person["id"], "number": number})
            mine = [task for task in plan["tasks"] if person["id"] in task["who_people"]]
            if mine and rng.random() < 0.4:
                task = mine[0]
                done = rng.random() < 0.5
                self.rows["family_task_updates"].append((self.new_id("family_task_updates"), link_id, plan["id"],
                                                         number, task["id"], int(done),
                                                         "Done every week so far." if done else "Started this week.",
                                                         self.iso(last_view + 300)))
                self.family_event(last_view + 300, link_id, "family.task_updated",
                                  {"link_id": link_id, "person_id": person["id"], "number": number,
                                   "task_key": task["id"], "done": done})

    def document(self, decision, count_tasks=None):
        """The plan document exactly as ``fgc.domain.plan_document.assemble`` gathers it from these rows."""
        plan, staff = self.plan, self.gen.staff
        people = sorted(self.people, key=lambda p: (p["excluded"], p["name"].translate(NOCASE), p["id"]))
        by_id = {p["id"]: p for p in people}
        team_by_id = {m["id"]: m for m in self.team}
        rows = sorted(plan["tasks"], key=lambda t: (t["position"], t["id"]))
        if count_tasks is not None:
            rows = rows[:count_tasks]
        tasks = []
        for task in rows:
            who = [{"kind": "person", "id": pid, "name": by_id[pid]["name"], "excluded": by_id[pid]["excluded"]}
                   for pid in task["who_people"] if pid in by_id]
            who += [{"kind": "professional", "id": pid, "name": team_by_id[pid]["name"], "excluded": False}
                    for pid in task["who_professionals"] if pid in team_by_id]
            if task["who_other"]:
                who.append({"kind": "other", "id": None, "name": task["who_other"], "excluded": False})
            tasks.append({"key": task["id"], "what": task["what"], "who": who, "by_date": task["by_date"],
                          "by_when": task["by_when"], "checker": task["checker"], "status": task["status"],
                          "answers": list(task["answers"])})
        answered_by = {}
        for number, task in enumerate(tasks, start=1):
            for ref in task["answers"]:
                answered_by.setdefault(ref, []).append(number)
        meeting = self.conference
        attended = [{"name": by_id[pid]["name"], "mode": mode} for pid, mode in sorted(self.conference_modes.items())
                    if mode in ("in_person", "remote", "written_views") and pid in by_id and not by_id[pid]["excluded"]]
        must = [item for kind in ("bottom_line", "question") for item in self.items if item[1] == kind]
        labels = {f"item:{item[0]}": item[2] for item in must}
        labels.update({f"danger:{d['id']}": m["name"] + ": " + d["danger"] for m in self.team for d in m["dangers"]})
        return {
            "format": 1, "reference": self.reference, "number": plan["number"],
            "children": [{"id": c["id"], "name": c["name"], "date_of_birth": c["date_of_birth"]}
                         for c in self.children],
            "conference": {"date": meeting["held_on"] or meeting["starts_at"][:10], "attended": attended,
                           "professionals": [{"name": m["name"], "agency": m["agency"], "role": m["role"]}
                                             for m in self.team]},
            "coordinator": staff.name(self.coordinator),
            "referrer": staff.name(self.social_worker),
            "objective": self.objective,
            "items": [{"id": item[0], "kind": item[1], "text": item[2],
                       "answered_by": answered_by.get(f"item:{item[0]}", []),
                       "decision": plan["decisions"].get(item[0])} for item in must],
            "worries": [{"id": m["id"], "name": m["name"], "agency": m["agency"], "worried": m["worried"],
                         "working_well": m["working_well"], "needs_to_happen": m["needs_to_happen"],
                         "dangers": [{"id": d["id"], "danger": d["danger"], "safety_goal": d["safety_goal"],
                                      "answered_by": answered_by.get(f"danger:{d['id']}", [])}
                                     for d in m["dangers"]]} for m in self.team],
            "child_voice": [{"name": c["name"], "wishes": self.views[c["id"]]["wishes"] if c["id"] in self.views
                             else "", "gathered": self.views[c["id"]]["gathered"] if c["id"] in self.views else None,
                             "advocate": self.views[c["id"]]["advocate"] if c["id"] in self.views else ""}
                            for c in self.children],
            "tasks": tasks,
            "answer_labels": labels,
            "contingency": plan["contingency"], "monitoring": plan["monitoring"], "review_on": plan["review_on"],
            "resources": [{"key": r["id"], "what": r["what"], "detail": r["detail"],
                           "sign_off_needed": bool(r["sign_off_needed"]), "sign_off": r["sign_off"],
                           "sign_off_by": staff.name(r["sign_off_by"]) if r["sign_off_by"] else "",
                           "sign_off_at": r["sign_off_at"], "sign_off_note": r["sign_off_note"]}
                          for r in plan["resources"]],
            "network": {"children": [{"id": c["id"], "name": c["name"]} for c in self.children],
                        "people": [{"id": p["id"], "name": p["name"], "side": p["side"], "roles": p["roles"],
                                    "excluded": p["excluded"],
                                    "relationships": [{"child_id": kid, "relationship": label}
                                                      for kid, label in sorted(p["relationships"])]}
                                   for p in people],
                        "professionals": [{"id": m["id"], "name": m["name"], "role": m["role"],
                                           "agency": m["agency"]} for m in self.team]},
            "copies_to": [p["name"] for p in people if (p["invitation"] in ("invited", "confirmed")
                                                         or "pr_holder" in p["roles"]) and not p["excluded"]],
            "decision": decision,
        }

    # --- pauses, closure and reading -----------------------------------------------------------------

    def pause_and_close_part(self):
        rng = self.rng
        stage_now = self.stages[-1]
        self.resume_stage = None
        self.closure = (None, "", "", "")
        main = [stage for stage in self.stages if stage in PATH]
        last_main = main[-1]
        for stage in ("on_hold", "withdrawn", "declined_by_family"):
            if stage not in self.reached:
                continue
            ts = self.after(self.reached[stage])
            if stage == "withdrawn":
                consent = self.consents[-1]
                for row in self.consents:
                    row[7], row[8] = self.clock.date(ts // 86400), row[2]
                self.stage(ts, last_main, "withdrawn", self.coordinator, "Consent withdrawn")
                self.event(ts, self.coordinator, "case.consent_withdrawn", {"consent_id": consent[0],
                                                                            "case_paused": True})
            else:
                cancelled = self.cancel_meetings(ts) if stage == "declined_by_family" else 0
                note = "The family asked for a pause while Mum is in hospital." if stage == "on_hold" else \
                    "The family decided not to go ahead."
                self.stage(ts, last_main, stage, self.coordinator, note)
                self.event(ts, self.coordinator, "case.stage_changed",
                           {"from": last_main, "to": stage, "meetings_cancelled": cancelled})
            self.resume_stage = last_main
            self.last_case_update = ts
            last_main = stage
        if "closed" in self.reached:
            day = self.reached["closed"]
            ts = self.after(day)
            day = ts // 86400
            cancelled = self.cancel_meetings(ts)
            self.stage(ts, last_main, "closed", self.coordinator)
            self.event(ts, self.coordinator, "case.stage_changed",
                       {"from": last_main, "to": "closed", "meetings_cancelled": cancelled})
            living = rng.choice(["parents", "parents", "parents", "wider_family", "care", "other"])
            self.closure = (self.clock.date(day), living, rng.choice(["no", "no", "no", "yes", "unknown"]),
                            rng.choice(F.CLOSURE_NOTES))
            self.resume_stage = None
            self.last_case_update = ts
        self.stage_now = stage_now

    def cancel_meetings(self, ts):
        cancelled = 0
        for row in self.meeting_rows:
            if row[5] == "scheduled":
                row[5], row[4], row[14] = "cancelled", row[4] + 1, row[14] + 1
                row[17] = self.iso(ts)
                self.rows["meeting_changes"].append((self.new_id("meeting_changes"), row[0], row[6], row[7], row[8],
                                                     "cancelled", "Case closed", self.coordinator, self.iso(ts)))
                cancelled += 1
        for meeting in self.meetings:
            if meeting["status"] == "scheduled":
                meeting["status"] = "cancelled"
        return cancelled

    def reading_part(self):
        """Enough reads of the case over its life to make about 300 audit events in all."""
        rng = self.rng
        wanted = rng.randint(200, 300)  # with the reads of forms around each action: about 300 in all
        end_day = self.reached["closed"] + rng.randint(10, 200) if self.closed else self.clock.today
        end_day = min(end_day, self.clock.today)
        span = end_day - self.referral
        if not self.closed:
            wanted = int(wanted * min(1.0, 0.25 + span / 120))
        already = self.audit_count()
        plan_from = self.plan["created"] if self.plan else None
        start = self.created_ts
        end = end_day * 86400 + 17 * 3600
        if self.stages[-1] != "closed" and not self.closed:
            end = min(end, self.clock.today * 86400 + 12 * 3600)
        self.browse(max(15, wanted - already), start, end, plan_from)

    def audit_count(self):
        # Events of this case are the tail of the chunk's audit list from when the case started.
        return len(self.audit) - self.audit_start

    def case_row(self):
        rng, gen, clock = self.rng, self.gen, self.clock
        child = self.children[0]["name"].split()[0]
        allocated = "allocated" in self.reached
        plo = clock.date(self.referral - rng.randint(5, 30)) if self.legal == "pre_proceedings" else None
        court = clock.date(self.referral + rng.randint(40, 120)) if self.legal == "pre_proceedings" and \
            rng.random() < 0.3 else None
        risks = rng.sample(["domestic_abuse", "substance_use", "mental_health", "young_carer", "other"],
                           rng.randint(0, 2))
        past = rng.sample(["domestic_abuse", "substance_use", "mental_health"], rng.randint(0, 1))
        interpreter = "" if self.culture in ("welsh", "english", "irish", "nigerian") or rng.random() < 0.6 else \
            self.languages[0].split(" and ")[0]
        closed_on, living, proceedings, notes = self.closure
        stage = self.stage_now
        updated = max(self.last_case_update, self.submitted_ts)
        plan_agreed_on = getattr(self, "plan_agreed_on", None)
        self.rows["cases"].append((
            self.case_id, self.reference, stage, self.resume_stage if stage in ("on_hold", "withdrawn",
                                                                                 "declined_by_family") else None,
            int(self.urgent), "The children’s main carer went into hospital; the family need a plan this week."
            if self.urgent else "", '["family", "risks", "purpose", "needs", "referrer"]', self.referrer,
            gen.staff.name(self.referrer), "Aberwen Council Children’s Services (fictional)",
            gen.staff.email(self.referrer), self.social_worker, self.coordinator if allocated else None,
            clock.date(self.referral), clock.date(self.reached["allocated"]) if allocated else None,
            self.legal, plo, court, dumps(risks), dumps(past), rng.choice(F.RISK_DETAILS),
            rng.choice(F.REASONS).format(child=child), rng.choice(F.DECISIONS_SOUGHT).format(child=child),
            interpreter, "The family speak Welsh at home." if self.culture == "welsh" and rng.random() < 0.5 else "",
            "A Welsh-speaking coordinator, if possible." if self.culture == "welsh" and rng.random() < 0.3 else "",
            f"{rng.choice(F.STAFF_FIRST)} {rng.choice(F.STAFF_LAST)}", clock.date(Clock.weekday_before(
                self.referral - 1)), plan_agreed_on, closed_on, living or "", proceedings or "", notes or "",
            self.case_version + len(self.stages), self.iso(self.created_ts), self.iso(updated)))
        for person in self.people:
            exclusion = person["exclusion"]
            self.rows["people"].append((
                person["id"], self.case_id, person["name"], person["side"], dumps(person["roles"]), person["phone"],
                person["email"], person["address"], person["hidden"], person["language"], person["needs"],
                person["invitation"], person["invitation_on"], person["written_views"], int(person["excluded"]),
                exclusion[0] if exclusion else "", exclusion[1] if exclusion else "",
                exclusion[2] if exclusion else None, person["version"], self.iso(person["created"]),
                self.iso(person["updated"])))
            for kid, label in person["relationships"]:
                self.rows["relationships"].append((person["id"], kid, label))
        for row in self.consents:
            self.rows["consents"].append(tuple(row))
        self.rows["meetings"] += self.meeting_rows
        if self.plan:
            plan = self.plan
            self.rows["plans"].append((plan["id"], self.case_id, plan["number"], plan["status"], plan["contingency"],
                                       plan["monitoring"], plan["review_on"], None, plan["returned_reason"],
                                       plan["version"], plan["revision"], self.coordinator, self.iso(plan["created"]),
                                       plan["updated_by"], self.iso(plan["updated"])))
            for task in plan["tasks"]:
                self.rows["plan_tasks"].append((task["id"], plan["id"], task["position"], task["what"],
                                                dumps(task["who_people"]), dumps(task["who_professionals"]),
                                                task["who_other"], task["by_date"], task["by_when"], task["checker"],
                                                task["status"], dumps(task["answers"]), task["version"],
                                                self.coordinator, self.iso(task["ts"])))
            for item_id, decision in plan["decisions"].items():
                self.rows["plan_item_decisions"].append((plan["id"], item_id, decision, self.coordinator,
                                                         self.iso(plan["created"] + 600)))
            for r in plan["resources"]:
                self.rows["plan_resources"].append((r["id"], plan["id"], r["what"], r["detail"], r["sign_off_needed"],
                                                    r["sign_off"], r["sign_off_by"], r["sign_off_at"],
                                                    r["sign_off_note"], r["version"], self.iso(r["ts"])))


CHILD_COUNTS = weighted([(1, 40), (2, 30), (3, 20), (4, 10)])
GRAND = {"welsh": ("Grandmother (Nain)", "Grandfather (Taid)"), "polish": ("Grandmother (Babcia)",
                                                                           "Grandfather (Dziadek)"),
         "arabic": ("Grandmother (Teta)", "Grandfather (Jiddo)"), "irish": ("Grandmother (Nana)", "Grandfather"),
         "english": ("Grandmother (Nan)", "Grandfather (Grandad)"), "nigerian": ("Grandmother", "Grandfather"),
         "south_asian": ("Grandmother (Nani)", "Grandfather (Nana)"), "eastern": ("Grandmother", "Grandfather")}
ETHNICITY = {"welsh": ["White Welsh"], "english": ["White British", "Mixed White and Black Caribbean"],
             "polish": ["White Polish"], "irish": ["White Irish"], "nigerian": ["Black African"],
             "arabic": ["Arab"], "south_asian": ["Asian British Pakistani", "Asian British Indian",
                                                 "Asian British Bangladeshi"],
             "eastern": ["White other", "Asian other", "Turkish"]}


def build_chunk(gen, cases):
    chunk = Chunk(gen)
    for case in cases:
        story = CaseStory(gen, chunk, case)
        story.audit_start = len(chunk.rows["audit_events"])
        story.build()
    return chunk


# --- writing the file ---------------------------------------------------------------------------------------
#
# Worker processes each build a run of cases ("a part") into a scratch SQLite file of plain tables; the main
# process copies each finished part into the real file in order (INSERT ... SELECT, in C), while the workers
# build the next parts. Python builds rows; SQLite does the rest.

PART = 5000  # cases a worker builds into one scratch file
CHUNK = 1000  # cases whose audit events are sorted together by time


def schema_columns(conn):
    """{table: columns to write}: COLUMNS less whatever this schema lacks, and what was left out."""
    existing = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    keep, skipped = {}, []
    for table, columns in COLUMNS.items():
        if table not in existing:
            skipped.append(table)
            continue
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        keep[table] = [n for n, column in enumerate(columns) if column in have]
        skipped += [f"{table}.{column}" for column in columns if column not in have]
    return keep, skipped


_WORK = {}  # what the workers inherit when they fork: the generator and the schema's columns


def build_part(part):
    """Build cases [lo, hi) into a scratch file; returns (part, path, audit events, rows)."""
    number, lo, hi, path = part
    gen, keep = _WORK["gen"], _WORK["keep"]
    Path(path).unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    statements = {}
    for table, indexes in keep.items():
        names = [COLUMNS[table][n] for n in indexes]
        conn.execute(f"CREATE TABLE {table} ({', '.join(names)})")
        statements[table] = (f"INSERT INTO {table} VALUES ({', '.join('?' for _ in names)})",
                             None if len(indexes) == len(COLUMNS[table]) else indexes)
    conn.execute("CREATE TABLE search (rid, reference, names)")
    audit_rows = rows = 0
    conn.execute("BEGIN")
    for start in range(lo, hi, CHUNK):
        chunk = build_chunk(gen, gen.cases[start:min(hi, start + CHUNK)])
        chunk.rows["audit_events"].sort(key=itemgetter(0))  # by time: cases interleave, as they do in life
        for table, (sql, indexes) in statements.items():
            table_rows = chunk.rows[table]
            if indexes:
                table_rows = [tuple(row[n] for n in indexes) for row in table_rows]
            conn.executemany(sql, table_rows)
            rows += len(table_rows)
        conn.executemany("INSERT INTO search VALUES (?, ?, ?)", chunk.search)
        audit_rows += len(chunk.rows["audit_events"])
    conn.execute("COMMIT")
    conn.close()
    return number, path, audit_rows, rows


def merge_part(conn, keep, path):
    """Copy a scratch file's rows into the real tables, in order."""
    conn.execute("ATTACH DATABASE ? AS part", [path])
    conn.execute("BEGIN")
    for table, indexes in keep.items():
        names = ", ".join(COLUMNS[table][n] for n in indexes)
        conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM part.{table} ORDER BY rowid")
    conn.execute("INSERT INTO main.case_search (rowid, reference, names) "
                 "SELECT rid, reference, names FROM part.search ORDER BY rowid")
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE part")
    Path(path).unlink()


def bulk_connection(path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")  # checked afterwards by --check (foreign_key_check)
    conn.execute("PRAGMA cache_size = -2097152")  # 2 GiB
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA threads = 2")  # sorting for CREATE INDEX
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    return conn


def deferred_indexes(conn):
    """The audit trail's indexes, exactly as the migrations made them: dropped for the load, made again after."""
    rows = list(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_events' "
                             "AND sql IS NOT NULL"))
    for name, _sql in rows:
        conn.execute(f"DROP INDEX {name}")
    return rows


def generate(args, fgc_modules):
    """Make the file; returns the seconds it took."""
    import multiprocessing

    db_module, passwords, due_dates = fgc_modules
    started = time.perf_counter()
    out = Path(args.out)
    if out.exists():
        if not args.force:
            sys.exit(f"{out} exists: pass --force to replace it")
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{out}{suffix}").unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    db = db_module.connect(str(out))
    applied = db_module.apply_migrations(db)
    db.close()
    print(f"schema: {len(applied)} migrations ({applied[0]} … {applied[-1]}) from {args.app_dir}", flush=True)

    gen = Generator(args.cases, args.open, args.seed, datetime.date.today())
    conn = bulk_connection(str(out))
    keep, skipped = schema_columns(conn)
    if skipped:
        print(f"not in this schema, left out: {', '.join(skipped)}")
    indexes = deferred_indexes(conn) if args.defer_indexes else []
    hashed = passwords.hash_password(PASSWORD)
    stamp = gen.clock.iso((gen.clock.today - 3700) * 86400 + 9 * 3600)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at, password_changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(user_id, email, name, role, hashed, stamp, stamp, stamp) for user_id, email, name, role in gen.staff.rows])
    conn.execute("COMMIT")
    print(f"outline: {len(gen.cases):,} cases, {len(gen.staff.rows)} accounts, {args.workers} worker(s) "
          f"({time.perf_counter() - started:.1f} s)", flush=True)

    _WORK.update(gen=gen, keep=keep)
    parts = [(n, lo, min(lo + PART, len(gen.cases)), f"{out}.part{n}")
             for n, lo in enumerate(range(0, len(gen.cases), PART))]
    audit_rows = rows = 0
    last_report = merging = 0
    with multiprocessing.get_context("fork").Pool(args.workers) as pool:
        for number, path, part_audit, part_rows in pool.imap(build_part, parts):
            merge_start = time.perf_counter()
            merge_part(conn, keep, path)
            merging += time.perf_counter() - merge_start
            audit_rows += part_audit
            rows += part_rows
            now = time.perf_counter()
            done = parts[number][2]
            if now - last_report > 15 or done == len(gen.cases):
                last_report = now
                elapsed = now - started
                print(f"  {done:>9,} cases  {audit_rows:>12,} audit events  {elapsed:7.1f} s  "
                      f"({done / elapsed:,.0f} cases/s; {merging:.0f} s of it copying parts in)", flush=True)
    if indexes:
        index_start = time.perf_counter()
        for _name, sql in indexes:
            conn.execute(sql)
        print(f"audit indexes made again: {', '.join(name for name, _ in indexes)} "
              f"({time.perf_counter() - index_start:.1f} s)", flush=True)
    conn.execute("PRAGMA locking_mode = NORMAL")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()

    # Open cases' next deadlines, as the app computes them (fgc.domain.due_dates), through the app's connection.
    db = db_module.connect(str(out))
    open_ids = [row[0] for row in db.execute("SELECT id FROM cases WHERE stage NOT IN ('draft', 'closed')")]
    with _app_context(), db_module.write(db):
        due_dates.refresh(db, open_ids)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    sidecar = write_sidecar(out, gen)
    elapsed = time.perf_counter() - started
    size = out.stat().st_size / 2**30
    print(f"generated {len(gen.cases):,} cases ({len(open_ids)} open), {audit_rows:,} audit events, "
          f"{rows + len(gen.staff.rows):,} rows in all, {size:.2f} GiB, in {elapsed:.1f} s")
    print(f"sidecar: {sidecar}")
    return elapsed


class _app_context:
    """Deadlines' words are lazy gettext strings: give them an app, without touching any database."""

    def __enter__(self):
        from fgc import create_app
        self.app = create_app({"DATABASE": ":memory:", "SECRET_KEY": "generate", "MIGRATE_ON_START": False,
                               "TESTING": True})
        self.context = self.app.app_context()
        self.context.push()
        return self.app

    def __exit__(self, *exc):
        self.context.pop()


# What the sidecar picks at every size, so a page shows the same amount at 1,000 cases as at 200,000 and only the
# history behind it grows: a coordinator with this many open cases, a social worker with this many open
# referrals, and, of that coordinator's cases with an agreed plan, one with this many people and tasks.
COORDINATOR_OPEN, SOCIAL_WORKER_OPEN, CASE_PEOPLE, CASE_TASKS = 13, 5, 20, 8


def write_sidecar(out, gen=None):
    """PATH.json: who to sign in as, a representative open case and a common surname to search for.

    Read from the file alone (``gen`` is not needed), so ``--sidecar-only`` can rewrite it for a file already
    made. The people and the case are chosen by shape (see the constants above), the same at every size.
    """
    conn = sqlite3.connect(str(out))
    conn.row_factory = sqlite3.Row
    open_stages = "('draft', 'closed')"

    def email(user_id):
        return conn.execute("SELECT email FROM users WHERE id = ?", [user_id]).fetchone()[0]

    # The coordinators with about COORDINATOR_OPEN open cases, and of their cases with an agreed plan the one
    # nearest CASE_PEOPLE people and CASE_TASKS tasks.
    case = conn.execute(
        f"WITH load AS (SELECT coordinator_id, count(*) AS n FROM cases WHERE stage NOT IN {open_stages} "
        f"AND coordinator_id IS NOT NULL GROUP BY coordinator_id) "
        f"SELECT c.id, c.reference, c.stage, c.coordinator_id, load.n AS coordinator_open, "
        f"(SELECT count(*) FROM people p WHERE p.case_id = c.id) AS people, "
        f"(SELECT count(*) FROM plan_tasks t JOIN plans pl ON pl.id = t.plan_id WHERE pl.case_id = c.id) AS tasks "
        f"FROM cases c JOIN load ON load.coordinator_id = c.coordinator_id "
        f"WHERE c.stage IN ('plan_agreed', 'review_scheduled', 'review_held') AND abs(load.n - ?) <= 2 "
        f"ORDER BY abs(people - ?) + abs(tasks - ?), abs(load.n - ?), c.id LIMIT 1",
        [COORDINATOR_OPEN, CASE_PEOPLE, CASE_TASKS, COORDINATOR_OPEN]).fetchone()
    coordinator = {"coordinator_id": case["coordinator_id"], "n": case["coordinator_open"]} if case else \
        conn.execute(f"SELECT coordinator_id, count(*) AS n FROM cases WHERE stage NOT IN {open_stages} AND "
                     f"coordinator_id IS NOT NULL GROUP BY coordinator_id ORDER BY n DESC LIMIT 1").fetchone()
    coordinator_open = coordinator["n"]
    if case is None:  # a history too small to have one: the coordinator's newest open case
        case = conn.execute("SELECT id, reference, stage, 0 AS people, 0 AS tasks FROM cases WHERE coordinator_id = ? "
                            "AND stage NOT IN ('closed') ORDER BY id DESC LIMIT 1",
                            [coordinator["coordinator_id"]]).fetchone()
    social_worker = conn.execute(
        f"SELECT created_by, count(*) AS n, sum(stage NOT IN {open_stages}) AS open FROM cases GROUP BY created_by "
        f"ORDER BY abs(sum(stage NOT IN {open_stages}) - ?), count(*) DESC, created_by LIMIT 1",
        [SOCIAL_WORKER_OPEN]).fetchone()
    manager = conn.execute("SELECT id FROM users WHERE role = 'manager' ORDER BY id LIMIT 1").fetchone()[0]
    admin = conn.execute("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1").fetchone()[0]
    surname = F.COMMON_SURNAMES[0][0]
    matches = conn.execute("SELECT count(*) FROM case_search WHERE case_search MATCH ?", [f'"{surname}"*']).fetchone()[0]
    cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    info = {
        "password": PASSWORD,
        "cases": cases,
        "coordinator": {"email": email(coordinator["coordinator_id"]), "open_cases": coordinator_open},
        "manager": {"email": email(manager)},
        "social_worker": {"email": email(social_worker["created_by"]), "referred_cases": social_worker["n"],
                          "open_cases": social_worker["open"]},
        "admin": {"email": email(admin)},
        "case": {"id": case["id"], "reference": case["reference"], "stage": case["stage"], "people": case["people"],
                 "tasks": case["tasks"]},
        "surname": surname,
        "surname_matches": matches,
    }
    conn.close()
    path = sidecar_path(out)
    path.write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def sidecar_path(out):
    out = str(out)
    return Path(out[:-len(".sqlite")] + ".json") if out.endswith(".sqlite") else Path(out + ".json")


def load_fgc(app_dir):
    """Import ``fgc`` from ``app_dir`` (this checkout unless told otherwise)."""
    sys.path.insert(0, str(Path(app_dir).resolve()))
    import fgc
    from fgc import db as db_module
    from fgc.domain import due_dates, passwords
    if Path(fgc.__file__).resolve().parent.parent != Path(app_dir).resolve():
        sys.exit(f"imported fgc from {fgc.__file__}, not from {app_dir}")
    return db_module, passwords, due_dates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--out", required=True, help="the SQLite file to make (PATH.json is written beside it)")
    parser.add_argument("--open", type=int, default=390, help="how many cases are open (default 390)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=max(1, os.cpu_count() or 1),
                        help="processes building cases (default: one a core)")
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")
    parser.add_argument("--defer-indexes", action="store_true",
                        help="drop the audit trail's indexes while loading and make them again after")
    parser.add_argument("--check", action="store_true", help="check the file afterwards (see the docstring)")
    parser.add_argument("--sidecar-only", action="store_true",
                        help="only write PATH.json again for a file already made (who to sign in as, which case)")
    parser.add_argument("--app-dir", default=str(Path(__file__).resolve().parent.parent),
                        help="the checkout whose fgc makes the schema (default: this one)")
    args = parser.parse_args()
    if args.sidecar_only:
        print(f"sidecar: {write_sidecar(args.out)}")
        return
    modules = load_fgc(args.app_dir)
    generate(args, modules)
    if args.check:
        import check_generated
        sys.exit(0 if check_generated.check(args.out) else 1)


if __name__ == "__main__":
    main()
