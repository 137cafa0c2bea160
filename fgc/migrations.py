"""Schema migrations. The schema changes only here, one function per change, never edited once released."""

from sqlite_utils import Migrations

migrations = Migrations("fgc")


def _run(db, statements):
    # Statement by statement: executescript() would COMMIT the surrounding transaction.
    for sql in statements:
        db.execute(sql)


@migrations()
def m001_users_and_sessions(db):
    _run(db, [
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'coordinator', 'social_worker')),
            password_hash TEXT,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            password_changed_at TEXT,
            last_sign_in_at TEXT
        )""",
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            user_id INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            ended_at TEXT,
            end_reason TEXT,
            ip TEXT,
            user_agent TEXT
        )""",
        "CREATE INDEX sessions_user ON sessions(user_id, ended_at)",
        """CREATE TABLE password_tokens (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            user_id INTEGER NOT NULL REFERENCES users(id),
            created_by INTEGER REFERENCES users(id),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        )""",
        "CREATE INDEX password_tokens_user ON password_tokens(user_id)",
        # Accounts and addresses are stored as keyed hashes, never as typed text.
        """CREATE TABLE sign_in_attempts (
            id INTEGER PRIMARY KEY,
            account_key TEXT NOT NULL,
            ip_key TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('failure', 'throttled')),
            at TEXT NOT NULL
        )""",
        "CREATE INDEX sign_in_attempts_account ON sign_in_attempts(account_key, kind, at)",
        "CREATE INDEX sign_in_attempts_ip ON sign_in_attempts(ip_key, kind, at)",
        "CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at)",
    ])


@migrations()
def m002_audit_trail(db):
    _run(db, [
        """CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_id INTEGER REFERENCES users(id),
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            record_type TEXT,
            record_id TEXT,
            ip TEXT,
            detail TEXT
        )""",
        "CREATE INDEX audit_events_record ON audit_events(record_type, record_id)",
        "CREATE INDEX audit_events_user ON audit_events(user_id, at)",
        """CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
        """CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
    ])


STAGES = ("draft", "referred", "allocated", "baseline_held", "preparing", "conference_scheduled",
          "conference_held", "plan_agreed", "review_scheduled", "review_held", "closed",
          "on_hold", "withdrawn", "declined_by_family")


def _in(values):
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


