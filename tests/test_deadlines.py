"""The legal clocks, against the worked examples of docs/legal.md and invariants that must always hold."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legal_examples import LEGAL_MD_EXAMPLES
from sar import deadlines

D = date.fromisoformat

WORKED_EXAMPLES = LEGAL_MD_EXAMPLES + [
    # our own: leap year (30 April 2028 is a Sunday, 1 May a holiday), Réunion's 20 December, Guadeloupe's 27 May
    ("2028-01-31", "metropole", "2028-02-29", "2028-05-02", "2028-02-08", "2028-03-31"),
    ("2026-11-20", "974", "2026-12-21", "2027-02-22", "2026-11-30", "2027-01-20"),
    ("2026-04-27", "971", "2026-05-28", "2026-07-27", "2026-05-05", "2026-06-29"),
]


@pytest.mark.parametrize("received, region, due, extended, eight_days, two_months", WORKED_EXAMPLES)
def test_worked_examples(received, region, due, extended, eight_days, two_months):
    gdpr = deadlines.gdpr_deadlines(D(received), region)
    csp = deadlines.medical_record_deadlines(D(received), region)
    assert gdpr.due.due == D(due)
    assert gdpr.extended_due.due == D(extended)
    assert csp.due.due == D(eight_days)
    assert csp.due_if_older_than_5_years.due == D(two_months)
    assert csp.earliest == D(received) + timedelta(days=2)


def test_contract_json_for_2027_01_31():
    assert deadlines.deadlines_as_json(D("2027-01-31")) == {
        "received": "2027-01-31",
        "region": "metropole",
        "gdpr": {"due": "2027-03-01", "extended_due": "2027-04-30"},
        "csp_l1111_7": {"earliest": "2027-02-02", "due": "2027-02-08", "due_if_older_than_5_years": "2027-03-31"},
    }


def test_month_arithmetic_clamps_to_the_last_day():
    assert deadlines.add_months(D("2027-01-31"), 1) == D("2027-02-28")
    assert deadlines.add_months(D("2028-01-31"), 1) == D("2028-02-29")
    assert deadlines.add_months(D("2026-11-30"), 3) == D("2027-02-28")
    assert deadlines.add_months(D("2026-12-15"), 1) == D("2027-01-15")


def test_regional_holidays_differ():
    good_friday_2026 = D("2026-04-03")
    assert deadlines.is_working_day(good_friday_2026, "metropole")
    assert not deadlines.is_working_day(good_friday_2026, "alsace-moselle")
    assert deadlines.holiday_name(D("2026-12-20"), "974", "en") == "Abolition of Slavery"
    assert deadlines.holiday_name(D("2026-12-20"), "metropole") is None


def test_the_reasons_a_deadline_moved_are_given():
    deadline = deadlines.gdpr_deadlines(D("2027-01-31")).due
    assert deadline.clamped and deadline.raw == D("2027-02-28")
    assert [step.why for step in deadline.skipped] == ["sunday"]
    text = deadlines.explain(deadline, "metropole", "en")
    assert "28 February 2027 is a Sunday." in text
    assert text[-1] == "So the period ends on the next working day, 1 March 2027."
    french = deadlines.explain(deadlines.gdpr_deadlines(D("2026-04-14")).due, "metropole", "fr")
    assert french == [
        "le 14 mai 2026 est un jour férié (Ascension).",
        "Le délai expire donc le premier jour ouvrable suivant, le 15 mai 2026.",
    ]


def test_estimated_receipt_of_registered_post_skips_non_working_days():
    # Friday 20 November 2026 + 3 working days: Mon 23, Tue 24, Wed 25.
    assert deadlines.estimated_receipt(D("2026-11-20"), "post") == D("2026-11-25")
    # Thursday 7 May 2026: Fri 8 May is a holiday (Victoire 1945), then Mon 11, Tue 12, Wed 13.
    assert deadlines.estimated_receipt(D("2026-05-07"), "post") == D("2026-05-13")
    assert deadlines.estimated_receipt(D("2026-11-21"), "email") == D("2026-11-21")
    with pytest.raises(ValueError):
        deadlines.estimated_receipt(D("2026-11-21"), "pigeon")


def test_unknown_region_is_refused():
    with pytest.raises(ValueError, match="unknown region"):
        deadlines.gdpr_deadlines(D("2026-01-01"), "corse")


received_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))
regions = st.sampled_from(sorted(deadlines.REGIONS))


@settings(max_examples=300, deadline=None)
@given(received=received_dates, region=regions)
def test_invariants(received, region):
    gdpr = deadlines.gdpr_deadlines(received, region)
    csp = deadlines.medical_record_deadlines(received, region)
    for deadline in (gdpr.due, gdpr.extended_due, csp.due, csp.due_if_older_than_5_years):
        assert deadlines.is_working_day(deadline.due, region)
        assert deadline.raw <= deadline.due <= deadline.raw + timedelta(days=4)
        assert all(not deadlines.is_working_day(step.day, region) for step in deadline.skipped)
    assert gdpr.due.due >= received + timedelta(days=28)
    assert gdpr.extended_due.due >= gdpr.due.due
    assert csp.due.due >= received + timedelta(days=8)
    assert csp.due_if_older_than_5_years.due >= csp.due.due
    assert csp.earliest < csp.due.due
