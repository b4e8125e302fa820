"""The same store on PostgreSQL. Runs when TIPTRACE_TEST_PG names a server URL, e.g.
postgresql+psycopg://postgres@127.0.0.1:55432/postgres (needs `pip install .[postgres]`)."""

import os

import pytest

URL = os.environ.get("TIPTRACE_TEST_PG")
pytestmark = pytest.mark.skipif(not URL, reason="set TIPTRACE_TEST_PG to a PostgreSQL URL")


def test_store_queries_import_and_audit_on_postgres(tmp_path):
    from tiptrace.record import queries
    from tiptrace.record.importer import import_file
    from tiptrace.record.store import Store
    from tiptrace.rules import queries as rules

    store = Store.open(URL)
    store.rebuild()
    assert store.counts()["tip_tiers"] > 4000
    assert queries.streak(store, "PRK", 2017).contract()["length"] == 15
    path = tmp_path / "x.csv"
    path.write_text("iso3,report_year,tier,source\nUSA,2011,1,https://example.org/2011\n")
    assert import_file(store, path).rows == 1
    assert store.imported_origins() == ["import:x.csv"]
    assert rules.audit(store, "RUS", 2013)["findings"][0]["kind"] == "automatic_downgrade"
    store.rebuild()


def test_evidence_ledger_two_writers_on_postgres():
    """Two writers revising the same item at once: every revision is kept, numbered without
    gaps, each in the audit log; the tables refuse UPDATE and DELETE."""
    import threading

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from tiptrace.evidence.ledger import Ledger
    from tiptrace.evidence.models import Grade, ItemBody
    from tiptrace.evidence.tables import metadata
    from tiptrace.record.store import Store

    store = Store.open(URL)
    metadata.drop_all(store.engine)
    ledger = Ledger(store)
    import uuid

    name = f"pg-writer-{uuid.uuid4().hex[:8]}"
    token = store.create_token(name)
    body = ItemBody(country="RUS", report_year=2021, bears_on="trafficking", direction="supports",
                    responsibility="state_complicit", statement="A constructed item for the test.",
                    source={"document": "test document", "publisher": "Test", "date": "2021",
                            "type": "ngo", "url": "https://example.org/pg"})
    ledger.add(body, Grade(analyst=name, reliability="B", credibility=2), token, "pg-1")
    errors = []

    def writer(k: int) -> None:
        own = Ledger(Store.open(URL))
        try:
            for i in range(10):
                own.revise("pg-1", {"statement": f"Revision by writer {k}, number {i}."}, token)
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    revs = [r["revision"] for r in ledger.history("pg-1")["revisions"]]
    assert revs == list(range(1, 22))
    assert sum(1 for e in ledger.audit_log("pg-1") if e["action"] == "revise") == 20
    with pytest.raises(DBAPIError, match="append-only"):
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM evidence_revisions"))
    assert len(ledger.history("pg-1")["revisions"]) == 21
