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
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import httpx

from sar import directory
from sar.directory.entries import same_name
from sar.directory.fetching import (MAX_RETRY_AFTER_SECONDS, USER_AGENT, RegisterUnavailable, Throttle, Traffic,
                                    get_json)
from sar.i18n import _
from sar.locations import data_dir
from sar.private_files import slugify, write_private

__all__ = ["DEFAULT_API", "MAX_RETRY_AFTER_SECONDS", "USER_AGENT", "Candidate", "LookupUnavailable", "search_organisations",
           "search_places", "registered_office", "add_to_directory"]

DEFAULT_API = "https://recherche-entreprises.api.gouv.fr"
REGISTER = "entreprises"
TIMEOUT_SECONDS = 10.0
MIN_INTERVAL_SECONDS = 0.25  # at most 4 requests a second (the service allows 7 per IP)
CACHE_DAYS = 30
MAX_RESULTS = 10
REGISTER_PAGE = "https://annuaire-entreprises.data.gouv.fr"
PUBLIC_HOSPITAL_FORMS = ("7364",)  # INSEE legal form: établissement d'hospitalisation (public hospitals)


class LookupUnavailable(RegisterUnavailable):
    """The register could not be reached or answered badly: the user types the address by hand."""

    exit_code = 2


@dataclass(frozen=True)
class Candidate:
    """One organisation the register found: its legal name, SIREN and address (its head office, or the establishment
    that matched the postcode asked for)."""

    name: str
    siren: str
    address: str  # one line, as the register writes it
    postcode: str = ""  # or the CEDEX code, when the address has one
    city: str = ""
    siret: str = ""  # the establishment's, when the address is an establishment's rather than the head office's
    legal_form: str = ""  # INSEE's nature_juridique (7364: a public hospital)
    finess: tuple[str, ...] = ()  # FINESS numbers: a health establishment

    @property
    def postal(self) -> str:
        """The address as letter lines (street, then "postcode city"); the register gives it as one line."""
        street = self.address
        tail = f"{self.postcode} {self.city}".strip()
        if tail and street.upper().endswith(tail.upper()):
            street = street[: -len(tail)].rstrip(" ,")
        return "\n".join(part for part in (street, tail) if part)

    @property
    def record(self) -> str:
        """The register's public page for what was found (the establishment's, or the company's)."""
        return (f"{REGISTER_PAGE}/etablissement/{self.siret}" if self.siret
                else f"{REGISTER_PAGE}/entreprise/{self.siren}")


def api_base() -> str:
    return os.environ.get("SAR_ENTREPRISES_API", DEFAULT_API).rstrip("/")


_throttle = Throttle(MIN_INTERVAL_SECONDS)
_Throttle = Throttle  # the name the tests and older callers use


def _the_register() -> str:
    return _("The company register")


def _cache_path() -> Path:
    return data_dir() / "lookup-cache.json"


def _cache_key(name: str, postcode: str | None, filters: Mapping[str, str] | None = None) -> str:
    extra = "|".join(f"{key}={value}" for key, value in sorted((filters or {}).items()))
    return f"{' '.join(name.lower().split())}|{postcode or ''}" + (f"|{extra}" if extra else "")


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
        return [Candidate(**dict(candidate, finess=tuple(candidate.get("finess", ())))) for candidate in
                entry["candidates"]]
    except (TypeError, KeyError, ValueError):
        return None


def _store(key: str, candidates: list[Candidate], now: datetime) -> None:
    cache = _read_cache()
    cache[key] = {"fetched": now.isoformat(), "candidates": [asdict(c) for c in candidates]}
    try:
        write_private(_cache_path(), json.dumps(cache, ensure_ascii=False), durable=False)
    except OSError:
        pass  # failing to cache must not fail the look-up


def _text(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, (str, int)) and value is not True else ""


def _place(result: Mapping, office: Mapping, establishment: bool) -> Candidate:
    cedex = _text(office.get("cedex"))
    finess = office.get("liste_finess") or (result.get("complements") or {}).get("liste_finess_juridique") or ()
    return Candidate(
        name=_text(result.get("nom_raison_sociale") or result.get("nom_complet")),
        siren=_text(result.get("siren")),
        address=_text(office.get("adresse")),
        postcode=cedex or _text(office.get("code_postal")),
        city=_text(office.get("libelle_cedex")) if cedex else _text(office.get("libelle_commune")),
        siret=_text(office.get("siret")) if establishment else "",
        legal_form=_text(result.get("nature_juridique")),
        finess=tuple(_text(number) for number in finess if _text(number)) if isinstance(finess, list) else (),
    )


