"""Pure SMS rules: encoding and parts, STOP mention, transliteration, sender, phones, templates.

No I/O and no UI here: every function is deterministic and cheap enough for a live counter.
"""

from isend_tui.sms.encoding import (
    GSM7_BASIC,
    GSM7_EXTENSION,
    MAX_PARTS,
    STOP_MENTION_UNITS,
    Encoding,
    SmsCount,
    count,
    is_gsm7,
    is_gsm7_char,
    stop_mention_applies,
)
from isend_tui.sms.phone import (
    PhoneCheck,
    PhoneNumber,
    PhoneRejection,
    check_mobile,
    gateway_form,
    parse_admin_phone,
)
from isend_tui.sms.rules import gsm7_required, text_for
from isend_tui.sms.sender import SENDER_MAX, SENDER_MIN, sender_problem, validate_sender
from isend_tui.sms.template import (
    TemplateCheck,
    check_template,
    missing_values,
    render,
    unknown_variables_message,
    variables_in,
)
from isend_tui.sms.transliterate import replacements, to_gsm7

__all__ = [
    "GSM7_BASIC",
    "GSM7_EXTENSION",
    "MAX_PARTS",
    "SENDER_MAX",
    "SENDER_MIN",
    "STOP_MENTION_UNITS",
    "Encoding",
    "PhoneCheck",
    "PhoneNumber",
    "PhoneRejection",
    "SmsCount",
    "TemplateCheck",
    "check_mobile",
    "check_template",
    "count",
    "gateway_form",
    "gsm7_required",
    "is_gsm7",
    "is_gsm7_char",
    "missing_values",
    "parse_admin_phone",
    "render",
    "replacements",
    "sender_problem",
    "stop_mention_applies",
    "text_for",
    "to_gsm7",
    "unknown_variables_message",
    "validate_sender",
    "variables_in",
]
