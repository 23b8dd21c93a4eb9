"""Everything after the letter: the requests a person sent, their deadlines, what happened to them, and what follows.

    model       what a request is (TrackedRequest, NewRequest), its closed vocabularies (statuses, channels, events)
    lifecycle   how a request changes: a table of transitions (event -> allowed statuses -> new status -> date field)
    people      the people of a tracker, found by identity (sar.identity)
    store       Tracker: the requests of one tracker file (sar.storage), one transaction per method
    recording   record_letters: the one way written letters become tracked requests (CLI, TUI, bulk)
    exports     the requests as CSV and iCalendar files
    stats       how organisations answer: per organisation, the figures an association shares (no person in them)
    followups   the reminder once a deadline passed, the letter asking for what a partial answer lacked, the CNIL
                complaint (what an answer must hold, item by item: sar.replies)
"""

from sar.requests.model import (
    ANSWERED_STATUSES, CHANNELS, DEADLINE_NAMES, EVENT_NAMES, MEDICAL_RECORD_LETTER, STATUS_NAMES, STATUSES, Event,
    NewRequest, RequestHistory, TrackedRequest, UnknownRequestError, check_status, parse_request_id,
)
from sar.requests.people import base_person_id
from sar.requests.store import Tracker

__all__ = [
    "ANSWERED_STATUSES", "CHANNELS", "DEADLINE_NAMES", "EVENT_NAMES", "MEDICAL_RECORD_LETTER", "STATUS_NAMES", "STATUSES",
    "Event", "NewRequest", "RequestHistory", "TrackedRequest", "Tracker", "UnknownRequestError", "base_person_id",
    "check_status", "parse_request_id",
]
