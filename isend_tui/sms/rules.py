"""Which text and encoding a message travels in, for the number it goes to.

- iSendPro refuses UCS-2 for metropolitan French numbers (+33): a non-GSM character there
  must be replaced (transliterated), or the message refused.
- A non-GSM character that only a customer's data brought in (Benoît, François) is
  transliterated for every number: sent in UCS-2 it would cost two to three times as
  much, for an accent on a name. One the merchant typed in the text (a Spanish ¿, a
  Greek word) is kept, in UCS-2, wherever the gateway allows it.
"""

from __future__ import annotations

from typing import Final

from isend_tui.sms.encoding import is_gsm7
from isend_tui.sms.transliterate import to_gsm7

FRANCE_PREFIX: Final = "33"
"""Metropolitan France (and Corsica) in iSendPro's number form: UCS-2 is refused there."""


def gsm7_required(number: str) -> bool:
    """True when the gateway refuses UCS-2 for `number` (iSendPro's form, 33612345678)."""
    return number.startswith(FRANCE_PREFIX)


def text_for(text: str, number: str, *, template_gsm7: bool) -> tuple[str, bool]:
    """(text to send, ucs2) for `text` merged from a template that is (or not) GSM-7."""
    if is_gsm7(text):
        return text, False
    if template_gsm7 or gsm7_required(number):
        return to_gsm7(text), False
    return text, True
