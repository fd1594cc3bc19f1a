"""Notification rules: which event sends which text, from which sender.

One rule per event. Creating from several events makes one rule each, with the given text
or each event's default text. A text may only use the variables its event can fill
(an account creation has no order): unknown variables are refused with the list of the
possible ones. The sender is checked with the module's rule (4 to 11 unaccented letters
or digits); empty means Settings.sender, and when that is empty too, the account's default.

Decision: a second rule for the same event (and, for a state chosen by name, the same
state) is refused: it would send the same customer two SMS for one event.

Counter: notifications are transactional. They are sent with nostop="1" unless the
settings say the account has no nostop right (Settings.nostop_right False); then iSendPro
appends its STOP mention when the sender is customised, and the counter includes it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from isend_tui.i18n import _
from isend_tui.notifications.catalogue import (
    CATALOGUE,
    CUSTOM_STATE_SLUG,
    Audience,
    EventDef,
    custom_state_text,
    event,
)
from isend_tui.notifications.errors import (
    DuplicateRule,
    EmptyText,
    MissingStateId,
    RuleNotFound,
    TextTooLong,
    UnknownEvent,
    UnknownVariables,
)
from isend_tui.notifications.models import NotificationRule
from isend_tui.notifications.variables import SAMPLE_VALUES, render_text
from isend_tui.sms import (
    MAX_PARTS,
    SmsCount,
    check_template,
    count,
    stop_mention_applies,
    unknown_variables_message,
    validate_sender,
)

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.store import Store


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class EventRef:
    """An event of the catalogue, with the state id for a state chosen by name."""

    key: str
    order_state_id: int | None = None
    state_name: str = ""

    @property
    def definition(self) -> EventDef:
        return event(self.key)


_REF = re.compile(r"^([a-z_]+\.[a-z_.]+?)(?::(\d+))?$")


def parse_event_ref(text: str, state_names: Mapping[int, str] | None = None) -> EventRef:
    """``client.order_state.shipped`` or ``client.order_state:14`` (a state by id)."""
    match = _REF.match(text.strip())
    if match is None or match.group(1) not in CATALOGUE:
        raise UnknownEvent(text.strip())
    key = match.group(1)
    definition = CATALOGUE[key]
    state_id = int(match.group(2)) if match.group(2) else None
    if definition.custom_state and state_id is None:
        raise MissingStateId(key)
    if not definition.custom_state and state_id is not None:
        raise UnknownEvent(text.strip())
    name = (state_names or {}).get(state_id, "") if state_id is not None else ""
    if state_id is not None and not name:
        name = _("État {id}").format(id=state_id)
    return EventRef(key, state_id, name)


@dataclass(frozen=True)
class RuleView:
    """A rule as the UI and the CLI show it."""

    id: int
    event: str
    label: str
    audience: Audience
    order_state_id: int | None
    state_name: str
    sender: str
    text: str
    enabled: bool
    created_at: str
    updated_at: str
    variables: tuple[str, ...]

    @property
    def ref(self) -> EventRef:
        return EventRef(self.event, self.order_state_id, self.state_name)


def _view(row: NotificationRule) -> RuleView:
    definition = CATALOGUE.get(row.event)
    label = definition.display_label(row.state_name) if definition else row.event
    return RuleView(
        id=row.id,
        event=row.event,
        label=label,
        audience=definition.audience if definition else Audience.ADMIN,
        order_state_id=row.order_state_id,
        state_name=row.state_name,
        sender=row.sender,
        text=row.text,
        enabled=bool(row.enabled),
        created_at=row.created_at,
        updated_at=row.updated_at,
        variables=definition.variables if definition else (),
    )


def default_text(ref: EventRef) -> str:
    definition = ref.definition
    if definition.custom_state:
        return custom_state_text(definition.audience, ref.state_name)
    return definition.default_text


def check_text(definition: EventDef, text: str) -> str:
    """The text, stripped, or a UserError: empty, unknown variables, more than 6 SMS."""
    value = text.strip()
    if not value:
        raise EmptyText()
    check = check_template(value, definition.variables)
    if not check.ok:
        raise UnknownVariables(
            unknown_variables_message(check.unknown, list(definition.variables)), check.unknown
        )
    template_count = count(value)
    if template_count.too_long:
        raise TextTooLong(template_count.parts, MAX_PARTS)
    return value


def _sender(sender: str | None, settings: Settings | None) -> str:
    if sender is None:
        return settings.sender.strip() if settings is not None else ""
    if not sender.strip():
        return ""
    return validate_sender(sender)


def _existing(ref: EventRef) -> NotificationRule | None:
    query = NotificationRule.select().where(NotificationRule.event == ref.key)
    if ref.order_state_id is not None:
        query = query.where(NotificationRule.order_state_id == ref.order_state_id)
    return query.first()  # type: ignore[no-any-return]


def create_rules(
    store: Store,
    settings: Settings | None,
    events: Sequence[EventRef | str],
    *,
    sender: str | None = None,
    text: str | None = None,
    enabled: bool = True,
) -> list[RuleView]:
    """One rule per event; all or none are created. `text` None: each event's default."""
    refs = [parse_event_ref(e) if isinstance(e, str) else e for e in events]
    if not refs:
        raise UnknownEvent("")
    chosen_sender = _sender(sender, settings)
    prepared: list[tuple[EventRef, str]] = []
    for ref in refs:
        definition = ref.definition
        if definition.custom_state and ref.order_state_id is None:
            raise MissingStateId(ref.key)
        body = default_text(ref) if text is None else text
        prepared.append((ref, check_text(definition, body)))
    now = _now()
    created: list[RuleView] = []
    with store.write():
        seen: set[tuple[str, int | None]] = set()
        for ref, body in prepared:
            if (ref.key, ref.order_state_id) in seen:
                continue
            seen.add((ref.key, ref.order_state_id))
            existing = _existing(ref)
            if existing is not None:
                label = ref.definition.display_label(ref.state_name)
                raise DuplicateRule(label, existing.id)
            row = NotificationRule.create(
                event=ref.key,
                order_state_id=ref.order_state_id,
                state_name=ref.state_name,
                sender=chosen_sender,
                text=body,
                enabled=enabled,
                created_at=now,
                updated_at=now,
            )
            created.append(_view(row))
    return created


