"""From a care journey to the organisations that likely hold the person's data, each with its reasons."""

from __future__ import annotations

from dataclasses import dataclass

from sar.directory import Actor

LIKELIHOODS = ("certain", "likely", "possible")


@dataclass(frozen=True)
class Finding:
    """One organisation that likely holds the person's data, and everything the person and the letter need to know.

    Texts (reasons, data, retention) are in the journey's language. `laws` are ids such as "gdpr-art15", "csp-l1111-7".
    `letter` is the letter kind that fits (access, access-medical-record, access-insurer, access-vendor).
    """

    actor: Actor
    likelihood: str
    reasons: tuple[str, ...]
    data: tuple[str, ...]
    retention: str
    laws: tuple[str, ...]
    letter: str
