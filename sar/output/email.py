"""A letter as an e-mail draft (.eml) built with the standard library: a mail client opens it ready to check and send.

`X-Unsent: 1` makes Outlook and Apple Mail open the file as an unsent draft; Thunderbird opens it as a message it can
"Edit as New". The body is UTF-8 plain text. Nothing is sent: sar never sends mail itself.

Headers (RFC 5322): To (the organisation, when its address is known), From (the person, when they gave an e-mail),
Subject, Date and Message-ID. The draft is a pure function of the letter, so a rerun writes the same bytes and `sar bulk`
leaves an unchanged draft alone:
- Date is the letter's date at 12:00 UTC. A letter carries a day, not an instant; noon UTC falls on that same day in every
  French time zone (Guadeloupe, UTC-4, to Réunion, UTC+4), and needs no time-zone database. A client that sends the draft
  stamps the real time itself.
- Message-ID is derived from the draft's content (a SHA-256 of its other headers and body): the same letter always has
  the same id, two different letters never share one. Its domain is the sender's, or `sar.invalid` (RFC 2606) without one.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timezone
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from sar.errors import InputError
from sar.i18n import _
from sar.letters import Letter
from sar.output.text import letter_text

DATE_HOUR = time(12, 0, tzinfo=timezone.utc)
MESSAGE_ID_DOMAIN = "sar.invalid"


def _address(addr_spec: str, display_name: str = "") -> Address:
    try:
        return Address(display_name=display_name, addr_spec=addr_spec)
    except (ValueError, IndexError):
        raise InputError(_("{address!r} is not an e-mail address: write it like name@example.org").format(
            address=addr_spec)) from None


def eml_bytes(letter: Letter) -> bytes:
    message = EmailMessage(policy=policy.default)
    sender = None
    if letter.to_email:
        message["To"] = _address(letter.to_email)
    if letter.from_email:
        sender = _address(letter.from_email, letter.from_name)
        message["From"] = sender
    message["Subject"] = letter.subject
    if letter.dated is not None:
        message["Date"] = format_datetime(datetime.combine(letter.dated, DATE_HOUR))
    message["X-Unsent"] = "1"
    message.set_content(letter_text(letter), charset="utf-8")
    digest = hashlib.sha256(message.as_bytes(policy=policy.default)).hexdigest()[:32]
    domain = sender.domain if sender is not None and sender.domain else MESSAGE_ID_DOMAIN
    message["Message-ID"] = f"<sar.{digest}@{domain}>"
    return message.as_bytes(policy=policy.default)
