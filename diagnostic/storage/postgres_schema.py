"""The PostgreSQL schema, as numbered steps applied by `store migrate`.

``STEPS[n - 1]`` takes a database from schema version n - 1 to n; version 0
is a database without the ``diagnostic`` schema. A step is only ever added,
never edited once released: a database remembers its version in
``diagnostic.schema_version``. Plain SQL text, so that this module imports
nothing (postgres_store.py is the only file that talks to the server).

Who sees what (row-level security): a front connects as its own role; the
table ``fronts`` maps each role to its structure, and ``my_structure()``
reads it for ``current_user``. Front roles are members of
``diagnostic_front``, the only role the policies let in: they read the
sessions of their structure and those shared with it, and change only
their structure's. The owner of the tables (the role that ran the
migration: the territory's administrator) is not subject to the policies:
retention, exports for a person's request, erasure across structures.
"""
from __future__ import annotations

FRONT_GROUP = "diagnostic_front"

_V1 = """
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'diagnostic_front') THEN
        CREATE ROLE diagnostic_front NOLOGIN;
    END IF;
END $$;

CREATE TABLE diagnostic.fronts (
    role name PRIMARY KEY,
    structure text NOT NULL CHECK (structure ~ '^[a-z0-9][a-z0-9_-]{0,62}$')
);

CREATE FUNCTION diagnostic.my_structure() RETURNS text
    LANGUAGE sql STABLE AS $$ SELECT structure FROM diagnostic.fronts WHERE role = current_user $$;

-- The record is kept as `json` (its text as written: answers keep their order);
-- the columns beside it are what queries, constraints and policies need.
CREATE TABLE diagnostic.sessions (
    id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{12}$'),
    structure text NOT NULL,
    shared_with text[] NOT NULL DEFAULT '{}',
    code text NOT NULL CONSTRAINT sessions_code_unique UNIQUE,
    status text NOT NULL,
    updated_at timestamptz NOT NULL,
    record json NOT NULL,
    summary json,             -- the list's line (SessionSummary), so that a list reads no record
    -- the writer's lease: one writer per session; it expires unless renewed
    lease_token uuid,
    lease_holder text,
    lease_until timestamptz
);
CREATE INDEX sessions_recent ON diagnostic.sessions (updated_at DESC, id DESC);
CREATE INDEX sessions_shared ON diagnostic.sessions USING gin (shared_with);

CREATE TABLE diagnostic.access_log (
    n bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    event text NOT NULL,
    front text NOT NULL,
    os_user text NOT NULL,
    db_role name NOT NULL DEFAULT current_user,
    structure text DEFAULT diagnostic.my_structure(),
    session text,
    ok boolean
);
CREATE INDEX access_log_at ON diagnostic.access_log (at);
CREATE INDEX access_log_session ON diagnostic.access_log (session);

ALTER TABLE diagnostic.sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_own_or_shared ON diagnostic.sessions FOR SELECT TO diagnostic_front
    USING (structure = diagnostic.my_structure()
           OR diagnostic.my_structure() = ANY (shared_with));
CREATE POLICY create_own ON diagnostic.sessions FOR INSERT TO diagnostic_front
    WITH CHECK (structure = diagnostic.my_structure());
CREATE POLICY change_own ON diagnostic.sessions FOR UPDATE TO diagnostic_front
    USING (structure = diagnostic.my_structure())
    WITH CHECK (structure = diagnostic.my_structure());
CREATE POLICY erase_own ON diagnostic.sessions FOR DELETE TO diagnostic_front
    USING (structure = diagnostic.my_structure());

ALTER TABLE diagnostic.access_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_own ON diagnostic.access_log FOR SELECT TO diagnostic_front
    USING (structure = diagnostic.my_structure());
CREATE POLICY write_own ON diagnostic.access_log FOR INSERT TO diagnostic_front
    WITH CHECK (structure = diagnostic.my_structure() AND db_role = current_user);
CREATE POLICY purge_own ON diagnostic.access_log FOR DELETE TO diagnostic_front
    USING (structure = diagnostic.my_structure());

GRANT USAGE ON SCHEMA diagnostic TO diagnostic_front;
GRANT SELECT ON diagnostic.fronts, diagnostic.schema_version TO diagnostic_front;
GRANT SELECT, INSERT, UPDATE, DELETE ON diagnostic.sessions TO diagnostic_front;
GRANT SELECT, INSERT, DELETE ON diagnostic.access_log TO diagnostic_front;
GRANT USAGE ON SEQUENCE diagnostic.access_log_n_seq TO diagnostic_front;
"""

STEPS: list[str] = [_V1]
LATEST = len(STEPS)

#: run before the steps, in the migration's transaction
PREPARE = """
CREATE SCHEMA IF NOT EXISTS diagnostic;
CREATE TABLE IF NOT EXISTS diagnostic.schema_version (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version integer NOT NULL,
    migrated_at timestamptz NOT NULL DEFAULT now()
);
"""
