"""Find an organisation's registered (head-office) address in the public company register, offline-safe and private.

The public "API Recherche d'entreprises" (recherche-entreprises.api.gouv.fr, no key) answers `GET /search?q=NAME` with
`results[].siege`, the head office. Only the organisation's name, and a postcode if the user asks, ever leave the machine:
this module is never given anything about the person. Results are cached in the data dir; the cache is private too,
since the organisations a person looks up (a clinic, a mutuelle) can say something about their health.

Offline, or on any network or server error, a `LookupUnavailable` says so in one line and the user types the address.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

from sar import __version__, directory
from sar.errors import SarError
from sar.i18n import _
from sar.locations import data_dir
from sar.private_files import slugify, write_private

DEFAULT_API = "https://recherche-entreprises.api.gouv.fr"
USER_AGENT = f"sar/{__version__} (GDPR access-request helper; python-httpx)"
TIMEOUT_SECONDS = 10.0
MIN_INTERVAL_SECONDS = 0.25  # at most 4 requests a second (the service allows 7 per IP)
MAX_RETRIES_ON_429 = 2
MAX_RETRY_AFTER_SECONDS = 10.0
CACHE_DAYS = 30
MAX_RESULTS = 10


class LookupUnavailable(SarError):
    """The register could not be reached or answered badly: the user types the address by hand."""


@dataclass(frozen=True)
class Candidate:
    """One organisation the register found: its legal name, SIREN and head-office address."""

    name: str
    siren: str
    address: str  # one line, as the register writes it
    postcode: str = ""
    city: str = ""

    @property
    def postal(self) -> str:
        """The address as letter lines (street, then "postcode city"); the register gives it as one line."""
        street = self.address
        tail = f"{self.postcode} {self.city}".strip()
        if tail and street.upper().endswith(tail.upper()):
            street = street[: -len(tail)].rstrip(" ,")
        return "\n".join(part for part in (street, tail) if part)


def api_base() -> str:
    return os.environ.get("SAR_ENTREPRISES_API", DEFAULT_API).rstrip("/")


class _Throttle:
    """Space requests at least MIN_INTERVAL_SECONDS apart, across threads (the TUI looks up in a worker)."""

    def __init__(self, interval: float):
        self.interval = interval
        self.lock = threading.Lock()
        self.last = float("-inf")

    def wait(self, sleep=time.sleep, clock=time.monotonic) -> None:
        with self.lock:
            delay = self.last + self.interval - clock()
            if delay > 0:
                sleep(delay)
            self.last = clock()


_throttle = _Throttle(MIN_INTERVAL_SECONDS)


def _cache_path() -> Path:
    return data_dir() / "lookup-cache.json"


def _cache_key(name: str, postcode: str | None) -> str:
    return f"{' '.join(name.lower().split())}|{postcode or ''}"


def _read_cache() -> dict:
    try:
        cache = json.loads(_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a missing or damaged cache is only a cache: start again
    return cache if isinstance(cache, dict) else {}


def _cached(key: str, now: datetime) -> list[Candidate] | None:
    entry = _read_cache().get(key)
    try:
        fetched = datetime.fromisoformat(entry["fetched"])
        if now - fetched > timedelta(days=CACHE_DAYS):
            return None
        return [Candidate(**candidate) for candidate in entry["candidates"]]
    except (TypeError, KeyError, ValueError):
        return None


def _store(key: str, candidates: list[Candidate], now: datetime) -> None:
    cache = _read_cache()
    cache[key] = {"fetched": now.isoformat(), "candidates": [asdict(c) for c in candidates]}
    try:
        write_private(_cache_path(), json.dumps(cache, ensure_ascii=False), durable=False)
    except OSError:
        pass  # failing to cache must not fail the look-up


def parse_results(document: object) -> list[Candidate]:
    """Candidates from the API's JSON; raises ValueError when the document does not have the documented shape."""
    if not isinstance(document, dict) or not isinstance(document.get("results"), list):
        raise ValueError("no results list")
    candidates = []
    for result in document["results"]:
        if not isinstance(result, dict):
            raise ValueError("a result is not an object")
        head_office = result.get("siege") or {}
        if not isinstance(head_office, dict):
            raise ValueError("siege is not an object")
        candidates.append(
            Candidate(
                name=str(result.get("nom_raison_sociale") or result.get("nom_complet") or "").strip(),
                siren=str(result.get("siren") or ""),
                address=str(head_office.get("adresse") or "").strip(),
                postcode=str(head_office.get("code_postal") or ""),
                city=str(head_office.get("libelle_commune") or ""),
            )
        )
    return [c for c in candidates if c.name]


