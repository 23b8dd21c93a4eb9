"""The legal clocks of an access request, computed exactly.

GDPR art. 12(3): the controller answers "without undue delay and in any event within one month of receipt of the request",
extendable "by two further months", the data subject being told of the extension within the first month.
Counting follows Regulation (EEC, Euratom) No 1182/71, art. 3, as the EDPB reads it (Guidelines 01/2022 on the right of
access): the day of receipt is not counted; a period in months ends on the same date of the last month, or on the last day of
that month when the date does not exist there (31 January -> 28/29 February); a period ending on a Saturday, Sunday or public
holiday ends at the end of the next working day.

Code de la santé publique, art. L.1111-7: medical information is communicated at the earliest after a 48-hour reflection
period and at the latest within 8 days of the request, 2 months when the information dates from more than 5 years.
sar rule (docs/legal.md): those periods also run from receipt, day of receipt not counted, and move past
weekends and public holidays like French procedural deadlines. This never makes sar claim a deadline passed too early.

Public holidays are those of the place of the controller; sar uses the region the user chose (the `holidays` package).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays

from sar.i18n import N_

# Region codes sar accepts, and the `holidays` subdivision for each (None: metropolitan France).
REGIONS: dict[str, str | None] = {
    "metropole": None,
    "alsace-moselle": "57",  # Bas-Rhin, Haut-Rhin and Moselle share Good Friday and 26 December
    "971": "971",  # Guadeloupe
    "972": "972",  # Martinique
    "973": "973",  # Guyane
    "974": "974",  # La Réunion
    "976": "976",  # Mayotte
}
REGION_NAMES = {
    "metropole": N_("metropolitan France"),
    "alsace-moselle": N_("Alsace-Moselle"),
    "971": N_("Guadeloupe"),
    "972": N_("Martinique"),
    "973": N_("French Guiana"),
    "974": N_("La Réunion"),
    "976": N_("Mayotte"),
}
DEFAULT_REGION = "metropole"

# sar rule: La Poste announces delivery of a registered letter in about three working days (J+3). When only the sending
# date is known, sar estimates receipt that many working days later; erring late never makes a deadline look passed early.
REGISTERED_POST_WORKING_DAYS = 3


def check_region(region: str) -> str:
    """Return `region` if known, else raise ValueError listing the choices."""
    if region not in REGIONS:
        raise ValueError(f"unknown region {region!r}: choose one of {', '.join(REGIONS)}")
    return region


_HOLIDAY_LANGUAGES = {"fr": "fr", "en": "en_US"}


@cache
def _holiday_calendar(region: str, lang: str = "fr") -> holidays.HolidayBase:
    # Years are filled in lazily by the `holidays` package as dates are looked up.
    return holidays.country_holidays("FR", subdiv=REGIONS[check_region(region)], language=_HOLIDAY_LANGUAGES[lang])


def holiday_name(day: date, region: str = DEFAULT_REGION, lang: str = "fr") -> str | None:
    """The name of the public holiday on `day` in `region`, in `lang` ("fr" or "en"), or None."""
    return _holiday_calendar(region, lang).get(day)


@dataclass(frozen=True)
class NonWorkingDay:
    """A day a deadline cannot end on, and why: "saturday", "sunday" or "holiday" (with the holiday's name)."""

    day: date
    why: str
    holiday: str | None = None


def non_working_reason(day: date, region: str = DEFAULT_REGION) -> NonWorkingDay | None:
    name = holiday_name(day, region)
    if name:
        return NonWorkingDay(day, "holiday", name)
    if day.weekday() == 5:
        return NonWorkingDay(day, "saturday")
    if day.weekday() == 6:
        return NonWorkingDay(day, "sunday")
    return None


def is_working_day(day: date, region: str = DEFAULT_REGION) -> bool:
    return non_working_reason(day, region) is None


def add_months(start: date, months: int) -> date:
    """The same date `months` later, or the last day of that month if the date does not exist (Reg. 1182/71 art. 3(2)(c))."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Deadline:
    """A period's end: `raw` is where the counting lands, `due` the last day to act after moving past non-working days.

    `skipped` lists the non-working days that moved it, so the user can be told why (e.g. "28 February 2027 is a Sunday").
    `clamped` is True when the raw date is the last day of a shorter month (31 January + 1 month = 28 February).
    """

    raw: date
    due: date
    skipped: tuple[NonWorkingDay, ...] = ()
    clamped: bool = False

    @property
    def moved(self) -> bool:
        return self.due != self.raw


def end_of_period(raw: date, region: str = DEFAULT_REGION, *, clamped: bool = False) -> Deadline:
    """Move `raw` forward past Saturdays, Sundays and public holidays (Reg. 1182/71 art. 3(4))."""
    skipped = []
    day = raw
    while (reason := non_working_reason(day, region)) is not None:
        skipped.append(reason)
        day += timedelta(days=1)
    return Deadline(raw=raw, due=day, skipped=tuple(skipped), clamped=clamped)


def months_after(received: date, months: int, region: str = DEFAULT_REGION) -> Deadline:
    raw = add_months(received, months)
    return end_of_period(raw, region, clamped=raw.day != received.day)


def days_after(received: date, days: int, region: str = DEFAULT_REGION) -> Deadline:
    return end_of_period(received + timedelta(days=days), region)


@dataclass(frozen=True)
class GdprDeadlines:
    """GDPR art. 12(3): one month from receipt; three months in all if the controller extends (telling the person so)."""

    received: date
    region: str
    due: Deadline
    extended_due: Deadline
    # The controller must announce an extension within the first month, so by `due`.


def gdpr_deadlines(received: date, region: str = DEFAULT_REGION) -> GdprDeadlines:
    return GdprDeadlines(
        received=received,
        region=region,
        due=months_after(received, 1, region),
        extended_due=months_after(received, 3, region),
    )


@dataclass(frozen=True)
class MedicalRecordDeadlines:
    """CSP L.1111-7: not before 48 hours, within 8 days, within 2 months for information more than 5 years old."""

    received: date
    region: str
    earliest: date
    due: Deadline
    due_if_older_than_5_years: Deadline


def medical_record_deadlines(received: date, region: str = DEFAULT_REGION) -> MedicalRecordDeadlines:
    return MedicalRecordDeadlines(
        received=received,
        region=region,
        # The 48-hour reflection period is a minimum, not a deadline: it does not move past non-working days.
        earliest=received + timedelta(days=2),
        due=days_after(received, 8, region),
        due_if_older_than_5_years=months_after(received, 2, region),
    )


def mon_espace_sante_deletion(received: date, region: str = DEFAULT_REGION) -> Deadline:
    """CSP R.1111-36: an express request to delete the data of one's digital health space (Mon Espace Santé) "is granted
    within three months at most". Counted from receipt like the GDPR's months (sar rule: never a day too early)."""
    return months_after(received, 3, region)


def tacit_refusal_on(received: date) -> date:
    """CRPA R.311-13: an administration's silence for more than one month on a request for communication of documents is
    a refusal. Received 5 October: refused from 5 November (the same date a month later, or the month's last day)."""
    return add_months(received, 1)


def cada_referral_deadline(refused_on: date, region: str = DEFAULT_REGION) -> Deadline:
    """CRPA R.343-1: two months from the refusal to refer it to the CADA. sar rule (docs/legal.md): the day of the
    refusal counts (the delay is not "franc", as the CADA reads it), so the last day is the day before the same date two
    months later, moved past a Saturday, Sunday or holiday (code de procédure civile, art. 642): never a day too late
    for the person. Refused 20 October: by 19 December (a Saturday in 2026: by Monday 21 December)."""
    return end_of_period(add_months(refused_on, 2) - timedelta(days=1), region)


def cada_opinion_deadline(referred_on: date, region: str = DEFAULT_REGION) -> Deadline:
    """CRPA R.343-3: the CADA notifies its opinion within one month of registering the referral. sar rule: registration
    is estimated as the receipt of a registered letter (three working days after posting), so the CADA's month never
    looks over too early."""
    return months_after(estimated_receipt(referred_on, "post", region), 1, region)


def estimated_receipt(sent: date, channel: str = "post", region: str = DEFAULT_REGION) -> date:
    """When a request sent on `sent` is likely received, until the real date (acknowledgement of receipt) is known.

    E-mail and web forms arrive the day they are sent. A registered letter is estimated to arrive
    REGISTERED_POST_WORKING_DAYS working days later (sar rule, see above): an estimate, always flagged as such.
    """
    if channel in ("email", "form"):
        return sent
    if channel != "post":
        raise ValueError(f"unknown channel {channel!r}: choose post, email or form")
    day, remaining = sent, REGISTERED_POST_WORKING_DAYS
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, region):
            remaining -= 1
    return day