def parse_results(document: object, *, establishments: bool = False) -> list[Candidate]:
    """Candidates from the API's JSON; raises ValueError when the document does not have the documented shape.

    With `establishments` (a search narrowed to a postcode), a result's establishment that matched is its address when
    it has exactly one; otherwise the head office is."""
    if not isinstance(document, dict) or not isinstance(document.get("results"), list):
        raise ValueError("no results list")
    candidates = []
    for result in document["results"]:
        if not isinstance(result, dict):
            raise ValueError("a result is not an object")
        head_office = result.get("siege") or {}
        matching = result.get("matching_etablissements") or []
        if not isinstance(head_office, dict) or not isinstance(matching, list) \
                or not all(isinstance(m, dict) for m in matching):
            raise ValueError("siege or matching_etablissements is not an object")
        if establishments and len(matching) == 1 and not matching[0].get("est_siege"):
            candidates.append(_place(result, matching[0], establishment=True))
        else:
            candidates.append(_place(result, head_office, establishment=False))
    return [c for c in candidates if c.name]


def _search(params: dict[str, str], *, client: httpx.Client | None, sleep, traffic: Traffic | None,
            establishments: bool) -> list[Candidate]:
    own_client = client is None
    client = client or httpx.Client(timeout=TIMEOUT_SECONDS)
    try:
        document = get_json(client, f"{api_base()}/search", params, register=_the_register(),
                            retry=_("try again later or type the address by hand."), throttle=_throttle, sleep=sleep,
                            traffic=traffic)
    except RegisterUnavailable as error:
        raise LookupUnavailable(str(error)) from None
    finally:
        if own_client:
            client.close()
    try:
        return parse_results(document, establishments=establishments)
    except ValueError:
        raise LookupUnavailable(
            _("The company register sent an answer sar cannot read; type the address by hand.")
        ) from None


def search_organisations(
    name: str,
    postcode: str | None = None,
    *,
    client: httpx.Client | None = None,
    use_cache: bool = True,
    sleep=time.sleep,
    filters: Mapping[str, str] | None = None,
    traffic: Traffic | None = None,
) -> list[Candidate]:
    """Look `name` up in the company register; only `name` (and `postcode` if given, and the `filters` that say what
    kind of organisation to look for) is sent.

    `client` lets tests and the TUI inject a transport; `sleep` lets tests skip real waiting on 429.
    """
    name = " ".join(name.split())
    if len(name) < 3:
        raise LookupUnavailable(_("Type at least three characters of the organisation's name."))
    now = datetime.now(timezone.utc)
    key = _cache_key(name, postcode, filters)
    if use_cache and (hit := _cached(key, now)) is not None:
        return hit
    params = {"q": name, "per_page": str(MAX_RESULTS)}
    if postcode:
        params["code_postal"] = postcode
    params.update(filters or {})
    candidates = _search(params, client=client, sleep=sleep, traffic=traffic, establishments=bool(postcode))
    if use_cache:
        _store(key, candidates, now)
    return candidates


def search_places(name: str, postcode: str | None, filters: Mapping[str, str], *, client: httpx.Client | None = None,
                  sleep=time.sleep, traffic: Traffic | None = None) -> list[Candidate]:
    """The person's own place (a pharmacy, a hospital…) by its name and the postcode shown to them: the same search,
    neither read from nor written to the shared cache (a look-up the person agreed to is asked afresh, and what it
    found is kept in their own file only, sar.directory.own_places)."""
    return search_organisations(name, postcode, client=client, use_cache=False, sleep=sleep, filters=filters,
                                traffic=traffic)


def registered_office(*, siren: str = "", names: tuple[str, ...] = (), client: httpx.Client,
                      sleep: Callable[[float], None] = time.sleep, traffic: Traffic | None = None,
                      retry: str = "") -> Candidate | None:
    """An organisation's registered office (`sar directory update`): by its SIREN (a 9-digit `q` is a SIREN look-up),
    or by its exact legal name, taken only when exactly one active organisation bears that name. None when the
    register knows no such organisation, or several."""
    params = {"q": siren or names[0], "per_page": "25" if not siren else "1", "etat_administratif": "A"}
    try:
        document = get_json(client, f"{api_base()}/search", params, register=_the_register(),
                            retry=retry or _("try again later."), throttle=_throttle, sleep=sleep, traffic=traffic)
        candidates = parse_results(document)
    except ValueError:
        raise RegisterUnavailable(_("The company register sent an answer sar cannot read; {retry}").format(
            retry=retry or _("try again later."))) from None
    if siren:
        found = [c for c in candidates if c.siren == siren]
    else:
        found = [c for c in candidates if any(same_name(c.name, name) for name in names)]
    return found[0] if len(found) == 1 and found[0].address else None


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
        contact=replace(actor.contact, postal=candidate.postal, source=register_page, verified=today,
                        register=REGISTER, record=candidate.record, consulted=today),
    )
    directory.add_user_actors([actor])
    return actor
