"""The delivery work of `isend-tui watch`: the receiver, the expiry, the periodic pull."""

from __future__ import annotations

import errno
import functools
import logging
from collections.abc import Awaitable, Callable

from isend_tui.config import ensure_receipt_secret
from isend_tui.context import AppContext
from isend_tui.delivery.receipt_url import PATH_PREFIX
from isend_tui.delivery.receiver import ReceiverServer
from isend_tui.delivery.upkeep import DeliveryUpkeep
from isend_tui.errors import UserError
from isend_tui.i18n import _

log = logging.getLogger(__name__)


def pull_awaiting(ctx: AppContext) -> int:
    """The report read for every recent campaign still awaiting receipts; states changed.
    Nothing without a keyid (the demo and the sandbox have one)."""
    import asyncio
    from datetime import UTC, datetime

    from isend_tui.delivery.pull import (
        PullResult,
        campaigns_awaiting,
        pull_campaign,
        pull_notifications,
    )
    from isend_tui.gateway import GatewayError, IsendClient

    settings = ctx.settings
    if not settings.keyid:
        return 0
    now = datetime.now(UTC)
    hours = settings.receipt_expiry_hours
    waiting = campaigns_awaiting(ctx.store, hours=hours, now=now)

    async def pull_all() -> int:
        changed = 0
        async with IsendClient(settings.keyid, settings.gateway_url) as client:
            pulls: list[Callable[[], Awaitable[PullResult]]] = [
                functools.partial(pull_campaign, ctx.store, client, c) for c in waiting
            ]
            pulls.append(
                functools.partial(pull_notifications, ctx.store, client, hours=hours, now=now)
            )
            for pull in pulls:
                try:
                    result = await pull()
                except GatewayError as exc:
                    log.warning("report not read: %s", exc.message)
                    continue
                if result.rows:
                    log.info("%s", result.message())
                changed += result.tally.changed
        return changed

    return asyncio.run(pull_all())


def start_upkeep(ctx: AppContext, port: int | None) -> DeliveryUpkeep:
    """The receiver (when a port is set) and the periodic expiry, started."""
    settings = ctx.settings
    port = settings.receipts_port if port is None else port
    receiver: ReceiverServer | None = None
    if port:
        secret = ensure_receipt_secret(ctx.paths, settings)
        receiver = ReceiverServer(ctx.store, secret, host=settings.receipts_bind, port=port)
    upkeep = DeliveryUpkeep(ctx.store, lambda: ctx.settings.receipt_expiry_hours, receiver=receiver)
    try:
        upkeep.start()
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            message = _(
                "Le port {port} du récepteur d'accusés est déjà pris : choisissez-en un autre "
                "(--receipts-port ou settings set receipts_port) ou 0 pour l'arrêter."
            )
        else:
            message = _(
                "Le récepteur d'accusés ne peut pas écouter sur {host}:{port} ({reason}) : "
                "vérifiez receipts_bind et receipts_port."
            )
        raise UserError(
            message.format(port=port, host=settings.receipts_bind, reason=exc.strerror),
            field="receipts_port",
        ) from None
    if receiver is not None:
        print(
            _(
                "Récepteur d'accusés de réception à l'écoute sur {url}{path}… (adresse "
                "complète : settings show --receipt-url)."
            ).format(url=receiver.base_url, path=PATH_PREFIX),
            flush=True,
        )
    return upkeep
