"""``isend-tui sms-count TEXT``: what a message will cost, before sending it.

Counted as a real send would be: a campaign (the default) goes with the saved sender when
none is given, so iSendPro's STOP mention counts; a notification (--transactional, or
--nostop) follows the account's nostop setting. Variables are checked against those the
kind of message can use, and counted as written.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from isend_tui import formatting
from isend_tui.i18n import _
from isend_tui.sms import (
    GSM7_EXTENSION,
    MAX_PARTS,
    SmsCount,
    check_template,
    count,
    stop_mention_applies,
    to_gsm7,
    unknown_variables_message,
)


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``sms-count`` sub-command."""
    parser = subparsers.add_parser(
        "sms-count",
        parents=parents,
        help=_("compter les caractères et les SMS d'un message"),
        description=_(
            "Affiche l'encodage, le nombre de caractères, d'unités et de SMS d'un message, "
            "mention STOP comprise quand elle s'applique, et une version GSM-7 du texte."
        ),
    )
    parser.add_argument("text", metavar="TEXT", help=_("le texte du message"))
    parser.add_argument(
        "--sender",
        default=None,
        help=_(
            "l'émetteur personnalisé (par défaut celui des réglages ; avec un SMS marketing, "
            "la mention STOP s'ajoute)"
        ),
    )
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument(
        "--marketing",
        dest="marketing",
        action="store_true",
        default=True,
        help=_("message commercial (par défaut)"),
    )
    kind.add_argument(
        "--transactional",
        dest="marketing",
        action="store_false",
        help=_("message transactionnel (notification de commande…)"),
    )
    parser.add_argument(
        "--nostop",
        action="store_true",
        help=_(
            "notification sans mention STOP (compte autorisé par iSendPro) ; un SMS marketing "
            "a toujours la mention"
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("sortie JSON"))
    parser.set_defaults(handler=run_sms_count)


def _char_label(char: str) -> str:
    code = f"U+{ord(char):04X}"
    return f"« {char} » ({code})" if char.isprintable() and not char.isspace() else code


def _doubles(text: str) -> list[str]:
    """The characters of `text` that cost two units in GSM-7, each once."""
    return list(dict.fromkeys(ch for ch in text if ch in GSM7_EXTENSION))


def _as_json(
    result: SmsCount, suggestion: str | None, text: str, sender: str, unknown: tuple[str, ...]
) -> dict[str, Any]:
    return {
        "sender": sender,
        "encoding": result.encoding,
        "characters": result.characters,
        "units": result.units,
        "parts": result.parts,
        "stop_units": result.stop_units,
        "too_long": result.too_long,
        "offending": [{"position": position, "char": char} for position, char in result.offending],
        "suggestion": suggestion,
        "units_left_in_part": result.units_left_in_part,
        "double_units": _doubles(text) if result.encoding == "GSM-7" else [],
        "unknown_variables": list(unknown),
    }


def _human_lines(result: SmsCount, suggestion: str | None, text: str, sender: str) -> list[str]:
    lines = [
        _("Émetteur : {sender}").format(sender=sender or _("celui d'iSendPro par défaut")),
        _("Encodage : {encoding}").format(encoding=result.encoding),
        _("Caractères : {n}").format(n=formatting.count(result.characters)),
        _("Unités : {n}").format(n=formatting.count(result.units)),
        _("SMS : {n}").format(n=formatting.count(result.parts)),
    ]
    if not result.too_long:
        left = result.units_left_in_part
        lines.append(
            formatting.plural(
                left,
                _("Reste avant le SMS suivant : {n} unité"),
                _("Reste avant le SMS suivant : {n} unités"),
            ).format(n=formatting.count(left))
        )
    doubles = _doubles(text) if result.encoding == "GSM-7" else []
    if doubles:
        lines.append(_("Comptent double : {chars}").format(chars=" ".join(doubles)))
    if result.too_long:
        lines.append(_("Trop long : plus de {max} SMS").format(max=MAX_PARTS))
    if result.stop_units:
        lines.append(
            _("Mention STOP : comptée ({n} caractères)").format(
                n=formatting.count(result.stop_units)
            )
        )
    else:
        lines.append(_("Mention STOP : non comptée"))
    if result.offending:
        lines.append(_("Caractères hors GSM-7 :"))
        lines.extend(
            _("  {char} au caractère {position}").format(
                char=_char_label(char), position=position + 1
            )
            for position, char in result.offending
        )
    if suggestion is not None:
        lines.append(_("Suggestion GSM-7 : {text}").format(text=suggestion))
    return lines


def run_sms_count(args: argparse.Namespace) -> int:
    """Print the count of ``args.text``; 1 when it needs more parts than iSendPro allows or
    uses a variable the kind of message cannot fill."""
    from isend_tui.campaigns.merge import VARIABLES as CAMPAIGN_VARIABLES
    from isend_tui.context import open_context
    from isend_tui.notifications.variables import TRACKING_EVENT_VARIABLES

    ctx = open_context(getattr(args, "data_dir", None))
    settings = ctx.settings
    ctx.close()
    text: str = args.text
    marketing = args.marketing and not args.nostop
    sender = (args.sender if args.sender is not None else settings.sender).strip()
    nostop = not marketing and (args.nostop or settings.nostop_right)
    stop = stop_mention_applies(marketing=marketing, sender=sender, nostop=nostop)
    result = count(text, stop_mention=stop)
    suggestion = to_gsm7(text) if result.offending else None
    allowed = list(CAMPAIGN_VARIABLES if marketing else TRACKING_EVENT_VARIABLES)
    unknown = check_template(text, allowed).unknown
    if args.json:
        print(json.dumps(_as_json(result, suggestion, text, sender, unknown), ensure_ascii=False))
    else:
        print("\n".join(_human_lines(result, suggestion, text, sender)))
    if unknown:
        print(unknown_variables_message(unknown, allowed), file=sys.stderr)
        return 1
    if result.too_long:
        print(
            _("Message trop long : {n} SMS, {max} au maximum chez iSendPro.").format(
                n=result.parts, max=MAX_PARTS
            ),
            file=sys.stderr,
        )
        return 1
    return 0
