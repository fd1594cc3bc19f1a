"""``isend-tui sms-count TEXT``: what a message will cost, before sending it."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from isend_tui.i18n import _
from isend_tui.sms import MAX_PARTS, SmsCount, count, stop_mention_applies, to_gsm7


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
        help=_("l'émetteur personnalisé (avec un SMS marketing, la mention STOP s'ajoute)"),
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
        help=_("sans mention STOP (compte transactionnel autorisé par iSendPro)"),
    )
    parser.add_argument("--json", action="store_true", help=_("sortie JSON"))
    parser.set_defaults(handler=run_sms_count)


def _char_label(char: str) -> str:
    code = f"U+{ord(char):04X}"
    return f"« {char} » ({code})" if char.isprintable() and not char.isspace() else code


def _as_json(result: SmsCount, suggestion: str | None) -> dict[str, Any]:
    return {
        "encoding": result.encoding,
        "characters": result.characters,
        "units": result.units,
        "parts": result.parts,
        "stop_units": result.stop_units,
        "too_long": result.too_long,
        "offending": [{"position": position, "char": char} for position, char in result.offending],
        "suggestion": suggestion,
    }


def _human_lines(result: SmsCount, suggestion: str | None) -> list[str]:
    lines = [
        _("Encodage : {encoding}").format(encoding=result.encoding),
        _("Caractères : {n}").format(n=result.characters),
        _("Unités : {n}").format(n=result.units),
        _("SMS : {n}").format(n=result.parts),
    ]
    if result.too_long:
        lines.append(_("Trop long : plus de {max} SMS").format(max=MAX_PARTS))
    if result.stop_units:
        lines.append(_("Mention STOP : comptée ({n} caractères)").format(n=result.stop_units))
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
    """Print the count of ``args.text``; 1 when it needs more parts than iSendPro allows."""
    text: str = args.text
    stop = stop_mention_applies(marketing=args.marketing, sender=args.sender, nostop=args.nostop)
    result = count(text, stop_mention=stop)
    suggestion = to_gsm7(text) if result.offending else None
    if args.json:
        print(json.dumps(_as_json(result, suggestion), ensure_ascii=False))
    else:
        print("\n".join(_human_lines(result, suggestion)))
    if result.too_long:
        print(
            _("Message trop long : {n} SMS, {max} au maximum chez iSendPro.").format(
                n=result.parts, max=MAX_PARTS
            ),
            file=sys.stderr,
        )
        return 1
    return 0
