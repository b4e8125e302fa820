import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client_for_check(db_path):
    from tiptrace.web.app import create_app

    return TestClient(create_app(str(db_path)))
