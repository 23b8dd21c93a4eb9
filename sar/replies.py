"""Checking an answer to an access request item by item: what the law says a complete answer holds, and what came.

A complete answer to a GDPR access request holds the copy of the data (art. 15(3)), the information of art. 15(1)(a)-(h)
and, where data go outside the EU, the safeguards (art. 15(2)); for a medical record, the documents themselves (CSP
L.1111-7). The EDPB (Guidelines 01/2022 on the right of access) reads a partial answer as an infringement. Facts:
docs/legal.md, "What a complete answer to an access request contains".

The table `ITEMS` is the one list of what can be missing from an answer: the tracker keeps their ids on the answer's
event, the CLI takes them as `--missing ITEM,...`, the tracker screen shows them as a checklist, and the letters asking
for them (`letters/<lang>/incomplete.j2`) or complaining of their absence name each with its article
(`letters/<lang>/_requests.j2`). The check applies to access requests only (letter kinds starting with "access"): the
other rights (rectification, erasure...) are answered by doing, or refusing, what was asked, not by a list of items.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sar.errors import InputError
from sar.i18n import N_, _, ngettext

MEDICAL_RECORD_LETTER = "access-medical-record"


@dataclass(frozen=True)
class ReplyItem:
    """One thing a complete answer holds: a stable id (as typed after --missing), a one-line name and its legal source
    (both message ids), and the letter kinds it applies to (None: every access request)."""

    id: str
    name: str
    source: str
    only_for: frozenset[str] | None = None

    def applies_to(self, kind: str) -> bool:
        return is_access_request(kind) and (self.only_for is None or kind in self.only_for)


ITEMS: tuple[ReplyItem, ...] = (
    ReplyItem("copy", N_("a copy of your data"), N_("GDPR art. 15(3)")),
    ReplyItem("purposes", N_("the purposes of the processing"), N_("GDPR art. 15(1)(a)")),
    ReplyItem("categories", N_("the categories of data"), N_("GDPR art. 15(1)(b)")),
    ReplyItem("recipients", N_("the recipients of your data"), N_("GDPR art. 15(1)(c)")),
    ReplyItem("retention", N_("how long your data are kept"), N_("GDPR art. 15(1)(d)")),
    ReplyItem("rights", N_("your other rights (rectification, erasure…)"), N_("GDPR art. 15(1)(e)")),
    ReplyItem("complaint", N_("your right to complain to the CNIL"), N_("GDPR art. 15(1)(f)")),
    ReplyItem("source", N_("where your data came from"), N_("GDPR art. 15(1)(g)")),
    ReplyItem("automated", N_("automated decisions or profiling, and their logic"), N_("GDPR art. 15(1)(h)")),
    ReplyItem("transfers", N_("the safeguards for transfers outside the EU"), N_("GDPR art. 15(2)")),
    ReplyItem("medical-record", N_("the documents of your medical record themselves"), N_("CSP art. L.1111-7"),
              frozenset({MEDICAL_RECORD_LETTER})),
)
ITEM_IDS: tuple[str, ...] = tuple(item.id for item in ITEMS)
_BY_ID = {item.id: item for item in ITEMS}


def is_access_request(kind: str) -> bool:
    """An access request (GDPR art. 15, with CSP L.1111-7 for a medical record): every letter kind "access...". """
    return kind.startswith("access")


def item(item_id: str) -> ReplyItem:
    return _BY_ID[item_id]


def items_for(kind: str) -> tuple[ReplyItem, ...]:
    """What a complete answer to a request of this letter kind holds, in the table's order (none for other rights)."""
    return tuple(entry for entry in ITEMS if entry.applies_to(kind))


def _kind_name(kind: str) -> str:
    from sar.rights import request_kind_name

    name = request_kind_name(kind)
    return _(name) if name else kind


def parse_items(text: str) -> list[str]:
    """`--missing` as typed: ids separated by commas (spaces and case ignored, duplicates kept once)."""
    return list(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))


def check_missing(kind: str, missing: Iterable[str], *, request_id: int | None = None) -> tuple[str, ...]:
    """The missing items of an answer to a request of `kind`, validated, in the table's order.

    Refused with one clear line: an id that is not an item (the valid ones are named), an item that does not belong to
    this kind of request (the documents of a medical record from a mutuelle), and any item for a request that is not an
    access request.
    """
    missing = list(dict.fromkeys(missing))
    if not missing:
        return ()
    if not is_access_request(kind):
        raise InputError(_(
            "request {id} is not an access request ({kind}): its answer is not checked item by item; record it with "
            "--answered DATE, and --status partial or refused if it is not what you asked for"
        ).format(id=request_id, kind=_kind_name(kind)))
    unknown = [name for name in missing if name not in _BY_ID]
    if unknown:
        raise InputError(_unknown_items(unknown))
    valid = items_for(kind)
    foreign = [name for name in missing if not _BY_ID[name].applies_to(kind)]
    if foreign:
        raise InputError(_(
            "{items} does not apply to request {id} ({kind}): it is only asked of a medical-record request; the items "
            "of this request are {choices}"
        ).format(items=", ".join(foreign), id=request_id, kind=kind,
                 choices=", ".join(entry.id for entry in valid)))
    return tuple(entry.id for entry in valid if entry.id in missing)


def _unknown_items(unknown: list[str]) -> str:
    return ngettext(
        "unknown item {items}: choose among {choices}",
        "unknown items {items}: choose among {choices}",
        len(unknown),
    ).format(items=", ".join(repr(name) for name in unknown), choices=", ".join(ITEM_IDS))


def status_of_answer(missing: Iterable[str]) -> str:
    """An answer with something missing is partial; one with nothing missing is a complete answer."""
    return "partial" if tuple(missing) else "answered"


__all__ = ["ITEMS", "ITEM_IDS", "ReplyItem", "check_missing", "is_access_request", "item", "items_for", "parse_items",
           "status_of_answer"]
