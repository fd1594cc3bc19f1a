"""A worker that ends on an unexpected exception: its traceback goes to the log file and
the merchant is told where it happened and where the details are.

Failures the merchant can act on are UserErrors, which the workers catch and show
themselves; anything else is a bug or a problem nobody foresaw. Every worker runs with
exit_on_error=False (one failed count must not close the app), so without this report it
would end silently: no toast, no log record.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from textual.app import App
from textual.worker import Worker

from isend_tui.i18n import _

log = logging.getLogger(__name__)

TOAST_TIMEOUT_S = 20  # long enough to read the log file's path


def report_worker_error(app: App[Any], worker: Worker[Any], where: str, log_file: Path) -> None:
    log.error(
        "unexpected error in %s (worker %r, group %r)",
        where,
        worker.name,
        worker.group,
        exc_info=worker.error,
    )
    app.notify(
        _(
            "Erreur inattendue dans « {where} » : l'opération n'a pas abouti. Détails dans "
            "le journal {path}"
        ).format(where=where, path=log_file),
        title=_("Erreur"),
        severity="error",
        timeout=TOAST_TIMEOUT_S,
        markup=False,  # a path may hold square brackets
    )
