"""How sar asks a register for something: one GET at a time, throttled to the register's limit, retried on 429, and
every failure told in one line naming the register (offline, timed out, an error status, an answer that is not JSON).

The requests carry a descriptive User-Agent (as the Recherche d'entreprises asks) and nothing else about whoever runs
sar: the callers build their parameters from sar's own data or from what the person was shown and agreed to send.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import httpx

from sar import __version__
from sar.errors import SarError
from sar.i18n import _

USER_AGENT = f"sar/{__version__} (GDPR access-request helper; python-httpx)"
TIMEOUT_SECONDS = 20.0
MAX_RETRIES_ON_429 = 2
MAX_RETRY_AFTER_SECONDS = 10.0


class RegisterUnavailable(SarError):
    """A register could not be reached, or answered with an error or in a shape sar does not know: nothing was
    written, and the message says how to retry. Exit status 1 (`sar directory update`)."""

    exit_code = 1


class Throttle:
    """Space requests at least `interval` seconds apart, across threads (the TUI asks from a worker)."""

    def __init__(self, interval: float):
        self.interval = interval
        self.lock = threading.Lock()
        self.last = float("-inf")

    def wait(self, sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> None:
        with self.lock:
            delay = self.last + self.interval - clock()
            if delay > 0:
                sleep(delay)
            self.last = clock()


@dataclass
class Traffic:
    """What a run sent and received, for its summary: requests, bytes received, seconds spent waiting on answers."""

    requests: int = 0
    bytes_received: int = 0
    urls: list[str] = field(default_factory=list)


def retry_after(response: httpx.Response) -> float:
    """Seconds to wait before retrying, from `Retry-After` (seconds or HTTP date), bounded so no one is left hanging."""
    value = response.headers.get("Retry-After", "1")
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds()
        except (TypeError, ValueError):
            seconds = 1.0
    return max(0.0, min(seconds, MAX_RETRY_AFTER_SECONDS))


def get_json(client: httpx.Client, url: str, params: Mapping[str, str], *, register: str, retry: str,
             throttle: Throttle, sleep: Callable[[float], None] = time.sleep, traffic: Traffic | None = None) -> object:
    """GET `url` and decode its JSON. `register` names it for the person ("The Annuaire de l'administration (DILA)"),
    `retry` says what to do next; every failure raises RegisterUnavailable with one line made of both."""
    for attempt in range(MAX_RETRIES_ON_429 + 1):
        throttle.wait(sleep=sleep)
        try:
            response = client.get(url, params=dict(params), timeout=TIMEOUT_SECONDS,
                                  headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
        except httpx.TimeoutException:
            raise RegisterUnavailable(_("{register} did not answer in time; {retry}").format(
                register=register, retry=retry)) from None
        except httpx.HTTPError:
            raise RegisterUnavailable(_("{register} could not be reached (are you offline?); {retry}").format(
                register=register, retry=retry)) from None
        if traffic is not None:
            traffic.requests += 1
            traffic.bytes_received += len(response.content)
            traffic.urls.append(str(response.request.url))
        if response.status_code == 429 and attempt < MAX_RETRIES_ON_429:
            sleep(retry_after(response))
            continue
        if response.status_code != 200:
            raise RegisterUnavailable(_("{register} answered with an error ({status}); {retry}").format(
                register=register, status=response.status_code, retry=retry))
        try:
            return response.json()
        except ValueError:
            raise RegisterUnavailable(_("{register} sent an answer sar cannot read; {retry}").format(
                register=register, retry=retry)) from None
    raise AssertionError("unreachable")
