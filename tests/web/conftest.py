import pytest
from fastapi.testclient import TestClient
from servers import uvicorn_server


@pytest.fixture(scope="module")
def client(db_path):
    from tiptrace.web.app import create_app

    return TestClient(create_app(str(db_path)))


@pytest.fixture(scope="module")
def live_server(db_path):
    """The app under uvicorn on a free loopback port, as `tiptrace serve` runs it."""
    with uvicorn_server(str(db_path)) as (url, _):
        yield url