def deadlines_as_json(received: date, region: str = DEFAULT_REGION) -> dict:
    """The `sar deadline --json` document (CLI contract in docs/design.md)."""
    gdpr = gdpr_deadlines(received, region)
    csp = medical_record_deadlines(received, region)
    return {
        "received": received.isoformat(),
        "region": region,
        "gdpr": {"due": gdpr.due.due.isoformat(), "extended_due": gdpr.extended_due.due.isoformat()},
        "csp_l1111_7": {
            "earliest": csp.earliest.isoformat(),
            "due": csp.due.due.isoformat(),
            "due_if_older_than_5_years": csp.due_if_older_than_5_years.due.isoformat(),
        },
    }


def explain(deadline: Deadline, region: str = DEFAULT_REGION, lang: str | None = None) -> list[str]:
    """Why `deadline.due` is where it is, one sentence per step, in `lang` (e.g. "28 February 2027 is a Sunday.")."""
    from sar.i18n import format_date, gettext

    lines = []
    if deadline.clamped:
        lines.append(
            gettext("{date} is the last day of its month: the same date does not exist in that month.", lang).format(
                date=format_date(deadline.raw, lang)
            )
        )
    for step in deadline.skipped:
        day = format_date(step.day, lang)
        if step.why == "holiday":
            name = holiday_name(step.day, region, lang or "fr") or step.holiday
            lines.append(gettext("{date} is a public holiday ({name}).", lang).format(date=day, name=name))
        elif step.why == "saturday":
            lines.append(gettext("{date} is a Saturday.", lang).format(date=day))
        else:
            lines.append(gettext("{date} is a Sunday.", lang).format(date=day))
    if deadline.moved:
        lines.append(
            gettext("So the period ends on the next working day, {date}.", lang).format(date=format_date(deadline.due, lang))
        )
    return lines
