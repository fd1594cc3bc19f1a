"""Errors of the campaign engine the merchant can act on (each says the cause and the fix)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from isend_tui.errors import UserError
from isend_tui.formatting import count, money
from isend_tui.i18n import _


class CampaignError(UserError):
    """Base of the campaign errors."""


class MessageRefused(CampaignError):
    """The message cannot be sent as typed (unknown variable, characters, empty)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="message")


class OutsideSendingWindow(CampaignError):
    """Marketing may not go out at that moment; `next_slot` is the next allowed one."""

    def __init__(self, message: str, next_slot: datetime) -> None:
        super().__init__(message, field="scheduled_for")
        self.next_slot = next_slot


class ScheduleRefused(CampaignError):
    """The scheduled date is malformed or not in the future."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="scheduled_for")


class MissingBasis(CampaignError):
    """A marketing campaign from the shop must say on what ground its recipients may be
    texted (article L34-5 CPCE)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Base légale manquante : un SMS marketing exige le consentement du client ou "
                "une relation client récente. Choisissez --basis consent ou --basis customer "
                "(dans l'écran Envoi : « Base légale »)."
            ),
            field="basis",
        )


class CreditTooLow(CampaignError):
    """The parts to send exceed what the credit covers (France price)."""

    def __init__(self, parts: int, quantity: int, euros: Decimal, estimate: Decimal) -> None:
        self.parts = parts
        self.quantity = quantity
        self.euros = euros
        self.estimate = estimate
        super().__init__(
            _(
                "Crédit insuffisant : cet envoi compte {parts} SMS facturés (environ {estimate} "
                "au tarif France) mais le crédit de {credit} n'en couvre que {quantity}. "
                "Rechargez votre compte sur isendpro.com ou réduisez la cible."
            ).format(
                parts=count(parts),
                quantity=count(quantity),
                credit=money(euros),
                estimate=money(estimate),
            ),
            field="credit",
        )


class CampaignNotFound(CampaignError):
    def __init__(self, campaign_id: int) -> None:
        super().__init__(
            _("Campagne {id} introuvable : « campaign list » affiche les campagnes.").format(
                id=campaign_id
            ),
            field="campaign",
        )


class CampaignStateError(CampaignError):
    """The action does not apply to the campaign in its current state."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="campaign")


class CampaignBusy(CampaignError):
    def __init__(self, campaign_id: int) -> None:
        super().__init__(
            _(
                "La campagne {id} est en cours d'envoi dans un autre processus (l'application "
                "ou une autre commande) : attendez la fin ou arrêtez cet envoi d'abord."
            ).format(id=campaign_id),
            field="campaign",
        )


class NothingToSend(CampaignError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Aucun destinataire à qui envoyer : la cible est vide ou tous les numéros sont "
                "exclus. Élargissez la cible."
            ),
            field="segment",
        )


class NoAdminPhone(CampaignError):
    """A test SMS goes to the admin phone of the settings, and there is none."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Aucun numéro d'administrateur pour recevoir le test : renseignez-le dans "
                "Paramétrage (numéro de l'administrateur)."
            ),
            field="admin_phone",
        )


class NothingToTest(CampaignError):
    def __init__(self) -> None:
        super().__init__(_("Aucun destinataire dans cette sélection pour composer le test."))


class SendNotStarted(CampaignError):
    """The merchant confirmed, but iSendPro could not be reached for the credit check
    before the first SMS: the campaign is kept, confirmed and whole, for `campaign resume`."""

    exit_code = 5

    def __init__(self, campaign_id: int, reason: str) -> None:
        super().__init__(
            _(
                "{reason} Rien n'a été envoyé ; la campagne {id} est gardée telle quelle : "
                "reprenez-la avec « campaign resume {id} »."
            ).format(reason=reason.rstrip(), id=campaign_id),
            field="campaign",
        )
        self.campaign_id = campaign_id
