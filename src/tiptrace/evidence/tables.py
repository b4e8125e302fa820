"""The ledger's tables, in the same store as the record but outside `rebuild` (which replaces the
record's tables only). Every table is append-only: the ledger inserts and never updates or
deletes, and on SQLite and PostgreSQL triggers refuse an UPDATE or DELETE from anyone else."""

from __future__ import annotations

from sqlalchemy import DDL, Column, Integer, MetaData, String, Table, Text, event

metadata = MetaData()

# One row per revision of an item: the whole body as JSON, so any revision can be read back.
revisions = Table(
    "evidence_revisions", metadata,
    Column("item_id", String(64), primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("country", String(3), nullable=False, index=True),
    Column("report_year", Integer, nullable=False, index=True),
    Column("status", String(16), nullable=False),  # active | withdrawn
    Column("body", Text, nullable=False),
    Column("token", String(64), nullable=False),
    Column("created", String(32), nullable=False),
)
# One row per grade given; an analyst's latest grade of an item is the one that counts.
grades = Table(
    "evidence_grades", metadata,
    Column("grade_id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", String(64), nullable=False, index=True),
    Column("item_revision", Integer, nullable=False),
    Column("analyst", String(64), nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("credibility", Integer, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("token", String(64), nullable=False),
    Column("created", String(32), nullable=False),
)
# Which token did what and when.
audit = Table(
    "evidence_audit", metadata,
    Column("event_id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("token", String(64), nullable=False),
    Column("action", String(16), nullable=False),
    Column("item_id", String(64), nullable=False),
    Column("revision", Integer),
    Column("detail", Text, nullable=False, default=""),
)

_NAMES = ("evidence_revisions", "evidence_grades", "evidence_audit")

for _name in _NAMES:
    for _op in ("UPDATE", "DELETE"):
        event.listen(metadata.tables[_name], "after_create", DDL(
            f"CREATE TRIGGER {_name}_no_{_op.lower()} BEFORE {_op} ON {_name} "
            f"BEGIN SELECT RAISE(ABORT, 'the evidence ledger is append-only'); END"
        ).execute_if(dialect="sqlite"))
    event.listen(metadata.tables[_name], "after_create", DDL(
        f"CREATE TRIGGER {_name}_append_only BEFORE UPDATE OR DELETE ON {_name} "
        f"FOR EACH ROW EXECUTE FUNCTION evidence_append_only()").execute_if(dialect="postgresql"))

_FUNCTION = ("CREATE OR REPLACE FUNCTION evidence_append_only() RETURNS trigger AS $$ BEGIN "
             "RAISE EXCEPTION 'the evidence ledger is append-only'; END; $$ LANGUAGE plpgsql")
for _name in _NAMES:  # only when a table is created: concurrent writers never run DDL
    event.listen(metadata.tables[_name], "before_create",
                 DDL(_FUNCTION).execute_if(dialect="postgresql"))