def list_rules(store: Store, *, active_only: bool = False) -> list[RuleView]:
    """Every rule (or only the enabled ones), admin first, then by label."""
    del store  # the models use the store's database
    query = NotificationRule.select().order_by(NotificationRule.id)
    if active_only:
        query = query.where(NotificationRule.enabled == True)  # noqa: E712 (peewee)
    views = [_view(row) for row in query]
    return sorted(views, key=lambda v: (v.audience != Audience.ADMIN, v.label.lower(), v.id))


def get_rule(store: Store, rule_id: int) -> RuleView:
    del store
    row = NotificationRule.get_or_none(NotificationRule.id == rule_id)
    if row is None:
        raise RuleNotFound(rule_id)
    return _view(row)


def update_rule(
    store: Store, rule_id: int, *, text: str | None = None, sender: str | None = None
) -> RuleView:
    """Change a rule's text and/or sender (validated like at creation)."""
    with store.write():
        row = NotificationRule.get_or_none(NotificationRule.id == rule_id)
        if row is None:
            raise RuleNotFound(rule_id)
        definition = event(row.event)
        if text is not None:
            row.text = check_text(definition, text)
        if sender is not None:
            row.sender = _sender(sender, None)
        row.updated_at = _now()
        row.save()
        return _view(row)


def set_rule_enabled(store: Store, rule_id: int, enabled: bool) -> RuleView:
    with store.write():
        row = NotificationRule.get_or_none(NotificationRule.id == rule_id)
        if row is None:
            raise RuleNotFound(rule_id)
        row.enabled = enabled
        row.updated_at = _now()
        row.save()
        return _view(row)


def delete_rule(store: Store, rule_id: int) -> None:
    """Delete a rule; its notifications stay in the log."""
    with store.write():
        deleted = NotificationRule.delete().where(NotificationRule.id == rule_id).execute()
    if not deleted:
        raise RuleNotFound(rule_id)


# --------------------------------------------------------------------------- counter


def stop_mention(sender: str | None, settings: Settings) -> bool:
    """Whether iSendPro will append its STOP mention to a notification of a rule whose
    sender is `sender` (None or empty: Settings.sender)."""
    return sent_with_stop_mention((sender or "").strip() or settings.sender.strip(), settings)


def sent_with_stop_mention(sender: str, settings: Settings) -> bool:
    """The same for a notification whose sender is already chosen (a queued row's; empty:
    the account's default sender, which gets no mention)."""
    return stop_mention_applies(marketing=True, sender=sender, nostop=settings.nostop_right)


@dataclass(frozen=True)
class RuleCount:
    """The counter of the rule editor: the text as typed, and a sample once merged."""

    template: SmsCount
    sample: SmsCount
    sample_text: str
    stop_mention: bool


def rule_counter(text: str, sender: str | None, settings: Settings) -> RuleCount:
    stop = stop_mention(sender, settings)
    sample_text = render_text(text, SAMPLE_VALUES)
    return RuleCount(
        template=count(text, stop_mention=stop),
        sample=count(sample_text, stop_mention=stop),
        sample_text=sample_text,
        stop_mention=stop,
    )


__all__ = [
    "CUSTOM_STATE_SLUG",
    "EventRef",
    "RuleCount",
    "RuleView",
    "check_text",
    "create_rules",
    "default_text",
    "delete_rule",
    "get_rule",
    "list_rules",
    "parse_event_ref",
    "rule_counter",
    "sent_with_stop_mention",
    "set_rule_enabled",
    "stop_mention",
    "update_rule",
]
