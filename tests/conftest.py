"""Shared test set-up: every test runs with its own data dir and tracker, and in a known UI language."""

from __future__ import annotations

import pytest

from sar import i18n


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
