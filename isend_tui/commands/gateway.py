"""``isend-tui sandbox``: serve the simulated iSendPro gateway on localhost."""

from __future__ import annotations

import argparse
import errno
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from isend_tui.errors import UserError
from isend_tui.formatting import count, money
from isend_tui.i18n import _

if TYPE_CHECKING:
    from isend_tui.gateway.sandbox.receipts import ReceiptConfig

DEFAULT_PORT = 8642


def _euros(value: str) -> Decimal:
    try:
        amount = Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(
            _("montant invalide : {value}").format(value=value)
        ) from None
    if amount < 0:
        raise argparse.ArgumentTypeError(_("montant invalide : {value}").format(value=value))
    return amount


def _rate(value: str) -> float:
    try:
        rate = float(value)
    except ValueError:
        rate = -1.0
    if not 0.0 <= rate <= 1.0:
        raise argparse.ArgumentTypeError(
            _("taux invalide : {value} (entre 0 et 1)").format(value=value)
        )
    return rate


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``sandbox`` sub-command."""
    parser = subparsers.add_parser(
        "sandbox",
        parents=parents,
        help=_("servir le bac à sable (passerelle iSendPro simulée) en local"),
        description=_(
            "Sert une passerelle iSendPro simulée : mêmes adresses, paramètres et codes de "
            "retour que l'API, crédit fictif, aucun SMS réel. Pointez l'adresse de la "
            "passerelle de isend-tui sur l'URL affichée."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help=_("adresse d'écoute"))
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=_("port d'écoute (0 = un port libre)"),
    )
    parser.add_argument(
        "--keyid",
        default=None,
        help=_("keyid accepté (par défaut la clé de démonstration publique)"),
    )
    parser.add_argument(
        "--credit",
        type=_euros,
        default=None,
        metavar="EUR",
        help=_("crédit de départ en euros (50 par défaut pour un nouvel état)"),
    )
    parser.add_argument(
        "--state",
        default=None,
        metavar="FICHIER",
        help=_("fichier SQLite où garder l'état et le journal des SMS reçus"),
    )
    parser.add_argument(
        "--ip-whitelist",
        nargs="+",
        default=None,
        metavar="IP",
        help=_("n'accepter que ces adresses IP (comme l'option du compte iSendPro)"),
    )
    parser.add_argument(
        "--unassigned",
        nargs="+",
        default=(),
        metavar="NUM",
        help=_("numéros à déclarer non attribués (code 21)"),
    )
    parser.add_argument(
        "--marketing-hours",
        action="store_true",
        help=_("refuser le marketing entre 20 h et 8 h (code 911)"),
    )
    parser.add_argument(
        "--latency-ms", type=float, default=0.0, help=_("latence ajoutée à chaque appel (ms)")
    )
    parser.add_argument(
        "--error-rate",
        type=_rate,
        default=0.0,
        help=_(
            "part des appels en échec, répartie entre 503, 500, coupures et réponses illisibles"
        ),
    )
    parser.add_argument(
        "--slow-rate",
        type=_rate,
        default=0.0,
        help=_("part des appels qui répondent après --slow-seconds"),
    )
    parser.add_argument(
        "--slow-seconds", type=float, default=30.0, help=_("délai des réponses lentes (s)")
    )
    parser.add_argument(
        "--seed", type=int, default=0, help=_("graine du tirage des pannes (reproductible)")
    )
    parser.add_argument(
        "--receipt-url",
        default=None,
        metavar="URL",
        help=_(
            "envoyer les accusés de réception à cette adresse (celle de settings show "
            "--receipt-url ; - : la lire sur l'entrée standard, pour garder le secret hors "
            "de la ligne de commande)"
        ),
    )
    parser.add_argument(
        "--receipt-delay",
        type=float,
        default=1.0,
        metavar="S",
        help=_("délai avant l'envoi de chaque accusé (secondes)"),
    )
    parser.add_argument(
        "--delivery-rate",
        type=_rate,
        default=0.95,
        help=_("part des SMS remis (le reste : échecs définitifs puis temporaires)"),
    )
    parser.add_argument(
        "--permanent-failure-rate",
        type=_rate,
        default=0.02,
        help=_("part des SMS en échec définitif (numéro inconnu, refus de l'opérateur)"),
    )
    parser.add_argument(
        "--receipt-override",
        action="append",
        default=[],
        metavar="NUM=STATUT",
        help=_(
            "accusé fixé pour un numéro : 0 remis, 1 injoignable, 2 numéro inconnu, 3 refusé, "
            "4 expiré, none aucun accusé (répétable)"
        ),
    )
    parser.set_defaults(handler=run_sandbox)


def _receipt_config(args: argparse.Namespace) -> ReceiptConfig:
    import sys

    from isend_tui.gateway.sandbox.receipts import ReceiptConfig

    url = args.receipt_url
    if url == "-":
        url = sys.stdin.readline().strip()
    overrides: dict[str, str] = {}
    for item in args.receipt_override:
        number, sep, status = item.partition("=")
        if not sep or not number.strip() or not status.strip():
            raise UserError(
                _("--receipt-override attend NUM=STATUT, par exemple 33612345678=2."),
                field="receipt_override",
            )
        overrides[number.strip()] = status.strip()
    return ReceiptConfig(
        url=url or None,
        delay_s=max(0.0, args.receipt_delay),
        delivery_rate=args.delivery_rate,
        permanent_failure_rate=args.permanent_failure_rate,
        overrides=overrides,
        seed=args.seed,
    )


def run_sandbox(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C or SIGTERM; exit 0."""
    from isend_tui.gateway.sandbox.account import DEMO_KEYID, SandboxAccount
    from isend_tui.gateway.sandbox.faults import FaultConfig, Faults
    from isend_tui.gateway.sandbox.server import serve

    try:
        config = FaultConfig.with_error_rate(
            args.error_rate,
            latency_ms=args.latency_ms,
            slow_rate=args.slow_rate,
            slow_seconds=args.slow_seconds,
            seed=args.seed,
        )
    except ValueError:
        raise UserError(
            _(
                "Réglage de pannes invalide : --error-rate et --slow-rate ensemble ne doivent "
                "pas dépasser 1, latences positives."
            ),
            field="error_rate",
        ) from None
    receipts = _receipt_config(args)
    account = SandboxAccount(
        keyid=args.keyid,
        credit=args.credit,
        ip_whitelist=True if args.ip_whitelist else None,
        allowed_ips=args.ip_whitelist,
        unassigned=args.unassigned,
        marketing_hours=args.marketing_hours,
        path=args.state,
    )

    def announce(url: str) -> None:
        lines = [_("Bac à sable iSendPro à l'écoute sur {url}").format(url=url)]
        if account.keyid == DEMO_KEYID:
            lines.append(
                _(
                    "keyid : {keyid} (la clé de démonstration publique du bac à sable, "
                    "pas un secret)"
                ).format(keyid=account.keyid)
            )
        else:
            lines.append(_("keyid : celui donné par --keyid"))
        lines.append(
            _("Crédit : {credit}, soit {n} SMS en France.").format(
                credit=money(account.credit), n=count(account.quantity_france())
            )
        )
        if account.path is not None:
            lines.append(_("État et journal des SMS : {path}").format(path=account.path))
        if args.receipt_url:
            lines.append(_("Accusés de réception envoyés à l'adresse donnée."))
        lines.append(_("Ctrl-C pour arrêter."))
        print("\n".join(lines), flush=True)

    try:
        serve(
            account,
            args.host,
            args.port,
            faults=Faults(config),
            receipts=receipts,
            on_ready=announce,
        )
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UserError(
                _("Le port {port} est déjà utilisé : choisissez-en un autre avec --port.").format(
                    port=args.port
                ),
                field="port",
            ) from None
        raise UserError(
            _("Impossible d'écouter sur {host}:{port} : {reason}").format(
                host=args.host, port=args.port, reason=exc.strerror or exc
            ),
            field="host",
        ) from None
    finally:
        account.close()
    print(_("Bac à sable arrêté."), flush=True)
    return 0
