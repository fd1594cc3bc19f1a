"""`isend-tui credit` and `isend-tui settings show|set`."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import getpass
import json
import sys
from pathlib import Path

from isend_tui.config import SECRET_FIELDS, Settings, field_problem, mask_secret
from isend_tui.context import AppContext, open_context
from isend_tui.errors import ConfigError
from isend_tui.formatting import count
from isend_tui.i18n import _

_HIDDEN = {"overridden"}
_YES = ("1", "true", "oui", "yes", "o", "y")
_NO = ("0", "false", "non", "no", "n")


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    credit = subparsers.add_parser(
        "credit",
        parents=parents,
        help=_("vérifie le keyid et affiche le crédit du compte iSendPro"),
    )
    credit.add_argument("--json", action="store_true", help=_("sortie JSON"))
    credit.set_defaults(handler=run_credit)

    settings = subparsers.add_parser(
        "settings", parents=parents, help=_("affiche ou modifie les réglages")
    )
    actions = settings.add_subparsers(dest="settings_action", metavar="ACTION", required=True)
    show = actions.add_parser("show", parents=parents, help=_("affiche les réglages"))
    show.add_argument("--json", action="store_true", help=_("sortie JSON"))
    show.add_argument(
        "--receipt-url",
        action="store_true",
        help=_("affiche l'adresse des accusés de réception à donner à iSendPro (secrète)"),
    )
    show.set_defaults(handler=run_settings_show)
    set_ = actions.add_parser(
        "set",
        parents=parents,
        help=_("modifie un réglage"),
        description=_(
            "Un secret (keyid, shop_password) se donne de préférence sans le taper dans la "
            "commande : « - » le lit sur l'entrée standard, --from-file dans un fichier, et "
            "sans valeur il est demandé sans écho. Tapé dans la commande, il reste dans "
            "l'historique du shell et se voit dans la liste des processus."
        ),
    )
    set_.add_argument("name", help=_("nom du réglage (voir settings show)"))
    set_.add_argument(
        "value",
        nargs="?",
        help=_("nouvelle valeur ; « - » : lue sur l'entrée standard"),
    )
    set_.add_argument(
        "--from-file",
        metavar=_("FICHIER"),
        help=_("lit la valeur dans ce fichier (sa première ligne)"),
    )
    set_.set_defaults(handler=run_settings_set)


def run_credit(args: argparse.Namespace) -> int:
    from isend_tui.account import fetch_account_status

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        status = asyncio.run(fetch_account_status(ctx.settings))
    finally:
        ctx.close()
    if args.json:
        print(
            json.dumps(
                {"credit_eur": str(status.euros), "sms_france": status.quantity},
                ensure_ascii=False,
            )
        )
    else:
        print(status.message(updated=False))
    return 0


def _visible_settings(settings: Settings) -> dict[str, object]:
    shown: dict[str, object] = {}
    for f in dataclasses.fields(settings):
        if f.name in _HIDDEN:
            continue
        value = getattr(settings, f.name)
        shown[f.name] = mask_secret(value) if f.name in SECRET_FIELDS else value
    return shown


def run_settings_show(args: argparse.Namespace) -> int:
    ctx = open_context(getattr(args, "data_dir", None))
    try:
        if args.receipt_url:
            return _show_receipt_url(ctx, as_json=args.json)
        shown = _visible_settings(ctx.settings)
        folders = {
            "config_dir": str(ctx.paths.config_dir),
            "data_dir": str(ctx.paths.data_dir),
            "log_dir": str(ctx.paths.log_dir),
        }
        if args.json:
            print(json.dumps({**shown, "paths": folders}, ensure_ascii=False, indent=2))
        else:
            for name, value in shown.items():
                origin = _(" (environnement)") if name in ctx.settings.overridden else ""
                print(f"{name} = {value}{origin}")
            for name, folder in folders.items():
                print(f"{name} = {folder}")
    finally:
        ctx.close()
    return 0


def _show_receipt_url(ctx: AppContext, *, as_json: bool) -> int:
    from isend_tui.delivery.queries import receipt_totals, unreadable_samples
    from isend_tui.delivery.receipt_url import DEFAULT_RECEIPTS_PORT, receipt_urls

    public, local = receipt_urls(ctx)
    totals = receipt_totals(ctx.store)
    if as_json:
        samples = [
            {"received_at": at, "why": why, "raw": raw}
            for at, why, raw in unreadable_samples(ctx.store, 10)
        ]
        data = {"public_url": public, "local_url": local, "received": totals.as_dict()}
        print(json.dumps({**data, "unreadable_samples": samples}, ensure_ascii=False, indent=2))
        return 0
    if public:
        print(
            _("Adresse à donner à iSendPro (espace client, accusés de réception) : {url}").format(
                url=public
            )
        )
    else:
        print(
            _(
                "Adresse à donner à iSendPro : l'adresse publique de votre serveur web suivie "
                "du secret (réglez receipts_public_url, voir le README « Accusés de réception »)."
            )
        )
    print(_("Adresse locale du récepteur (derrière le serveur web) : {url}").format(url=local))
    if not ctx.settings.receipts_port:
        print(
            _(
                "Le récepteur est arrêté : settings set receipts_port {port} puis relancez "
                "isend-tui watch."
            ).format(port=DEFAULT_RECEIPTS_PORT)
        )
    print(
        _(
            "Accusés reçus : {campaign} de campagnes, {notification} de notifications, "
            "{orphans} inconnus (suivi d'un autre outil), {unreadable} illisibles, "
            "{duplicates} en double (ignorés)."
        ).format(**{k: count(v) for k, v in totals.as_dict().items()})
    )
    return 0


def _read_value(args: argparse.Namespace) -> str:
    """The new value: from the command line, a file, standard input, or a prompt without
    echo for a secret typed at a terminal."""
    secret = args.name in SECRET_FIELDS
    if args.from_file is not None:
        if args.value is not None:
            raise ConfigError(
                _("Donnez la valeur ou --from-file, pas les deux."), field="from_file"
            )
        try:
            content = Path(args.from_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                _("Impossible de lire {path} ({reason}).").format(
                    path=args.from_file, reason=getattr(exc, "strerror", None) or exc
                ),
                field="from_file",
            ) from None
        return content.splitlines()[0] if content.strip() else ""
    if args.value == "-" or (args.value is None and secret and not sys.stdin.isatty()):
        return sys.stdin.readline().rstrip("\n")
    if args.value is None:
        if not secret:
            raise ConfigError(
                _("Valeur manquante : settings set {name} VALEUR.").format(name=args.name),
                field=args.name,
            )
        return getpass.getpass(_("{name} (saisie masquée) : ").format(name=args.name))
    if secret:
        print(
            _(
                "isend-tui : attention, un secret tapé dans la commande reste dans "
                "l'historique du shell ; la prochaine fois : settings set {name} (sans "
                "valeur) ou --from-file."
            ).format(name=args.name),
            file=sys.stderr,
        )
    return str(args.value)


def run_settings_set(args: argparse.Namespace) -> int:
    ctx = open_context(getattr(args, "data_dir", None))
    try:
        settings = ctx.settings
        names = [f.name for f in dataclasses.fields(settings) if f.name not in _HIDDEN]
        if args.name not in names:
            raise ConfigError(
                _("Réglage inconnu « {name} ». Réglages possibles : {names}.").format(
                    name=args.name, names=", ".join(names)
                ),
                field=args.name,
            )
        value = _read_value(args).strip()
        problem = field_problem(args.name, value)
        if problem:
            raise ConfigError(f"{args.name} : {problem}", field=args.name)
        current = getattr(settings, args.name)
        converted: object
        try:
            if isinstance(current, bool):
                if value.lower() not in _YES + _NO:
                    raise ValueError(value)
                converted = value.lower() in _YES
            elif isinstance(current, int):
                converted = int(value)
            elif isinstance(current, float):
                converted = float(value)
            else:
                converted = value
        except ValueError:
            expected = _("oui ou non") if isinstance(current, bool) else _("un nombre")
            raise ConfigError(
                _("{name} : valeur « {value} » invalide ({expected} attendu).").format(
                    name=args.name, value=value, expected=expected
                ),
                field=args.name,
            ) from None
        if args.name in settings.overridden:
            raise ConfigError(
                _(
                    "{name} est fixé par une variable d'environnement dans ce shell : "
                    "retirez-la pour enregistrer une valeur."
                ).format(name=args.name),
                field=args.name,
            )
        setattr(settings, args.name, converted)
        ctx.save_settings(settings)
        shown = mask_secret(value) if args.name in SECRET_FIELDS else value
        print(_("{name} enregistré : {value}").format(name=args.name, value=shown))
    finally:
        ctx.close()
    return 0
