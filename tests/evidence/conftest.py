import pytest


@pytest.fixture()
def ledger(fresh_store):
    from tiptrace.evidence.ledger import Ledger

    return Ledger(fresh_store)


@pytest.fixture()
def token(fresh_store):
    return fresh_store.create_token("analyst-one")
