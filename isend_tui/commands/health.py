"""``isend-tui health`` and ``isend-tui alerts``: the installation's state for monitoring.

``health`` runs a round of checks (credit read from the gateway, failure rates of the last
hour, the watcher's last poll), sends the admin the SMS of any alert it fires, prints the
state, and exits 1 while an alert is open (for cron and monitoring: run it every few
minutes). ``alerts`` (or ``health --log``) prints the log of every alert.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime

from isend_tui.i18n import _


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    health = subparsers.add_parser(
        "health",
        parents=parents,
        help=_(
            "état (crédit, watcher, échecs, alertes) ; code de sortie 1 si une alerte est ouverte"
        ),
    )
    health.add_argument("--json", action="store_true", help=_("sortie JSON"))
    health.add_argument("--log", action="store_true", help=_("affiche le journal des alertes"))
    health.set_defaults(handler=run_health)
    alerts = subparsers.add_parser(
        "alerts", parents=parents, help=_("journal des alertes envoyées à l'administrateur")
    )
    alerts.add_argument("--json", action="store_true", help=_("sortie JSON"))
    alerts.add_argument("--limit", type=int, default=50, help=_("nombre de lignes (50)"))
    alerts.set_defaults(handler=run_alerts)


def run_health(args: argparse.Namespace) -> int:
    from isend_tui.context import open_context
    from isend_tui.gateway.client import IsendClient
    from isend_tui.health.checks import check_health

    if args.log:
        args.limit = 50
        return run_alerts(args)
    ctx = open_context(getattr(args, "data_dir", None))
    try:
        settings = ctx.settings

        def client() -> IsendClient:
            return IsendClient(settings.keyid, settings.gateway_url)

        report = check_health(
            ctx.store, settings, client if settings.keyid else None, datetime.now(UTC)
        )
    finally:
        ctx.close()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        for line in report.lines():
            print(line)
    return 0 if report.healthy else 1


def _sms_outcome(outcome: str) -> str:
    from isend_tui.health.alerts import RETRY, SENDING

    if outcome == "sent":
        return _("SMS envoyé")
    if outcome.startswith(RETRY):
        return _("SMS pas encore envoyé, nouvel essai au prochain contrôle : {why}").format(
            why=outcome.removeprefix(RETRY)
        )
    if outcome == SENDING:
        return _("SMS en cours d'envoi")
    return _("SMS non envoyé : {why}").format(why=outcome or "?")


def run_alerts(args: argparse.Namespace) -> int:
    from isend_tui.context import open_context
    from isend_tui.formatting import stored_moment
    from isend_tui.health.alerts import alert_log

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        lines = alert_log(ctx.store, limit=max(1, args.limit))
    finally:
        ctx.close()
    if args.json:
        print(json.dumps([vars(line) for line in lines], ensure_ascii=False, indent=2))
        return 0
    if not lines:
        print(_("Aucune alerte enregistrée."))
    for line in lines:
        mark = "✗" if line.event == "fired" else "✓"
        sms = ""
        if line.event == "fired":
            sms = " — " + (
                _("SMS envoyé")
                if line.sms == "sent"
                else _("SMS non envoyé : {why}").format(why=line.sms or "?")
            )
        print(f"{stored_moment(line.at)}  {mark} {line.message}{sms}")
    return 0