def search_organisations(
    name: str,
    postcode: str | None = None,
    *,
    client: httpx.Client | None = None,
    use_cache: bool = True,
    sleep=time.sleep,
) -> list[Candidate]:
    """Look `name` up in the company register; only `name` (and `postcode` if given) is sent.

    `client` lets tests and the TUI inject a transport; `sleep` lets tests skip real waiting on 429.
    """
    name = " ".join(name.split())
    if len(name) < 3:
        raise LookupUnavailable(_("Type at least three characters of the organisation's name."))
    now = datetime.now(timezone.utc)
    key = _cache_key(name, postcode)
    if use_cache and (hit := _cached(key, now)) is not None:
        return hit
    params = {"q": name, "per_page": str(MAX_RESULTS)}
    if postcode:
        params["code_postal"] = postcode
    own_client = client is None
    client = client or httpx.Client(timeout=TIMEOUT_SECONDS)
    try:
        response = _get_with_retries(client, f"{api_base()}/search", params, sleep)
    finally:
        if own_client:
            client.close()
    try:
        candidates = parse_results(response.json())
    except ValueError:
        raise LookupUnavailable(
            _("The company register sent an answer sar cannot read; type the address by hand.")
        ) from None
    _store(key, candidates, now)
    return candidates


def _get_with_retries(client: httpx.Client, url: str, params: dict, sleep) -> httpx.Response:
    for attempt in range(MAX_RETRIES_ON_429 + 1):
        _throttle.wait(sleep=sleep)
        try:
            response = client.get(url, params=params, headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
                                  timeout=TIMEOUT_SECONDS)
        except httpx.TimeoutException:
            raise LookupUnavailable(
                _("The company register did not answer in time; try again later or type the address by hand.")
            ) from None
        except httpx.HTTPError:
            raise LookupUnavailable(
                _("Could not reach the company register (are you offline?); type the address by hand.")
            ) from None
        if response.status_code == 429 and attempt < MAX_RETRIES_ON_429:
            sleep(_retry_after(response))
            continue
        if response.status_code != 200:
            raise LookupUnavailable(
                _("The company register answered with an error ({status}); try again later or type the address by hand.")
                .format(status=response.status_code)
            )
        return response
    raise AssertionError("unreachable")


def _retry_after(response: httpx.Response) -> float:
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


def add_to_directory(candidate: Candidate, actor_id: str | None = None) -> directory.Actor:
    """Record a register result in the user's directory and return the entry; an existing entry (e.g. the slot
    `your-mutuelle`) keeps its name and gains the address. The register page is the contact's source."""
    actor_id = actor_id or slugify(candidate.name, fallback="organisation")
    known = directory.load_directory()
    today = date.today().isoformat()
    register_page = f"https://annuaire-entreprises.data.gouv.fr/entreprise/{candidate.siren}"
    note = {
        "en": f"Head-office address from the public company register (SIREN {candidate.siren}), looked up on {today}; "
              "the data-protection officer may have another address (see the privacy policy).",
        "fr": f"Adresse du siège relevée dans le répertoire public des entreprises (SIREN {candidate.siren}) le {today} ; "
              "le délégué à la protection des données peut avoir une autre adresse (voir la politique de confidentialité).",
    }
    existing = known.get(actor_id)
    actor = existing or directory.Actor(
        id=actor_id, name=candidate.name, category="imported",
        role={"en": "Organisation added by you from the company register.",
              "fr": "Organisme ajouté par vous depuis le répertoire des entreprises."},
    )
    actor = replace(
        actor,
        notes=note,
        sources=tuple(dict.fromkeys((*actor.sources, register_page))),
        contact=replace(actor.contact, postal=candidate.postal, source=register_page, verified=today),
    )
    directory.add_user_actors([actor])
    return actor
