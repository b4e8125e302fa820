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
