"""What the `campaign` sub-commands share: the gateway client, the progress lines, the
questions, the bounded options and the exit codes.

Exit codes of `campaign send`, `resume` and `resolve` (also in the README and --help):
0 everything went out (or is scheduled at iSendPro), every batch settled;
1 refused, nothing sent (the line says why: bad input, credit, confirmation…);
2 configuration missing or wrong (keyid, shop);
4 some batches are uncertain: decide with `campaign resolve` (never resent silently);
5 stopped before the end, nothing uncertain: `campaign resume` sends the rest.
"""

from __future__ import annotations

import argparse
import asyncio
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from isend_tui.i18n import _

if TYPE_CHECKING:
    from isend_tui.campaigns.events import CampaignProgress
    from isend_tui.campaigns.model import DispatchResult
    from isend_tui.config import Settings
    from isend_tui.gateway.client import IsendClient

EXIT_SENT = 0
EXIT_REFUSED = 1
EXIT_UNCERTAIN = 4
EXIT_RESUMABLE = 5


def exit_codes_epilog() -> str:
    return _(
        "Codes de sortie : 0 tout est parti (ou programmé) ; 1 refusé, rien n'a été envoyé ; "
        "2 configuration manquante ; 4 des lots sont incertains (campaign resolve) ; "
        "5 arrêtée avant la fin, le reste se reprend (campaign resume)."
    )


MAX_ID = 2**63 - 1  # SQLite's integers
MAX_TIMEOUT = 600.0


def exit_code(result: DispatchResult) -> int:
    """What a send or a resume ended with, as an exit code."""
    if result.ok:
        return EXIT_SENT
    if result.uncertain:
        return EXIT_UNCERTAIN
    if result.pending:
        return EXIT_RESUMABLE
    return EXIT_REFUSED


def campaign_id(text: str) -> int:
    """A campaign or batch id: a positive integer SQLite can hold."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("« {value} » n'est pas un numéro (un entier positif).").format(value=text)
        ) from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(
            _("{value} n'est pas un numéro existant : « campaign list » les donne.").format(
                value=text[:30]
            )
        )
    return value


def timeout_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT):
        raise argparse.ArgumentTypeError(
            _("« {value} » : donnez un délai en secondes, au plus {max}.").format(
                value=text[:30], max=int(MAX_TIMEOUT)
            )
        )
    return value


def timeout_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=timeout_seconds,
        default=None,
        metavar="S",
        help=_("délai de réponse d'iSendPro par requête, en secondes (15 par défaut)"),
    )


def print_event(event: CampaignProgress) -> None:
    print(event.message, flush=True)


def with_client(
    settings: Settings, timeout: float | None, work: Callable[[IsendClient], Any]
) -> Any:
    """`work` done with a gateway client, on its own event loop."""
    from isend_tui.gateway.client import IsendClient
    from isend_tui.gateway.exchange import DEFAULT_TIMEOUT

    async def run() -> Any:
        timeout_s = timeout or DEFAULT_TIMEOUT
        async with IsendClient(settings.keyid, settings.gateway_url, timeout=timeout_s) as client:
            return await work(client)

    return asyncio.run(run())


def ask(question: str) -> bool:
    try:
        answer = input(question + " ")
    except EOFError:
        return False
    return answer.strip().lower() in ("o", "oui", "y", "yes")
