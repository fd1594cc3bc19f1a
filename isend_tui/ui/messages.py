"""What a thread worker reports to its screen when it is done.

A thread must not touch widgets: the worker posts one of these to its screen
(post_message is thread-safe) and an @on handler updates the widgets on the event loop.
Tests can watch them with run_test(message_hook=...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from rich.text import Text

    from isend_tui.automations.overview import FlowSummary
    from isend_tui.campaigns.blacklist_outbox import PushStatus
    from isend_tui.campaigns.events import CampaignProgress
    from isend_tui.campaigns.model import CampaignDetail, CampaignSummary
    from isend_tui.campaigns.suppression import SuppressionEntry
    from isend_tui.config import Settings
    from isend_tui.dashboard.board import Board
    from isend_tui.delivery.queries import DeliveryCounts, SmsDelivery
    from isend_tui.notifications import (
        EventChoice,
        NotificationDetail,
        NotificationRow,
        RuleView,
    )
    from isend_tui.results.messages import MessageFigures
    from isend_tui.results.winner import WinnerCheck

# ---------------------------------------------------------------------- Paramétrage


@dataclass
class SettingsSaved(Message):
    previous: Settings
    settings: Settings


@dataclass
class ReceiptUrlRead(Message):
    text: str
    """The delivery receipts' address to give iSendPro (or why it could not be read)."""


@dataclass
class ShopTested(Message):
    text: str
    """What the connection test found ("✓ …") or why it failed ("✗ …")."""


# ---------------------------------------------------------------------- Envoi de notifications


@dataclass
class EventsLoaded(Message):
    choices: list[EventChoice] | None
    """The catalogue checked against the shop (None: the catalogue alone)."""
    note: str
    """Why the shop could not be read, or ""."""


@dataclass(frozen=True)
class RulesRead:
    """The rules as one read found them. Reads run in threads and may arrive out of
    order (a reload on coming back from a dialog races the delete it asked about):
    the screen shows a read only if no later-started read is already shown."""

    number: int
    rules: list[RuleView]


@dataclass
class RulesLoaded(Message):
    rules: RulesRead
    select: int | None = None
    """The rule to put the cursor on."""


@dataclass
class RulesCreated(Message):
    created: list[RuleView]
    rules: RulesRead


@dataclass
class RuleUpdated(Message):
    rule: RuleView
    rules: RulesRead


@dataclass
class RuleToggled(Message):
    rule: RuleView
    rules: RulesRead


@dataclass
class RuleRefused(Message):
    reason: str


# ---------------------------------------------------------------------- État des campagnes


@dataclass
class CampaignsLoaded(Message):
    rows: list[CampaignSummary]
    started: float
    """perf_counter() when the reload was asked for."""
    deliveries: dict[int, DeliveryCounts] = field(default_factory=dict)
    """The delivery receipts' figures of each campaign."""
    revenue: dict[int, str] = field(default_factory=dict)
    """Each measured campaign's attributed revenue, as shown (results/cache.py)."""


@dataclass
class CampaignCancelled(Message):
    campaign_id: int
    recipients: int
    """How many recipients will receive nothing."""


@dataclass
class CampaignDetailLoaded(Message):
    detail: CampaignDetail
    events: list[CampaignProgress]
    proof: str = ""
    """The lawful basis and its proofs, one line ("" for a campaign without a basis)."""
    delivery: DeliveryCounts | None = None
    results: list[str] = field(default_factory=list)
    """What it earned (results.lines), empty while never measured."""
    winner: WinnerCheck | None = None
    """Its A/B test's remainder, when it keeps recipients for the winning text."""


@dataclass
class RecipientsPageLoaded(Message):
    cells: list[tuple[str, tuple[Text | str, ...]]]
    """Each recipient's key and cells, as the table shows them."""
    offset: int
    total: int
    """Recipients under the filters, all pages."""


@dataclass
class SuppressionListLoaded(Message):
    entries: list[SuppressionEntry]
    withdrawals: list[PushStatus]
    """Numbers withdrawn by hand whose withdrawal has not reached iSendPro yet."""
    last_import: str | None = None
    """When the watcher last imported the account's blacklist, and what it found."""


# ---------------------------------------------------------------------- État des notifications


@dataclass
class NotificationLogChanged(Message):
    """A watcher (maybe in another process) wrote to the log: reload."""


@dataclass
class NotificationsLoaded(Message):
    rows: list[NotificationRow]
    cells: list[tuple[Any, ...]]
    fingerprint: int
    """The log's fingerprint read before the rows (a later change is never missed)."""
    started: float


@dataclass
class NotificationsLoadFailed(Message):
    """The log could not be read (the reason is in the log file)."""


@dataclass
class NotificationDetailLoaded(Message):
    detail: NotificationDetail
    delivery: SmsDelivery | None = None


@dataclass
class NotificationsSettled(Message):
    line: str
    """What settling did, in words."""
    failed: bool = False


# ---------------------------------------------------------------------- Tableau de bord


@dataclass
class BoardLoaded(Message):
    board: Board


# ---------------------------------------------------------------------- Automatisations


@dataclass
class FlowsLoaded(Message):
    flows: list[FlowSummary]
    note: str = ""
    """What was just done (a flow turned on…), shown under the table."""
    earned: dict[str, MessageFigures] | None = None
    """Per flow, the orders that followed its SMS of the last 30 days (None: shop not read)."""


@dataclass
class FlowPreviewed(Message):
    title: str
    text: str
