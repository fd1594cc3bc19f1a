"""``isend-tui watch``: the notification watcher headless (for systemd). SIGTERM and SIGINT
let the current send finish, persist, and exit 0. ``--once`` polls until nothing is left to
do now, then exits (cron, tests)."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from types import FrameType
from typing import Any

from isend_tui.commands.shop_option import shop_dsn_from
from isend_tui.commands.with_context import with_context as _with_context
from isend_tui.context import AppContext
from isend_tui.errors import UserError
from isend_tui.i18n import _

log = logging.getLogger(__name__)


def run_watch(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from isend_tui.commands.receipts import start_upkeep
    from isend_tui.health.chores import START_GRACE, watcher_chores
    from isend_tui.notifications.watcher import Watcher

    def body(ctx: AppContext) -> int:
        dsn = shop_dsn_from(args, ctx.settings)
        # The heartbeat, the STOP loop (pushes, daily import) and the admin's alerts; a
        # single pass does them at once.
        grace = timedelta(0) if args.once else START_GRACE
        from isend_tui.notifications.watcher import Chore
        from isend_tui.results.upkeep import results_chores

        chores: list[Chore] = [*watcher_chores(ctx.store, grace=grace)]
        # the revenue while windows are open, the A/B winners sent to their remainders
        chores += results_chores(ctx.store)
        from isend_tui.automations.runner import AutomationRunner

        automations = AutomationRunner.from_context(ctx, since=args.since)
        watcher = Watcher.from_context(
            ctx, shop_dsn=dsn, since=args.since, chores=chores, steps=[automations]
        )
        if args.once:
            with watcher:
                reports = watcher.poll_until_idle()
            for report in reports:
                print(report.summary())
                for note in report.notes:
                    print(note)
            last = reports[-1]
            if last.shop_error:
                raise UserError(_("Boutique injoignable : {error}").format(error=last.shop_error))
            return 0
        stop = threading.Event()

        def on_signal(signum: int, frame: FrameType | None) -> None:
            log.info("signal %d: stopping after the current send", signum)
            stop.set()
            # A poll waiting on a silent shop would hold the stop until its timeout: cut
            # it. A send in progress is not affected (it talks to the gateway).
            watcher.abort_shop_wait()

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        watcher.start()  # the lock error, if any, before announcing anything
        try:
            upkeep = start_upkeep(ctx, args.receipts_port)
        except BaseException:  # the receipts port is taken: release the watcher's lock
            watcher.close()
            raise
        print(
            _(
                "Watcher démarré (PID {pid}) sur {shop}, toutes les {s} s. Ctrl-C pour arrêter."
            ).format(pid=_pid(), shop=dsn, s=ctx.settings.watch_interval),
            flush=True,
        )
        print(
            _(
                "Numéros de suivi surveillés sur les commandes des {days} derniers jours "
                "(réglage tracking_days)."
            ).format(days=ctx.settings.tracking_days),
            flush=True,
        )

        def on_report(report: Any) -> None:
            if (
                report.occurrences
                or report.automations
                or report.sent
                or report.not_sent
                or report.shop_error
            ):
                print(report.summary(), flush=True)
            for note in report.notes:
                print(note, flush=True)

        try:
            watcher.run(stop, on_report)
        finally:
            upkeep.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        print(_("Watcher arrêté."), flush=True)
        return 0

    return _with_context(args, body)


def _pid() -> int:
    import os

    return os.getpid()
