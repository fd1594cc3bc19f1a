"""The campaign engine's value types: requests, recipients, summaries and results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from isend_tui.i18n import N_, _
from isend_tui.segments.basis import Basis, Proof


class CampaignState(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    PARTLY_FAILED = "partly_failed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    def label(self) -> str:
        return _(_STATE_LABELS[self])


_STATE_LABELS: dict[str, str] = {
    "draft": N_("brouillon"),
    "scheduled": N_("programmée"),
    "sending": N_("en cours d'envoi"),
    "sent": N_("envoyée"),
    "partly_failed": N_("partiellement échouée"),
    "failed": N_("échouée"),
    "cancelled": N_("annulée"),
}


class RecipientState(StrEnum):
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    SENT = "sent"
    REFUSED = "refused"
    SUPPRESSED = "suppressed"
    UNCERTAIN = "uncertain"
    #: kept aside at preparation (the campaign's hold-out group): never sent
    HOLDOUT = "holdout"
    #: kept for the A/B test's winning text, sent once it is known (campaigns/remainder.py)
    HELD = "held"

    def label(self) -> str:
        return _(_RECIPIENT_LABELS[self])


_RECIPIENT_LABELS: dict[str, str] = {
    "pending": N_("à envoyer"),
    "in_flight": N_("en cours"),
    "sent": N_("envoyé"),
    "refused": N_("refusé"),
    "suppressed": N_("exclu (liste d'exclusion)"),
    "uncertain": N_("incertain"),
    "holdout": N_("groupe témoin (pas de SMS)"),
    "held": N_("gardé pour le texte gagnant"),
}


class BatchState(StrEnum):
    IN_FLIGHT = "in_flight"
    DONE = "done"
    FAILED = "failed"
    UNCERTAIN = "uncertain"
    RESOLVED_SENT = "resolved_sent"
    RESOLVED_RESEND = "resolved_resend"
    RESOLVED_CHECKED = "resolved_checked"


class Decision(StrEnum):
    """What to do with an uncertain batch."""

    MARK_SENT = "mark_sent"
    RESEND = "resend"
    CHECK = "check"


class CampaignKind(StrEnum):
    SEND = "send"
    EXPORT = "export"


class RecipientLike(Protocol):
    """What the segment engine's Recipient provides (isend_tui.segments.counting)."""

    @property
    def id_customer(self) -> int | None: ...
    @property
    def number(self) -> str: ...
    @property
    def firstname(self) -> str: ...
    @property
    def lastname(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def country_iso(self) -> str: ...
    @property
    def suppressed(self) -> bool: ...
    @property
    def proof(self) -> Proof | None: ...


@dataclass(frozen=True)
class Contact:
    """A recipient given directly (tests, imports): same fields as the segment's Recipient."""

    number: str
    firstname: str = ""
    lastname: str = ""
    email: str = ""
    country_iso: str = "FR"
    id_customer: int | None = None
    suppressed: bool = False
    proof: Proof | None = None


@dataclass(frozen=True)
class CampaignRequest:
    """What the merchant asks for. `sender` "" means the settings' sender."""

    message: str = ""
    sender: str = ""
    label: str = ""
    segment: Mapping[str, Any] = field(default_factory=dict)
    scheduled_for: datetime | None = None
    kind: CampaignKind = CampaignKind.SEND
    directory_name: str = ""
    #: the lawful basis: every recipient then needs its proof (a campaign from the shop
    #: always has one; None only for recipients given directly, tests and benchmarks)
    basis: Basis | None = None
    #: send even to numbers over the frequency caps (asked for, and confirmed, explicitly)
    ignore_cap: bool = False
    #: the share of recipients (percent, 0 to 50) kept aside as a hold-out group, drawn
    #: at random (campaigns/draws.py) and never sent: what the campaign added is measured
    #: against them (isend_tui/results/)
    holdout_pct: int = 0
    #: an A/B test: the other texts (1 to 3) besides `message`, one of them or the
    #: message drawn at random for each recipient (campaigns/draws.py) and recorded
    variants: tuple[str, ...] = ()
    #: with variants: the share of recipients (percent) kept for the winning text, sent
    #: after `winner_after_hours` once a winner is known (campaigns/remainder.py)
    remainder_pct: int = 0
    winner_after_hours: int | None = None
    #: an A/B test on send times instead of texts: 2 to 4 moments (Paris), one drawn at
    #: random for each recipient and recorded (campaigns/send_times.py)
    send_times: tuple[datetime, ...] = ()


@dataclass(frozen=True)
class BatchInfo:
    id: int
    campaign_id: int
    state: str
    size: int
    ucs2: bool
    attempts: int
    started_at: str
    finished_at: str | None
    error: str | None
    uncertain_numbers: int = 0


@dataclass(frozen=True)
class CampaignSummary:
    id: int
    kind: str
    label: str
    state: str
    created_at: str
    scheduled_for: str | None
    recipients: int
    parts_total: int
    cost_estimate: str | None
    sent: int
    refused: int
    suppressed: int
    uncertain: int
    pending: int
    error: str | None

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class CampaignDetail:
    summary: CampaignSummary
    message: str
    sender: str
    segment: str
    directory_name: str | None
    directory_id: int | None
    parts_max: int
    excluded: Mapping[str, int]
    by_state: Mapping[str, int]
    uncertain_batches: tuple[BatchInfo, ...]
    finished_at: str | None
    #: an A/B test of send times: its moments (Paris, "YYYY-MM-DD HH:MM"), moment A first
    send_times: tuple[str, ...] = ()


@dataclass(frozen=True)
class DispatchResult:
    campaign_id: int
    state: CampaignState
    sent: int
    refused: int
    suppressed: int
    uncertain: int
    pending: int
    error: str | None
    uncertain_batches: tuple[int, ...]

    @property
    def ok(self) -> bool:
        return self.state in (CampaignState.SENT, CampaignState.SCHEDULED)


@dataclass(frozen=True)
class ExportResult:
    campaign_id: int
    directory_id: int
    added: int
    failures: tuple[tuple[str, str, str], ...]
    """(number, code, message) for each number iSendPro did not add."""
    state: CampaignState
    error: str | None = None


@dataclass(frozen=True)
class InterruptedCampaign:
    id: int
    label: str
    state: str
    pending: int
    uncertain_batches: tuple[BatchInfo, ...]
