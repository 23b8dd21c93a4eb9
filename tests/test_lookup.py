"""Looking up an organisation's address: entirely offline (httpx.MockTransport), and proving nothing personal goes out."""

from __future__ import annotations

import json

import httpx
import pytest

from sar.directory import lookup

HARMONIE = {
    "results": [
        {
            "siren": "538518473",
            "nom_complet": "HARMONIE MUTUELLE",
            "nom_raison_sociale": "HARMONIE MUTUELLE",
            "siege": {
                "adresse": "143 RUE BLOMET 75015 PARIS",
                "code_postal": "75015",
                "libelle_commune": "PARIS",
            },
        }
    ],
    "total_results": 1,
    "page": 1,
    "per_page": 10,
    "total_pages": 1,
}


class Recorder:
    """A fake register that records every request it receives and answers from a script of responses."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        response = self.responses.pop(0)
        if isinstance(response, Exception):
            raise response
        return response

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))


def no_sleep(seconds):
    no_sleep.waits.append(seconds)


@pytest.fixture(autouse=True)
def fake_time(monkeypatch):
    no_sleep.waits = []
    monkeypatch.setattr(lookup._throttle, "interval", 0.0)


def test_happy_path_returns_the_head_office_and_sends_only_the_name():
    register = Recorder(httpx.Response(200, json=HARMONIE))
    (candidate,) = lookup.search_organisations("Harmonie Mutuelle", client=register.client(), sleep=no_sleep)
    assert candidate == lookup.Candidate("HARMONIE MUTUELLE", "538518473", "143 RUE BLOMET 75015 PARIS", "75015", "PARIS")
    assert candidate.postal == "143 RUE BLOMET\n75015 PARIS"
    (request,) = register.requests
    assert request.method == "GET"
    assert request.url.path == "/search"
    assert dict(request.url.params) == {"q": "Harmonie Mutuelle", "per_page": "10"}
    assert request.headers["User-Agent"].startswith("sar/")
    assert request.content == b""


def test_postcode_is_sent_only_when_asked():
    register = Recorder(httpx.Response(200, json=HARMONIE))
    lookup.search_organisations("Harmonie Mutuelle", "75015", client=register.client(), sleep=no_sleep)
    assert dict(register.requests[0].url.params) == {"q": "Harmonie Mutuelle", "per_page": "10", "code_postal": "75015"}


def test_base_url_can_be_replaced(monkeypatch):
    monkeypatch.setenv("SAR_ENTREPRISES_API", "http://127.0.0.1:9/stand-in/")
    register = Recorder(httpx.Response(200, json=HARMONIE))
    lookup.search_organisations("Harmonie Mutuelle", client=register.client(), sleep=no_sleep)
    assert str(register.requests[0].url).startswith("http://127.0.0.1:9/stand-in/search?")


def test_no_result():
    register = Recorder(httpx.Response(200, json={"results": [], "total_results": 0}))
    assert lookup.search_organisations("Zzyzx Mutuelle", client=register.client(), sleep=no_sleep) == []


def test_several_results_keep_the_register_order():
    document = {"results": [dict(HARMONIE["results"][0], siren=str(n), nom_raison_sociale=f"MUTUELLE {n}") for n in range(3)]}
    register = Recorder(httpx.Response(200, json=document))
    names = [c.name for c in lookup.search_organisations("Mutuelle", client=register.client(), sleep=no_sleep)]
    assert names == ["MUTUELLE 0", "MUTUELLE 1", "MUTUELLE 2"]


def test_429_then_success_honours_retry_after():
    register = Recorder(httpx.Response(429, headers={"Retry-After": "3"}), httpx.Response(200, json=HARMONIE))
    candidates = lookup.search_organisations("Harmonie Mutuelle", client=register.client(), sleep=no_sleep)
    assert [c.siren for c in candidates] == ["538518473"]
    assert 3.0 in no_sleep.waits
    assert len(register.requests) == 2


def test_429_forever_gives_up_with_a_clear_message():
    register = Recorder(*[httpx.Response(429, headers={"Retry-After": "600"})] * 3)
    with pytest.raises(lookup.LookupUnavailable, match="error \\(429\\)"):
        lookup.search_organisations("Harmonie Mutuelle", client=register.client(), sleep=no_sleep)
    assert max(no_sleep.waits) == lookup.MAX_RETRY_AFTER_SECONDS


@pytest.mark.parametrize(
    "failure, message",
    [
        (httpx.ReadTimeout("slow"), "did not answer in time"),
        (httpx.ConnectError("no route"), "are you offline"),
    ],
)
def test_network_failures_say_so_in_one_line(failure, message):
    register = Recorder(failure)
    with pytest.raises(lookup.LookupUnavailable, match=message) as error:
        lookup.search_organisations("Harmonie Mutuelle", client=register.client(), sleep=no_sleep)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("body", [b"<html>oops</html>", b'{"results": "nope"}', b'{"results": [42]}'])
def test_malformed_answers(body):
    register = Recorder(httpx.Response(200, content=body))
    with pytest.raises(lookup.LookupUnavailable, match="cannot read"):
        lookup.search_organisations("Harmonie Mutuelle", client=register.client(), sleep=no_sleep)


def test_results_are_cached_privately(isolated_user_files):
    register = Recorder(httpx.Response(200, json=HARMONIE))
    first = lookup.search_organisations("Harmonie  mutuelle", client=register.client(), sleep=no_sleep)
    again = lookup.search_organisations("harmonie mutuelle", client=register.client(), sleep=no_sleep)
    assert first == again and len(register.requests) == 1
    cache = isolated_user_files / "lookup-cache.json"
    assert cache.stat().st_mode & 0o777 == 0o600
    assert "538518473" in cache.read_text()


def test_a_damaged_cache_is_ignored(isolated_user_files):
    (isolated_user_files / "lookup-cache.json").write_text("{not json")
    register = Recorder(httpx.Response(200, json=HARMONIE))
    assert lookup.search_organisations("Harmonie Mutuelle", client=register.client(), sleep=no_sleep)
    assert json.loads((isolated_user_files / "lookup-cache.json").read_text())


def test_throttle_spaces_requests():
    throttle = lookup._Throttle(0.25)
    clock = iter([0.0, 0.0, 0.1, 0.25]).__next__
    waits = []
    throttle.wait(sleep=waits.append, clock=clock)
    throttle.wait(sleep=waits.append, clock=clock)
    assert waits == [pytest.approx(0.15)]
