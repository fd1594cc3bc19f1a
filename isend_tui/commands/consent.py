"""``isend-tui consent import|show``: SMS consents collected outside the shop."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from isend_tui import formatting
from isend_tui.i18n import _


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``consent`` sub-command."""
    parser = subparsers.add_parser(
        "consent",
        parents=parents,
        help=_("consentements SMS recueillis hors de la boutique (preuve pour le marketing)"),
    )
    actions = parser.add_subparsers(dest="consent_action", metavar="ACTION", required=True)
    imported = actions.add_parser(
        "import",
        parents=parents,
        help=_("importe un CSV de consentements (numero ou email, date, source)"),
        epilog=_(
            "Tout le fichier est vérifié avant d'écrire : une ligne fausse et rien n'est "
            "importé (le message nomme la ligne). Un consentement déjà connu est ignoré."
        ),
    )
    imported.add_argument("file", type=Path, metavar=_("FICHIER"))
    imported.set_defaults(handler=run_import)
    show = actions.add_parser("show", parents=parents, help=_("ce qui a été importé"))
    show.add_argument("--json", action="store_true", help=_("sortie JSON"))
    show.set_defaults(handler=run_show)


def run_import(args: argparse.Namespace) -> int:
    from isend_tui.consent.imported import import_consents
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        result = import_consents(ctx.store, args.file)
    finally:
        ctx.close()
    added = formatting.plural(
        result.added, _("{n} consentement importé"), _("{n} consentements importés")
    ).format(n=formatting.count(result.added))
    known = formatting.counted(result.already_known, _("{n} déjà connu"), _("{n} déjà connus"))
    print(f"{added}, {known} ({result.file}).")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from isend_tui.consent.imported import consent_summary
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        summary = consent_summary(ctx.store)
    finally:
        ctx.close()
    if args.json:
        print(json.dumps(summary.__dict__, ensure_ascii=False, indent=2))
        return 0
    print(
        _("{total} consentements importés : {numbers} numéros, {emails} emails.").format(
            total=formatting.count(summary.total),
            numbers=formatting.count(summary.numbers),
            emails=formatting.count(summary.emails),
        )
    )
    for file in summary.files:
        print("  " + file)
    return 0
