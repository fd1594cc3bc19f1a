"""`isend-tui credit` and `isend-tui settings show|set`."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json

from isend_tui.config import SECRET_FIELDS, Settings, field_problem, mask_secret
from isend_tui.context import open_context
from isend_tui.errors import ConfigError
from isend_tui.i18n import _

_HIDDEN = {"overridden"}


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
    show.set_defaults(handler=run_settings_show)
    set_ = actions.add_parser("set", parents=parents, help=_("modifie un réglage"))
    set_.add_argument("name", help=_("nom du réglage (voir settings show)"))
    set_.add_argument("value", help=_("nouvelle valeur"))
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
        shown = _visible_settings(ctx.settings)
        if args.json:
            print(json.dumps(shown, ensure_ascii=False, indent=2))
        else:
            for name, value in shown.items():
                origin = _(" (environnement)") if name in ctx.settings.overridden else ""
                print(f"{name} = {value}{origin}")
        for warning in ctx.warnings:
            print(warning)
    finally:
        ctx.close()
    return 0


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
        value: str = args.value.strip()
        problem = field_problem(args.name, value)
        if problem:
            raise ConfigError(f"{args.name} : {problem}", field=args.name)
        current = getattr(settings, args.name)
        converted: object
        try:
            if isinstance(current, bool):
                if value.lower() not in ("1", "0", "true", "false", "oui", "non", "yes", "no"):
                    raise ValueError(value)
                converted = value.lower() in ("1", "true", "oui", "yes")
            elif isinstance(current, int):
                converted = int(value)
            elif isinstance(current, float):
                converted = float(value)
            else:
                converted = value
        except ValueError:
            raise ConfigError(
                _("{name} : valeur « {value} » invalide ({kind} attendu).").format(
                    name=args.name, value=value, kind=type(current).__name__
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
