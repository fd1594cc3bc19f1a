"""The campaign message: its variables, its checks, and the merge for each recipient.

Variables (the seed module's names): ``{client_name}`` = last name, ``{client_surname}`` =
first name, ``{client_email}``. Any other placeholder is refused before anything is sent.

Merging (sms-rules.md §1 and §3): iSendPro refuses UCS-2 for French numbers, so for a number
starting with 33 the merged VALUES are transliterated to GSM-7 (Benoît -> Benoit) and the
template itself must already be GSM-7; for other countries the text is kept as merged and a
text outside GSM-7 is sent with ucs2="1" (in batches of its own). The STOP mention is counted
when it applies (marketing + customised sender; marketing is never nostop). More than six
parts is refused for that recipient.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from isend_tui.campaigns.errors import MessageRefused
from isend_tui.i18n import _
from isend_tui.sms.encoding import (
    GSM7_BASIC,
    GSM7_PER_PART,
    GSM7_SINGLE,
    MAX_PARTS,
    STOP_MENTION_UNITS,
    SmsCount,
    count,
    stop_mention_applies,
)
from isend_tui.sms.rules import gsm7_required
from isend_tui.sms.template import (
    PLACEHOLDER,
    check_template,
    unknown_variables_message,
    variables_in,
)
from isend_tui.sms.transliterate import to_gsm7

VARIABLES: Final = ("client_surname", "client_name", "client_email")
"""The placeholders a campaign message may use: first name, last name, e-mail."""


_NOT_GSM_BASIC = re.compile("[^" + re.escape("".join(sorted(GSM7_BASIC))) + "]")


def _describe(char: str) -> str:
    if char.isprintable() and not char.isspace():
        return f"« {char} »"
    return f"U+{ord(char):04X}"


@dataclass(frozen=True)
class MessageCheck:
    """The template as typed: its count (STOP mention included when it applies)."""

    template: str
    sender: str
    stop_mention: bool
    count: SmsCount
    offending: tuple[str, ...]
    suggestion: str

    @property
    def gsm7(self) -> bool:
        return not self.offending


def check_message(message: str, *, sender: str) -> MessageCheck:
    """Refuse an empty message or unknown variables (named); count the template."""
    if not message.strip():
        raise MessageRefused(_("Le message est vide : saisissez le texte du SMS."))
    unknown = check_template(message, VARIABLES).unknown
    if unknown:
        raise MessageRefused(unknown_variables_message(unknown, list(VARIABLES)))
    stop = stop_mention_applies(marketing=True, sender=sender, nostop=False)
    _refuse_too_long(message, stop)
    counted = count(message, stop_mention=stop)
    offending = tuple(dict.fromkeys(char for _pos, char in counted.offending))
    suggestion = to_gsm7(message) if offending else message
    return MessageCheck(message, sender.strip(), stop, counted, offending, suggestion)


def _refuse_too_long(message: str, stop: bool) -> None:
    """No recipient can receive a message whose fixed text alone (variables left out,
    transliterated to GSM-7: its cheapest form) is over iSendPro's 6 parts."""
    fixed = count(to_gsm7(PLACEHOLDER.sub("", message)), stop_mention=stop)
    if fixed.parts > MAX_PARTS:
        raise MessageRefused(
            _(
                "Le message est trop long : {chars} caractères, soit {parts} SMS sans même "
                "compter les variables, quand iSendPro en accepte {max} au plus (environ "
                "{limit} caractères). Raccourcissez-le."
            ).format(
                chars=len(message),
                parts=fixed.parts,
                max=MAX_PARTS,
                limit=MAX_PARTS * GSM7_PER_PART - (STOP_MENTION_UNITS if stop else 0),
            )
        )


def require_gsm7_for_france(check: MessageCheck) -> None:
    """iSendPro refuses UCS-2 to French numbers: the template must be GSM-7."""
    if check.offending:
        raise MessageRefused(
            _(
                "Le message contient des caractères hors alphabet GSM ({chars}), refusés par "
                "iSendPro pour les numéros français. Remplacez-les, par exemple : {suggestion}"
            ).format(
                chars=", ".join(_describe(char) for char in check.offending),
                suggestion=check.suggestion,
            )
        )


@dataclass(frozen=True)
class Merged:
    text: str
    parts: int
    ucs2: bool

    @property
    def too_long(self) -> bool:
        return self.parts > MAX_PARTS


def parts_of(text: str, *, stop_mention: bool) -> tuple[int, bool]:
    """(parts, ucs2) of a text; a fast path for plain GSM-7 without extension characters."""
    if _NOT_GSM_BASIC.search(text) is None:
        units = len(text) + (STOP_MENTION_UNITS if stop_mention else 0)
        if units == 0:
            return 0, False
        if units <= GSM7_SINGLE:
            return 1, False
        return -(-units // GSM7_PER_PART), False
    counted = count(text, stop_mention=stop_mention)
    return counted.parts, counted.encoding == "UCS-2"


@lru_cache(maxsize=65536)
def _gsm7(value: str) -> str:
    """A merged value made GSM-7 (names repeat a lot: cached)."""
    return value if _NOT_GSM_BASIC.search(value) is None else to_gsm7(value)


def _format_string(template: str) -> str:
    """The template as a str.format string: placeholders kept, every other brace doubled."""
    out: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(template):
        out.append(template[position : match.start()].replace("{", "{{").replace("}", "}}"))
        out.append("{" + match.group(1) + "}")
        position = match.end()
    out.append(template[position:].replace("{", "{{").replace("}", "}}"))
    return "".join(out)


class Merger:
    """Merges the template for each recipient (hot path: one call per recipient)."""

    def __init__(self, template: str, *, stop_mention: bool) -> None:
        self.template = template
        self.stop_mention = stop_mention
        self._format = _format_string(template)
        self._plain = not variables_in(template)
        self._plain_parts = parts_of(template, stop_mention=stop_mention)
        # Names' accents are made GSM-7 for every number when the text itself is GSM-7
        # (sms/rules.py): a ç in a name must not triple the price of a Belgian SMS.
        self._template_gsm7 = not self._plain_parts[1]

    def merge_values(
        self, number: str, firstname: str, lastname: str, email: str
    ) -> tuple[str, int, bool]:
        """(text, parts, ucs2) for one recipient."""
        stop = self.stop_mention
        if self._plain:
            if self._plain_parts[1] and gsm7_required(number):
                text = to_gsm7(self.template)
                return (text, *parts_of(text, stop_mention=stop))
            return (self.template, *self._plain_parts)
        if (self._template_gsm7 or gsm7_required(number)) and _NOT_GSM_BASIC.search(
            firstname + lastname + email
        ):
            firstname, lastname, email = _gsm7(firstname), _gsm7(lastname), _gsm7(email)
        text = self._format.format(
            client_surname=firstname, client_name=lastname, client_email=email
        )
        return (text, *parts_of(text, stop_mention=stop))

    def merge(self, number: str, firstname: str, lastname: str, email: str) -> Merged:
        return Merged(*self.merge_values(number, firstname, lastname, email))


def too_long_reason(parts: int) -> str:
    return _("Message de {parts} SMS après fusion : {max} au maximum chez iSendPro.").format(
        parts=parts, max=MAX_PARTS
    )
