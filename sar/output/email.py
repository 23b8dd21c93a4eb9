"""A letter as an e-mail draft (.eml) built with the standard library: a mail client opens it ready to check and send.

`X-Unsent: 1` makes Outlook and Apple Mail open the file as an unsent draft; Thunderbird opens it as a message it can
"Edit as New". The body is UTF-8 plain text. Nothing is sent: sar never sends mail itself.
"""

from __future__ import annotations

from email import policy
from email.headerregistry import Address
from email.message import EmailMessage

from sar.errors import InputError
from sar.i18n import _
from sar.letters import Letter
from sar.output.text import letter_text


def _address(addr_spec: str, display_name: str = "") -> Address:
    try:
        return Address(display_name=display_name, addr_spec=addr_spec)
    except (ValueError, IndexError):
        raise InputError(_("{address!r} is not an e-mail address: write it like name@example.org").format(
            address=addr_spec)) from None


def eml_bytes(letter: Letter) -> bytes:
    message = EmailMessage(policy=policy.default)
    if letter.to_email:
        message["To"] = _address(letter.to_email)
    if letter.from_email:
        message["From"] = _address(letter.from_email, letter.from_name)
    message["Subject"] = letter.subject
    message["X-Unsent"] = "1"
    message.set_content(letter_text(letter), charset="utf-8")
    return message.as_bytes(policy=policy.default)