@migrations()
def m003_cases(db):
    _run(db, [
        f"""CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE COLLATE NOCASE,
            stage TEXT NOT NULL CHECK (stage IN {_in(STAGES)}),
            resume_stage TEXT CHECK (resume_stage IN {_in(STAGES)}),
            urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
            urgency_reason TEXT NOT NULL DEFAULT '',
            sections_done TEXT NOT NULL DEFAULT '[]',
            created_by INTEGER NOT NULL REFERENCES users(id),
            referrer_name TEXT NOT NULL DEFAULT '',
            referrer_organisation TEXT NOT NULL DEFAULT '',
            referrer_contact TEXT NOT NULL DEFAULT '',
            social_worker_id INTEGER REFERENCES users(id),
            coordinator_id INTEGER REFERENCES users(id),
            referred_on TEXT,
            allocated_on TEXT,
            legal_status TEXT NOT NULL DEFAULT '',
            plo_date TEXT,
            court_date TEXT,
            current_risks TEXT NOT NULL DEFAULT '[]',
            past_risks TEXT NOT NULL DEFAULT '[]',
            risk_details TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            decision_sought TEXT NOT NULL DEFAULT '',
            interpreter_language TEXT NOT NULL DEFAULT '',
            cultural_needs TEXT NOT NULL DEFAULT '',
            coordinator_preferences TEXT NOT NULL DEFAULT '',
            manager_name TEXT NOT NULL DEFAULT '',
            manager_signed_off_on TEXT,
            plan_agreed_on TEXT,
            closed_on TEXT,
            closure_living_with TEXT NOT NULL DEFAULT '',
            closure_proceedings TEXT NOT NULL DEFAULT '',
            closure_notes TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX cases_stage ON cases(stage)",
        "CREATE INDEX cases_coordinator ON cases(coordinator_id, stage)",
        "CREATE INDEX cases_social_worker ON cases(social_worker_id)",
        "CREATE INDEX cases_created_by ON cases(created_by)",
        """CREATE TABLE children (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            name TEXT NOT NULL,
            date_of_birth TEXT,
            gender TEXT NOT NULL DEFAULT '',
            ethnicity TEXT NOT NULL DEFAULT '',
            first_language TEXT NOT NULL DEFAULT '',
            needs TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX children_case ON children(case_id)",
        """CREATE TABLE pr_holders (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            name TEXT NOT NULL,
            relationship TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX pr_holders_case ON pr_holders(case_id)",
        f"""CREATE TABLE stage_changes (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            from_stage TEXT CHECK (from_stage IN {_in(STAGES)}),
            to_stage TEXT NOT NULL CHECK (to_stage IN {_in(STAGES)}),
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX stage_changes_case ON stage_changes(case_id, at)",
        """CREATE TABLE offers (
            case_id INTEGER PRIMARY KEY REFERENCES cases(id),
            offered_on TEXT,
            in_letter_before_proceedings INTEGER CHECK (in_letter_before_proceedings IN (0, 1)),
            letter_date TEXT,
            response TEXT CHECK (response IN ('accepted', 'declined', 'withdrawn')),
            response_on TEXT,
            exception_reason TEXT NOT NULL DEFAULT '',
            exception_decided_by TEXT NOT NULL DEFAULT '',
            exception_decided_on TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE consents (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            given_by TEXT NOT NULL,
            basis TEXT NOT NULL CHECK (basis IN ('parental_responsibility', 'council', 'gillick')),
            given_on TEXT NOT NULL,
            may_share TEXT NOT NULL DEFAULT '',
            share_with TEXT NOT NULL DEFAULT '',
            withdrawn_on TEXT,
            withdrawn_by TEXT NOT NULL DEFAULT '',
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX consents_case ON consents(case_id)",
        """CREATE TABLE baselines (
            case_id INTEGER PRIMARY KEY REFERENCES cases(id),
            held_on TEXT NOT NULL,
            attendees TEXT NOT NULL DEFAULT '',
            objective TEXT NOT NULL DEFAULT '',
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            version INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE baseline_items (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            kind TEXT NOT NULL CHECK (kind IN ('question', 'bottom_line', 'resource')),
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX baseline_items_case ON baseline_items(case_id, kind)",
        """CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            kind TEXT NOT NULL CHECK (kind IN ('conference', 'review')),
            uid TEXT NOT NULL UNIQUE,
            sequence INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            venue TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            access_notes TEXT NOT NULL DEFAULT '',
            interpreter_language TEXT NOT NULL DEFAULT '',
            remote_details TEXT NOT NULL DEFAULT '',
            held_on TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX meetings_case ON meetings(case_id, kind)",
        "CREATE INDEX meetings_starts ON meetings(status, starts_at)",
        """CREATE TABLE meeting_changes (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            venue TEXT NOT NULL,
            change TEXT NOT NULL CHECK (change IN ('rescheduled', 'cancelled')),
            reason TEXT NOT NULL DEFAULT '',
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL
        )""",
        "CREATE INDEX meeting_changes_meeting ON meeting_changes(meeting_id, at)",
        """CREATE TABLE closure_days (
            day TEXT PRIMARY KEY,
            reason TEXT NOT NULL DEFAULT '',
            created_by INTEGER REFERENCES users(id),
            created_at TEXT NOT NULL
        )""",
        # Accent-free search over case references and the names on a case (children, PR holders).
        """CREATE VIRTUAL TABLE case_search USING fts5(
            reference, names, tokenize = 'unicode61 remove_diacritics 2'
        )""",
    ])


@migrations()
def m004_network(db):
    _run(db, [
        """CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            name TEXT NOT NULL,
            side TEXT NOT NULL DEFAULT 'neither' CHECK (side IN ('maternal', 'paternal', 'both', 'neither')),
            roles TEXT NOT NULL DEFAULT '[]',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            address_hidden INTEGER NOT NULL DEFAULT 0 CHECK (address_hidden IN (0, 1)),
            language TEXT NOT NULL DEFAULT '',
            needs TEXT NOT NULL DEFAULT '',
            invitation TEXT NOT NULL DEFAULT 'not_contacted'
                CHECK (invitation IN ('not_contacted', 'contacted', 'invited', 'confirmed', 'declined')),
            invitation_on TEXT,
            written_views TEXT NOT NULL DEFAULT '',
            excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
            exclusion_reason TEXT NOT NULL DEFAULT '',
            exclusion_approved_by TEXT NOT NULL DEFAULT '',
            excluded_on TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            -- The rule lives in the schema too: nobody excluded is ever invited or confirmed.
            CHECK (NOT (excluded = 1 AND invitation IN ('invited', 'confirmed')))
        )""",
        "CREATE INDEX people_case ON people(case_id)",
        """CREATE TABLE relationships (
            person_id INTEGER NOT NULL REFERENCES people(id),
            child_id INTEGER NOT NULL REFERENCES children(id),
            relationship TEXT NOT NULL,
            PRIMARY KEY (person_id, child_id)
        )""",
        """CREATE TABLE exclusion_changes (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id),
            change TEXT NOT NULL CHECK (change IN ('excluded', 'lifted')),
            reason TEXT NOT NULL,
            approved_by TEXT NOT NULL DEFAULT '',
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL
        )""",
        "CREATE INDEX exclusion_changes_person ON exclusion_changes(person_id, at)",
        """CREATE TABLE attendance (
            person_id INTEGER NOT NULL REFERENCES people(id),
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            mode TEXT NOT NULL CHECK (mode IN ('in_person', 'remote', 'written_views', 'did_not_attend')),
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            PRIMARY KEY (person_id, meeting_id)
        )""",
        # An excluded person cannot be recorded as taking part, whatever path the write takes.
        """CREATE TRIGGER attendance_not_excluded BEFORE INSERT ON attendance
           WHEN NEW.mode != 'did_not_attend' AND (SELECT excluded FROM people WHERE id = NEW.person_id) = 1
           BEGIN SELECT RAISE(ABORT, 'excluded person'); END""",
        """CREATE TRIGGER attendance_not_excluded_update BEFORE UPDATE ON attendance
           WHEN NEW.mode != 'did_not_attend' AND (SELECT excluded FROM people WHERE id = NEW.person_id) = 1
           BEGIN SELECT RAISE(ABORT, 'excluded person'); END""",
    ])


@migrations()
def m005_professionals_and_voice(db):
    _run(db, [
        """CREATE TABLE professionals (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            name TEXT NOT NULL,
            agency TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            attends TEXT NOT NULL DEFAULT 'information_sharing' CHECK (attends IN ('information_sharing', 'all')),
            worried TEXT NOT NULL DEFAULT '',
            working_well TEXT NOT NULL DEFAULT '',
            needs_to_happen TEXT NOT NULL DEFAULT '',
            scale INTEGER CHECK (scale BETWEEN 0 AND 10),
            scale_reason TEXT NOT NULL DEFAULT '',
            resources TEXT NOT NULL DEFAULT '',
            shared_on TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX professionals_case ON professionals(case_id)",
        """CREATE TABLE danger_statements (
            id INTEGER PRIMARY KEY,
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            danger TEXT NOT NULL,
            safety_goal TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX danger_statements_professional ON danger_statements(professional_id)",
        """CREATE TABLE child_views (
            child_id INTEGER PRIMARY KEY REFERENCES children(id),
            wishes TEXT NOT NULL DEFAULT '',
            gathered TEXT CHECK (gathered IN ('direct', 'advocate', 'letter_or_drawing')),
            gathered_note TEXT NOT NULL DEFAULT '',
            advocate_name TEXT NOT NULL DEFAULT '',
            attending TEXT CHECK (attending IN ('yes', 'part', 'no', 'undecided')),
            scale INTEGER CHECK (scale BETWEEN 0 AND 10),
            version INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        )""",
    ])


@migrations()
def m006_scales(db):
    _run(db, [
        """CREATE TABLE scales (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            source TEXT NOT NULL CHECK (source IN ('family', 'professional', 'child')),
            source_id INTEGER NOT NULL,
            score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            UNIQUE (meeting_id, source, source_id)
        )""",
        # An excluded person takes no part, so gives no scale, whatever path the write takes.
        """CREATE TRIGGER scales_not_excluded BEFORE INSERT ON scales
           WHEN NEW.source = 'family' AND (SELECT excluded FROM people WHERE id = NEW.source_id) = 1
           BEGIN SELECT RAISE(ABORT, 'excluded person'); END""",
    ])


@migrations()
def m007_plans(db):
    _run(db, [
        # The plan being written for a case: one working copy, which becomes version ``number``
        # when the referrer decides. ``version`` guards this row's own fields; ``revision`` goes up
        # with any change to the plan's content, so a decision is always on the plan as seen.
        """CREATE TABLE plans (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),
            number INTEGER NOT NULL DEFAULT 1,
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'ready', 'awaiting_sign_off', 'agreed')),
            contingency TEXT NOT NULL DEFAULT '',
            monitoring TEXT NOT NULL DEFAULT '',
            review_on TEXT,
            pending_decision TEXT,
            returned_reason TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            revision INTEGER NOT NULL DEFAULT 1,
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            updated_by INTEGER NOT NULL REFERENCES users(id),
            updated_at TEXT NOT NULL
        )""",
        # Who does a task and what it answers are JSON lists of ids checked against the case
        # in the data layer; each task has its own edit counter so two people can write
        # different tasks at once. A task's id is its key from version to version, so ids are
        # never reused (AUTOINCREMENT): a new task must never pass for one that was removed.
        """CREATE TABLE plan_tasks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            position INTEGER NOT NULL,
            what TEXT NOT NULL,
            who_people TEXT NOT NULL DEFAULT '[]',
            who_professionals TEXT NOT NULL DEFAULT '[]',
            who_other TEXT NOT NULL DEFAULT '',
            by_date TEXT,
            by_when TEXT NOT NULL DEFAULT '',
            checker TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done')),
            answers TEXT NOT NULL DEFAULT '[]',
            version INTEGER NOT NULL DEFAULT 1,
            updated_by INTEGER NOT NULL REFERENCES users(id),
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX plan_tasks_plan ON plan_tasks(plan_id, position)",
        # A decision noted against a bottom line or question instead of a task.
        """CREATE TABLE plan_item_decisions (
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            item_id INTEGER NOT NULL REFERENCES baseline_items(id),
            decision TEXT NOT NULL,
            decided_by INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            PRIMARY KEY (plan_id, item_id)
        )""",
        """CREATE TABLE plan_resources (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            what TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            sign_off_needed INTEGER NOT NULL DEFAULT 0 CHECK (sign_off_needed IN (0, 1)),
            sign_off TEXT CHECK (sign_off IN ('approved', 'refused')),
            sign_off_by INTEGER REFERENCES users(id),
            sign_off_at TEXT,
            sign_off_note TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX plan_resources_plan ON plan_resources(plan_id)",
        # Every referrer decision freezes the plan as it stood: agreed versions are the plan of
        # record, declined ones keep the text the referrer said no to. Never changed or removed.
        """CREATE TABLE plan_versions (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            number INTEGER NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('agreed', 'agreed_with_changes', 'declined')),
            content TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            decided_by INTEGER NOT NULL REFERENCES users(id),
            decided_at TEXT NOT NULL,
            frozen_at TEXT NOT NULL,
            UNIQUE (plan_id, number)
        )""",
        """CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
           BEGIN SELECT RAISE(ABORT, 'plan versions cannot be changed'); END""",
        """CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
           BEGIN SELECT RAISE(ABORT, 'plan versions cannot be removed'); END""",
        """CREATE TABLE plan_reviews (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            version_id INTEGER NOT NULL REFERENCES plan_versions(id),
            meeting_id INTEGER REFERENCES meetings(id),
            held_on TEXT NOT NULL,
            changes TEXT NOT NULL DEFAULT '',
            started_new_version INTEGER NOT NULL DEFAULT 0 CHECK (started_new_version IN (0, 1)),
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL
        )""",
        "CREATE INDEX plan_reviews_plan ON plan_reviews(plan_id, id)",
        """CREATE TABLE plan_review_tasks (
            review_id INTEGER NOT NULL REFERENCES plan_reviews(id),
            task_key INTEGER NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('done', 'in_progress', 'not_done')),
            comment TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (review_id, task_key)
        )""",
        # Agreed versions never change, so each one's PDF is rendered once and kept.
        """CREATE TABLE plan_pdfs (
            cache_key TEXT PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES plan_versions(id),
            pdf BLOB NOT NULL,
            generated_by INTEGER NOT NULL REFERENCES users(id),
            generated_at TEXT NOT NULL
        )""",
    ])


@migrations()
def m008_family_links(db):
    _run(db, [
        # A private link for one person in the family network. Only the token's SHA-256 is kept;
        # a PIN, when asked for, is kept as an argon2 hash. Ids never come back after removal.
        """CREATE TABLE family_links (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            person_id INTEGER NOT NULL REFERENCES people(id),
            token_hash TEXT NOT NULL UNIQUE,
            pin_hash TEXT,
            pin_failures INTEGER NOT NULL DEFAULT 0,
            pin_locked_at TEXT,
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            revoked_at TEXT,
            revoked_by INTEGER REFERENCES users(id),
            revoked_reason TEXT NOT NULL DEFAULT '',
            last_viewed_at TEXT,
            view_count INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX family_links_case ON family_links(case_id, person_id)",
        # Nobody excluded ever holds a link, whatever path the write takes...
        """CREATE TRIGGER family_links_not_excluded BEFORE INSERT ON family_links
           WHEN (SELECT excluded FROM people WHERE id = NEW.person_id) = 1
           BEGIN SELECT RAISE(ABORT, 'excluded person'); END""",
        # ...and excluding someone ends any link they already hold, at once.
        """CREATE TRIGGER family_links_end_on_exclusion AFTER UPDATE OF excluded ON people
           WHEN NEW.excluded = 1
           BEGIN
             UPDATE family_links SET revoked_at = strftime('%Y-%m-%dT%H:%M:%f000+00:00', 'now'),
                    revoked_reason = 'excluded'
             WHERE person_id = NEW.id AND revoked_at IS NULL;
           END""",
        # The short-lived cookie a link's token is exchanged for.
        """CREATE TABLE family_sessions (
            id INTEGER PRIMARY KEY,
            link_id INTEGER NOT NULL REFERENCES family_links(id),
            token_hash TEXT NOT NULL UNIQUE,
            pin_passed INTEGER NOT NULL DEFAULT 0 CHECK (pin_passed IN (0, 1)),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )""",
        "CREATE INDEX family_sessions_link ON family_sessions(link_id)",
        """CREATE TABLE family_acknowledgements (
            id INTEGER PRIMARY KEY,
            link_id INTEGER NOT NULL REFERENCES family_links(id),
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            number INTEGER NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (link_id, plan_id, number)
        )""",
        # What a family member says about their own tasks; it feeds the review and never changes a version.
        """CREATE TABLE family_task_updates (
            id INTEGER PRIMARY KEY,
            link_id INTEGER NOT NULL REFERENCES family_links(id),
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            number INTEGER NOT NULL,
            task_key INTEGER NOT NULL,
            done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
            note TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        )""",
        "CREATE INDEX family_task_updates_plan ON family_task_updates(plan_id, task_key, at)",
        # Unknown tokens, per client address, to slow down guessing.
        """CREATE TABLE family_link_misses (
            id INTEGER PRIMARY KEY,
            ip_key TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        "CREATE INDEX family_link_misses_ip ON family_link_misses(ip_key, at)",
        "CREATE INDEX family_link_misses_at ON family_link_misses(at)",
    ])


@migrations()
def m009_professional_attendance(db):
    """Which professionals took part in a meeting, and how, beside the family's own attendance."""
    _run(db, [
        """CREATE TABLE professional_attendance (
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            mode TEXT NOT NULL CHECK (mode IN ('in_person', 'remote', 'written_views', 'did_not_attend')),
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            PRIMARY KEY (professional_id, meeting_id)
        )""",
    ])


@migrations()
def m010_next_deadline(db):
    """Each open case's next deadline, kept on the case so lists can filter, sort and page by it in SQL.

    Filled in by ``flask init-db`` and kept up to date by every change to a case.
    """
    _run(db, [
        "ALTER TABLE cases ADD COLUMN next_due_on TEXT",
        "ALTER TABLE cases ADD COLUMN next_due_kind TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX cases_next_due ON cases(next_due_on)",
    ])


@migrations()
def m011_foreign_key_indexes(db):
    """An index on every column that points at another case record, so reading a case's records (a child's
    relationships, a meeting's attendance, a version's PDFs) never scans a table that grows with history.
    Columns pointing at staff accounts are left alone: accounts are deactivated, never deleted or listed by them."""
    _run(db, [
        "CREATE INDEX relationships_child ON relationships(child_id)",
        "CREATE INDEX attendance_meeting ON attendance(meeting_id)",
        "CREATE INDEX professional_attendance_meeting ON professional_attendance(meeting_id)",
        "CREATE INDEX plan_item_decisions_item ON plan_item_decisions(item_id)",
        "CREATE INDEX plan_reviews_meeting ON plan_reviews(meeting_id)",
        "CREATE INDEX plan_reviews_version ON plan_reviews(version_id)",
        "CREATE INDEX plan_pdfs_version ON plan_pdfs(version_id)",
        "CREATE INDEX family_links_person ON family_links(person_id)",
        "CREATE INDEX family_acknowledgements_plan ON family_acknowledgements(plan_id)",
        "CREATE INDEX family_task_updates_link ON family_task_updates(link_id)",
    ])


@migrations()
def m012_plans_by_activity(db):
    """The plans list pages newest activity first; this index lets it stop at the page it shows."""
    _run(db, ["CREATE INDEX plans_updated ON plans(updated_at)"])


@migrations()
def m013_meetings_held_by_date(db):
    """The manager's timeliness figure reads the conferences held in the last year, by date."""
    _run(db, ["CREATE INDEX meetings_held ON meetings(kind, status, held_on)"])


@migrations()
def m014_background_jobs(db):
    """The app's one queue of work done in the background (PDF renders; later, outgoing messages), and the PDFs
    kept so an unchanged draft or family plan is rendered once.

    A job is written in the same transaction as the change that causes it. A worker claims it for a lease; a job
    whose worker died is claimed again when its lease runs out, so nothing is lost. At most one job per ``key`` is
    waiting or running at a time.
    """
    _run(db, [
        """CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            key TEXT,
            payload TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            max_attempts INTEGER NOT NULL CHECK (max_attempts > 0),
            run_after TEXT NOT NULL,
            lease_until TEXT,
            worker TEXT,
            last_error TEXT,
            case_id INTEGER REFERENCES cases(id),
            requested_by INTEGER REFERENCES users(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished_at TEXT
        )""",
        "CREATE UNIQUE INDEX jobs_live_key ON jobs(key) WHERE key IS NOT NULL AND state IN ('queued', 'running')",
        "CREATE INDEX jobs_by_key ON jobs(key, id)",
        "CREATE INDEX jobs_due ON jobs(state, run_after)",
        "CREATE INDEX jobs_case ON jobs(case_id)",
        """CREATE TABLE kept_pdfs (
            key TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('draft', 'family')),
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            language TEXT NOT NULL DEFAULT '',
            pdf BLOB NOT NULL,
            generated_by INTEGER REFERENCES users(id),
            generated_at TEXT NOT NULL
        )""",
        "CREATE INDEX kept_pdfs_plan ON kept_pdfs(plan_id, kind, language)",
    ])


@migrations()
def m015_meetings_by_case(db):
    """A case's meetings are found by case first: its conference and reviews held, and its next meeting.

    Without these, SQLite answered "the first conference held on this case" through m013's index of every
    conference held (kind, status), reading all of them for each case on a coordinator's home page.
    """
    _run(db, [
        "DROP INDEX meetings_case",
        "CREATE INDEX meetings_case ON meetings(case_id, kind, status, held_on)",
        "CREATE INDEX meetings_case_status ON meetings(case_id, status, starts_at)",
    ])


@migrations()
def m016_cases_by_person_and_stage(db):
    """A social worker's open cases are found by who referred them and stage together, so a list of open plans or
    referrals does not read through every case they have referred in ten years."""
    _run(db, [
        "DROP INDEX cases_created_by",
        "DROP INDEX cases_social_worker",
        "CREATE INDEX cases_created_by ON cases(created_by, stage)",
        "CREATE INDEX cases_social_worker ON cases(social_worker_id, stage)",
    ])


@migrations()
def m017_messages(db):
    """Messages to families, professionals and staff (text messages and emails), and who chose task reminders.

    A message is written in the same transaction as the action that causes it, with the address on record at that
    moment, and sent by the background worker (job ``message.send``). ``secret`` holds what only the message may
    carry (a family link's address) until it is sent or given up, then is emptied. ``reference`` is the message's
    name at the gateway, so a send cut off half-way is found there rather than sent again. ``dedupe`` makes a
    reminder once-only: the same task, due date and person never get two.
    """
    _run(db, [
        """CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            case_id INTEGER REFERENCES cases(id),
            kind TEXT NOT NULL,
            audience TEXT NOT NULL CHECK (audience IN ('family', 'professional', 'staff')),
            channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
            person_id INTEGER REFERENCES people(id),
            professional_id INTEGER REFERENCES professionals(id),
            user_id INTEGER REFERENCES users(id),
            meeting_id INTEGER REFERENCES meetings(id),
            address TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'cy')),
            personalisation TEXT NOT NULL DEFAULT '{}',
            secret TEXT,
            calendar TEXT,
            status TEXT NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'kept', 'failed', 'cancelled')),
            status_reason TEXT NOT NULL DEFAULT '',
            gateway TEXT,
            gateway_id TEXT,
            reference TEXT NOT NULL UNIQUE,
            dedupe TEXT UNIQUE,
            attempts INTEGER NOT NULL DEFAULT 0,
            send_after TEXT NOT NULL,
            queued_by INTEGER REFERENCES users(id),
            queued_at TEXT NOT NULL,
            sent_at TEXT,
            finished_at TEXT,
            updated_at TEXT NOT NULL,
            CHECK ((audience = 'family') = (person_id IS NOT NULL)),
            CHECK ((audience = 'professional') = (professional_id IS NOT NULL)),
            CHECK ((audience = 'staff') = (user_id IS NOT NULL))
        )""",
        "CREATE INDEX messages_case ON messages(case_id, id)",
        "CREATE INDEX messages_person ON messages(person_id)",
        "CREATE INDEX messages_meeting ON messages(meeting_id) WHERE meeting_id IS NOT NULL",
        "CREATE INDEX messages_professional ON messages(professional_id) WHERE professional_id IS NOT NULL",
        "CREATE INDEX messages_status ON messages(status, id)",
        # Nobody excluded is ever sent anything, whatever path the write takes...
        """CREATE TRIGGER messages_not_excluded BEFORE INSERT ON messages
           WHEN NEW.person_id IS NOT NULL AND (SELECT excluded FROM people WHERE id = NEW.person_id) = 1
           BEGIN SELECT RAISE(ABORT, 'excluded person'); END""",
        # ...and excluding someone stops whatever was waiting to go to them, at once.
        """CREATE TRIGGER messages_stop_on_exclusion AFTER UPDATE OF excluded ON people
           WHEN NEW.excluded = 1
           BEGIN
             UPDATE messages SET status = 'cancelled', status_reason = 'excluded', secret = NULL,
                    finished_at = strftime('%Y-%m-%dT%H:%M:%f000+00:00', 'now'),
                    updated_at = strftime('%Y-%m-%dT%H:%M:%f000+00:00', 'now')
             WHERE person_id = NEW.id AND status IN ('queued', 'sending');
           END""",
        # Task reminders: a family member's choice, with who recorded it and how they asked. The newest row is
        # the choice in force.
        """CREATE TABLE reminder_choices (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id),
            choice TEXT NOT NULL CHECK (choice IN ('in', 'out')),
            channel TEXT CHECK (channel IN ('sms', 'email')),
            asked TEXT NOT NULL DEFAULT '',
            recorded_by INTEGER REFERENCES users(id),
            source TEXT NOT NULL CHECK (source IN ('staff', 'family')),
            at TEXT NOT NULL,
            CHECK ((choice = 'in') = (channel IS NOT NULL))
        )""",
        "CREATE INDEX reminder_choices_person ON reminder_choices(person_id, id)",
    ])


@migrations()
def m018_throttle_by_client(db):
    """Sign-in guesses counted per account and the browser or address it is tried from, so guessing somebody's
    password from elsewhere does not lock them out where they have signed in before. The old counts are only
    the last hour's guesses: they start again."""
    _run(db, [
        "DROP TABLE sign_in_attempts",
        # kind 'failure': a guess, counted before its password is checked and forgiven if it was right.
        # kind 'refused': the first refusal of a scope in a window, so it is audited and alerted once.
        # client_key: 'browser:<hash of its cookie>' or 'address:<ip key>'; known: 1 when that browser or address
        # has signed in to this account before, when only the pair is counted.
        """CREATE TABLE sign_in_attempts (
            id INTEGER PRIMARY KEY,
            account_key TEXT NOT NULL,
            ip_key TEXT NOT NULL,
            client_key TEXT NOT NULL,
            known INTEGER NOT NULL CHECK (known IN (0, 1)),
            kind TEXT NOT NULL CHECK (kind IN ('failure', 'refused')),
            scope TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        )""",
        "CREATE INDEX sign_in_attempts_pair ON sign_in_attempts(account_key, client_key, at) WHERE kind = 'failure'",
        "CREATE INDEX sign_in_attempts_account ON sign_in_attempts(account_key, at) "
        "WHERE kind = 'failure' AND known = 0",
        "CREATE INDEX sign_in_attempts_address ON sign_in_attempts(ip_key, at) WHERE kind = 'failure' AND known = 0",
        "CREATE INDEX sign_in_attempts_refused ON sign_in_attempts(scope, at) WHERE kind = 'refused'",
        "CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at)",
        # Where each account has signed in (password and second factor): browsers and addresses.
        """CREATE TABLE sign_in_known (
            account_key TEXT NOT NULL,
            client_key TEXT NOT NULL,
            last_at TEXT NOT NULL,
            PRIMARY KEY (account_key, client_key)
        ) WITHOUT ROWID""",
        "CREATE INDEX sign_in_known_at ON sign_in_known(last_at)",
    ])


@migrations()
def m019_second_factor(db):
    """A second factor for every staff account: an authenticator app (TOTP) and single-use recovery codes.

    The TOTP secret is kept encrypted (fgc.domain.second_factor); ``totp_last_step`` is the last 30-second step a
    code was accepted for, so no code works twice. A session is a whole sign-in only once ``second_factor_at`` is
    set: until then it is a password accepted and waiting for the code. Sessions open before this began were
    password-only: they end, and everyone signs in again with a second factor."""
    _run(db, [
        "ALTER TABLE users ADD COLUMN totp_secret TEXT",
        "ALTER TABLE users ADD COLUMN totp_confirmed_at TEXT",
        "ALTER TABLE users ADD COLUMN totp_last_step INTEGER",
        """CREATE TABLE recovery_codes (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            code_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            used_at TEXT
        )""",
        "CREATE INDEX recovery_codes_user ON recovery_codes(user_id) WHERE used_at IS NULL",
        "ALTER TABLE sessions ADD COLUMN second_factor_at TEXT",
        "UPDATE sessions SET ended_at = strftime('%Y-%m-%dT%H:%M:%f000+00:00', 'now'), "
        "end_reason = 'second factor required' WHERE ended_at IS NULL",
    ])


@migrations()
def m020_access_records(db):
    """Who looked at or changed what, found fast at millions of rows: the audit trail indexed by the network member
    or child an event is about (from its detail, so every event ever written is found), and by time and action.
    And a permission beside the roles: a data protection officer may search it and make subject access exports."""
    # Each index answers one equality, so its entries come in id order and a page of the newest is read straight
    # off it, with nothing to sort (fgc.data.access_records).
    _run(db, [
        "CREATE INDEX audit_events_person ON audit_events(CAST(json_extract(detail, '$.person_id') AS INTEGER)) "
        "WHERE json_extract(detail, '$.person_id') IS NOT NULL",
        "CREATE INDEX audit_events_child ON audit_events(CAST(json_extract(detail, '$.child_id') AS INTEGER)) "
        "WHERE json_extract(detail, '$.child_id') IS NOT NULL",
        "CREATE INDEX audit_events_by_user ON audit_events(user_id)",
        # The kind of action: its name up to the first dot or underscore ("case", "sign", "user", "access").
        "CREATE INDEX audit_events_kind ON audit_events("
        "substr(action, 1, instr(replace(action, '_', '.') || '.', '.') - 1))",
        "CREATE INDEX audit_events_at ON audit_events(at)",
        "ALTER TABLE users ADD COLUMN dpo INTEGER NOT NULL DEFAULT 0 CHECK (dpo IN (0, 1))",
    ])


@migrations()
def m021_subject_access(db):
    """Subject access exports: everything fgc holds about one network member or child, as it was when the data
    protection officer made the export (JSON), and its PDF once the worker has made it. Kept as the record of what
    was prepared for release; disposal of the case removes them."""
    _run(db, [
        """CREATE TABLE subject_access_exports (
            id INTEGER PRIMARY KEY,
            subject_kind TEXT NOT NULL CHECK (subject_kind IN ('person', 'child')),
            subject_id INTEGER NOT NULL,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            content TEXT NOT NULL,
            pdf BLOB,
            pdf_at TEXT,
            requested_by INTEGER NOT NULL REFERENCES users(id),
            requested_at TEXT NOT NULL
        )""",
        "CREATE INDEX subject_access_exports_case ON subject_access_exports(case_id)",
    ])


@migrations()
def m022_retention(db):
    """Retention and disposal. A case whose time is up is disposed of in place: everything that says who anyone is
    or what they said is blanked or removed, and what is left is its anonymised statistical record (stage dates,
    outcomes, how many took part and how), which reports go on counting. ``retention_review_on`` is a later review
    date a manager chose; ``disposed_at`` and ``disposed_rule`` say when and under which rule. A child's age at
    referral is kept when their date of birth goes. A frozen plan version's content may be blanked, and only for
    a disposed case."""
    _run(db, [
        "ALTER TABLE cases ADD COLUMN retention_review_on TEXT",
        "ALTER TABLE cases ADD COLUMN retention_note TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE cases ADD COLUMN disposed_at TEXT",
        "ALTER TABLE cases ADD COLUMN disposed_rule TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE children ADD COLUMN age_at_referral INTEGER",
        "DROP TRIGGER plan_versions_no_update",
        """CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
           WHEN (SELECT c.disposed_at FROM plans p JOIN cases c ON c.id = p.case_id WHERE p.id = OLD.plan_id) IS NULL
           BEGIN SELECT RAISE(ABORT, 'plan versions cannot be changed'); END""",
    ])


@migrations()
def m023_setup_secret_per_session(db):
    """A new authenticator app's secret belongs to the one waiting sign-in that offered it, never to the account,
    so someone else who has the password never sees the key the owner sets up."""
    _run(db, [
        "ALTER TABLE sessions ADD COLUMN setup_secret TEXT",
        "UPDATE users SET totp_secret = NULL WHERE totp_confirmed_at IS NULL",
    ])


@migrations()
def m024_outcomes_and_reports(db):
    """Each child's outcome at closure and 3 and 12 months after the first conference (one row per child and
    point), and what the reports count that was not yet recorded as a code: why a family declined the offer,
    whether the family had private time at a meeting, whether a child has a disability, and each member of staff's
    team. The outcome a closed case recorded for all its children becomes each child's outcome at closure.
    Indexes let each report read only the period it shows."""
    _run(db, [
        f"""CREATE TABLE child_outcomes (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            child_id INTEGER NOT NULL REFERENCES children(id),
            point TEXT NOT NULL CHECK (point IN {_in(('closure', 'three_months', 'twelve_months'))}),
            known_on TEXT NOT NULL,
            living_with TEXT NOT NULL CHECK (living_with IN {_in(('parents', 'wider_family', 'care', 'other'))}),
            arrangement TEXT NOT NULL DEFAULT ''
                CHECK (arrangement IN {_in(('', 'informal', 'order', 'kinship_foster'))}),
            proceedings TEXT NOT NULL CHECK (proceedings IN {_in(('no', 'yes', 'unknown'))}),
            legal_order TEXT NOT NULL CHECK (legal_order IN {_in(('none', 'child_arrangements',
                'special_guardianship', 'supervision', 'interim_care', 'care', 'placement', 'other', 'unknown'))}),
            notes TEXT NOT NULL DEFAULT '',
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            version INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL,
            UNIQUE (child_id, point)
        )""",
        "CREATE INDEX child_outcomes_case ON child_outcomes(case_id)",
        """INSERT INTO child_outcomes (case_id, child_id, point, known_on, living_with, proceedings, legal_order,
                                       recorded_by, updated_at)
           SELECT c.id, ch.id, 'closure', c.closed_on, c.closure_living_with, c.closure_proceedings, 'unknown',
                  coalesce(c.coordinator_id, c.created_by), c.updated_at
           FROM cases c JOIN children ch ON ch.case_id = c.id
           WHERE c.closed_on IS NOT NULL AND c.closure_living_with != '' AND c.closure_proceedings != ''""",
        "ALTER TABLE offers ADD COLUMN declined_reason TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE meetings ADD COLUMN private_time INTEGER CHECK (private_time IN (0, 1))",
        f"ALTER TABLE children ADD COLUMN disability TEXT NOT NULL DEFAULT '' "
        f"CHECK (disability IN {_in(('', 'yes', 'no', 'unknown'))})",
        "ALTER TABLE users ADD COLUMN team TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX cases_referred ON cases(referred_on)",
        "CREATE INDEX offers_offered ON offers(offered_on)",
        "CREATE INDEX offers_exception ON offers(exception_decided_on)",
        "CREATE INDEX baselines_held ON baselines(held_on)",
        "CREATE INDEX cases_plan_agreed ON cases(plan_agreed_on)",
    ])


# What the managers' reports read, by table: None for every change, or the columns whose change matters.
_REPORTED = {
    "cases": ("stage", "urgent", "coordinator_id", "referred_on", "allocated_on", "legal_status", "plan_agreed_on",
              "closed_on", "disposed_at"),
    "children": ("ethnicity", "first_language", "disability", "gender", "date_of_birth", "age_at_referral"),
    "offers": None, "consents": ("withdrawn_on",), "baselines": ("held_on",), "pr_holders": None,
    "meetings": ("kind", "status", "held_on", "private_time"), "people": ("excluded",), "attendance": None,
    "plans": None, "plan_resources": ("sign_off_needed", "sign_off"), "child_views": ("gathered", "attending"),
    "child_outcomes": None, "users": ("team",),
}


@migrations()
def m025_report_version(db):
    """A number that moves on whenever something the managers' reports count changes, kept by triggers in the same
    transaction as the change, so a report worked out once can be shown again until its figures could differ
    (:mod:`fgc.domain.reports`). Changes that no report reads (a sign-in, a case's next deadline, a person's
    phone number) leave it alone."""
    statements = ["CREATE TABLE report_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)",
                  "INSERT INTO report_version (id, n) VALUES (1, 0)"]
    bump = "BEGIN UPDATE report_version SET n = n + 1 WHERE id = 1; END"
    for table, columns in _REPORTED.items():
        if table != "users":
            statements += [f"CREATE TRIGGER {table}_reported_insert AFTER INSERT ON {table} {bump}",
                           f"CREATE TRIGGER {table}_reported_delete AFTER DELETE ON {table} {bump}"]
        of = f" OF {', '.join(columns)}" if columns else ""
        statements.append(f"CREATE TRIGGER {table}_reported_update AFTER UPDATE{of} ON {table} {bump}")
    _run(db, statements)


# Ethnicities typed before the census list, as they are commonly written, and the group each is.
_ETHNICITY_WORDS = {
    "white_british": ("white british", "white welsh", "white english", "white scottish", "white northern irish",
                      "british", "welsh", "english", "scottish", "white - british", "white: british"),
    "white_irish": ("white irish", "irish", "white - irish"),
    "white_gypsy_traveller": ("gypsy or irish traveller", "irish traveller", "gypsy", "traveller"),
    "white_roma": ("roma", "white roma"),
    "white_other": ("white polish", "polish", "white other", "white european", "white - other", "any other white"),
    "mixed_white_black_caribbean": ("mixed white and black caribbean", "white and black caribbean"),
    "mixed_white_black_african": ("mixed white and black african", "white and black african"),
    "mixed_white_asian": ("mixed white and asian", "white and asian"),
    "asian_indian": ("indian", "asian indian", "british indian"),
    "asian_pakistani": ("pakistani", "asian pakistani", "british pakistani"),
    "asian_bangladeshi": ("bangladeshi", "asian bangladeshi", "british bangladeshi"),
    "asian_chinese": ("chinese", "asian chinese"),
    "black_african": ("black african", "african", "black british african"),
    "black_caribbean": ("black caribbean", "caribbean", "black british caribbean"),
    "other_arab": ("arab", "other arab"),
}


@migrations()
def m026_ethnicity_groups(db):
    """A child's ethnicity is chosen from the census groups. Words typed before that are turned into their group
    where they plainly name one; anything else is kept as typed."""
    for code, spellings in _ETHNICITY_WORDS.items():
        for words in spellings:
            db.execute("UPDATE children SET ethnicity = ? WHERE lower(trim(ethnicity)) = ?", [code, words])
