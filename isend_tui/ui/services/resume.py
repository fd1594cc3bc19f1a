"""On start: campaigns a crash or a stop left unfinished are offered for resumption."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from isend_tui.formatting import counted
from isend_tui.i18n import _
from isend_tui.ui.dialogs.confirm import ConfirmModal

if TYPE_CHECKING:
    from isend_tui.ui.app_services import AppServices


async def check_interrupted(app: AppServices) -> None:
    from isend_tui.campaigns.service import close_interrupted_preparations, interrupted_campaigns

    await asyncio.to_thread(close_interrupted_preparations, app.ctx.store)
    found = await asyncio.to_thread(interrupted_campaigns, app.ctx.store)
    for campaign in found:
        lines = [
            _("La campagne {id} « {label} » a été interrompue.").format(
                id=campaign.id, label=campaign.label
            ),
            _("Destinataires restant à envoyer : {n}.").format(n=campaign.pending),
        ]
        if campaign.uncertain_batches:
            lines.append(
                counted(
                    len(campaign.uncertain_batches),
                    _(
                        "{n} lot au résultat incertain : il ne sera pas renvoyé sans votre "
                        "choix (État des campagnes)."
                    ),
                    _(
                        "{n} lots au résultat incertain : ils ne seront pas renvoyés sans votre "
                        "choix (État des campagnes)."
                    ),
                )
            )
        if not campaign.pending:
            app.notify("\n".join(lines), severity="warning", timeout=20)
            continue
        lines.append(_("Reprendre l'envoi maintenant ?"))
        ok = await app.push_screen_wait(
            ConfirmModal(_("Campagne interrompue"), "\n".join(lines), yes=_("Reprendre"))
        )
        if ok:
            app.campaigns.resume(campaign.id)
