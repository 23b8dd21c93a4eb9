"""Shared test set-up: every test runs with its own data dir and tracker, and in a known UI language."""

from __future__ import annotations

import httpx
import pytest

from sar import i18n
from sar.directory import lookup


@pytest.fixture(autouse=True)
def isolated_user_files(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's sar folder."""
    data = tmp_path_factory.mktemp("sar-data")
    monkeypatch.setenv("SAR_DATA_DIR", str(data))
    monkeypatch.delenv("SAR_DB", raising=False)
    monkeypatch.setenv("SAR_LANG", "en")
    i18n.set_language("en")
    yield data
    i18n.set_language("en")


@pytest.fixture
def register(monkeypatch):
    """The company register, faked in-process for every sar look-up: records each request (returned as a list);
    "harmonie" finds Harmonie Mutuelle, the name "offline" fails to connect, anything else finds nothing."""
    from tests.test_lookup import HARMONIE

    seen: list[httpx.Request] = []
    real_client = httpx.Client

    def handler(request):
        seen.append(request)
        if request.url.params["q"] == "offline":
            raise httpx.ConnectError("no network")
        return httpx.Response(200, json=HARMONIE if "harmonie" in request.url.params["q"].lower() else {"results": []})

    monkeypatch.setattr(lookup.httpx, "Client", lambda **kw: real_client(transport=httpx.MockTransport(handler), **kw))
    monkeypatch.setattr(lookup._throttle, "interval", 0.0)
    return seen


@pytest.fixture
def registers_online(monkeypatch):
    """Both State registers (the Annuaire de l'administration and the company register), answered in-process from the
    recorded answers of tests/fixtures/registers for every client sar makes; the fake server is returned, and records
    each request (`.requests`); set `.offline = True` to cut the network."""
    from sar.directory import annuaire
    from tests.fixtures.registers.server import Registers

    server = Registers()
    real_client = httpx.Client
    monkeypatch.setattr(httpx, "Client", lambda **kw: real_client(transport=httpx.MockTransport(server), **kw))
    monkeypatch.setattr(lookup._throttle, "interval", 0.0)
    monkeypatch.setattr(annuaire.throttle, "interval", 0.0)
    return server
