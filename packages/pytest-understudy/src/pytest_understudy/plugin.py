"""The pytest plugin (entry point `understudy`): the `understudy` and `understudy_server` fixtures."""

from __future__ import annotations

from typing import Iterator

import pytest

from ._client import Understudy
from ._server import Server, start_server


@pytest.fixture(scope="session")
def understudy_server() -> Iterator[Server]:
    """One `understudy serve --port 0 --json` for the session (per xdist worker), stopped at the end."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def understudy(understudy_server: Server, monkeypatch: pytest.MonkeyPatch) -> Iterator[Understudy]:
    """This test's partition of the session's server, with the SDKs' variables in os.environ."""
    handle = Understudy(understudy_server)
    for name, value in handle.env.items():
        monkeypatch.setenv(name, value)
    try:
        yield handle
    finally:
        handle.reset()
