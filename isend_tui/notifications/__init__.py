"""Event notifications: the event catalogue, rules, the watcher and its log.

The API the screens and the CLI use (blocking calls: run them in thread workers):

- events: `events_for_ui(shop_info | conn | None)` -> [EventChoice] (catalogue + states
  added by payment modules, chosen by name); `events_of_shop(dsn)` opens the shop for it;
  `EventChoice.variable_infos()`.
- rules: `create_rules`, `list_rules`, `get_rule`, `update_rule`, `set_rule_enabled`,
  `delete_rule`, `rule_counter` (the editor's counter, STOP mention included when due).
- log: `list_notifications(store, limit=500, event=None, code=None)`,
  `notification_detail(store, id)`, `count_by_state(store)`.
- watcher: `Watcher(store, settings, shop_dsn, client_factory, clock, lock_path=…)`,
  `.poll_once() -> PollReport`, `.run(stop_event, on_report)`; `Watcher.from_context(ctx)`.
  Its collaborators: `detect.Detector` (with `cursors`, `tracking`), `outbox.Outbox`,
  `sender.NotificationSender`, `lock.WatcherLock`.
"""

from isend_tui.notifications.catalogue import CATALOGUE, Audience, EventDef, Trigger
from isend_tui.notifications.choices import EventChoice, events_for_ui, events_of_shop
from isend_tui.notifications.lock import WatcherLock
from isend_tui.notifications.log import (
    Code,
    NotificationDetail,
    NotificationRow,
    State,
    count_by_state,
    list_notifications,
    notification_detail,
)
from isend_tui.notifications.rules import (
    EventRef,
    RuleCount,
    RuleView,
    create_rules,
    delete_rule,
    get_rule,
    list_rules,
    parse_event_ref,
    rule_counter,
    set_rule_enabled,
    update_rule,
)
from isend_tui.notifications.watcher import PollReport, Watcher

__all__ = [
    "CATALOGUE",
    "Audience",
    "Code",
    "EventChoice",
    "EventDef",
    "EventRef",
    "NotificationDetail",
    "NotificationRow",
    "PollReport",
    "RuleCount",
    "RuleView",
    "State",
    "Trigger",
    "Watcher",
    "WatcherLock",
    "count_by_state",
    "create_rules",
    "delete_rule",
    "events_for_ui",
    "events_of_shop",
    "get_rule",
    "list_notifications",
    "list_rules",
    "notification_detail",
    "parse_event_ref",
    "rule_counter",
    "set_rule_enabled",
    "update_rule",
]
