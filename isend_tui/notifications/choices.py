"""The events the rule editor offers: the catalogue, checked against the shop, plus the
order states payment modules added (chosen by name from order_state_lang)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from isend_tui.i18n import _
from isend_tui.notifications.catalogue import CATALOGUE, Audience, sorted_events
from isend_tui.notifications.rules import EventRef, default_text
from isend_tui.notifications.variables import VariableInfo, describe

if TYPE_CHECKING:
    from isend_tui.shop.connection import ShopConnection
    from isend_tui.shop.dsn import ShopDsn
    from isend_tui.shop.info import ShopInfo


@dataclass(frozen=True)
class EventChoice:
    """One line of the event list. `available` False: the shop lacks that state (reason)."""

    key: str
    label: str
    audience: Audience
    default_text: str
    variables: tuple[str, ...]
    order_state_id: int | None = None
    state_name: str = ""
    available: bool = True
    problem: str = ""

    @property
    def ref(self) -> EventRef:
        return EventRef(self.key, self.order_state_id, self.state_name)

    def variable_infos(self) -> list[VariableInfo]:
        """The variables the editor may offer for this event, with their descriptions."""
        return describe(list(self.variables))


def events_for_ui(source: ShopInfo | ShopConnection | None = None) -> list[EventChoice]:
    """Catalogue events (admin first), then the shop's other states for both audiences.

    - None: the catalogue alone, every event available;
    - a ShopInfo: order-state events whose PS_OS_* key the shop lacks are unavailable;
    - a ShopConnection: the same, plus the shop's non-deleted states that no PS_OS_* key
      names (added by payment modules), in the shop's default language.
    """
    from isend_tui.shop.connection import ShopConnection

    conn = source if isinstance(source, ShopConnection) else None
    info = conn.info if conn is not None else source
    known_ids: set[int] = set()
    choices: list[EventChoice] = []
    for definition in sorted_events():
        available, problem = True, ""
        if definition.state_key and info is not None:
            assert not isinstance(info, ShopConnection)
            state_id = info.state(definition.state_key)
            if state_id is None:
                available = False
                problem = _(
                    "Cette boutique n'a pas l'état {key} (absent de sa configuration)."
                ).format(key=definition.state_key)
            else:
                known_ids.add(state_id)
        choices.append(
            EventChoice(
                key=definition.key,
                label=definition.display_label(),
                audience=definition.audience,
                default_text=definition.default_text,
                variables=definition.variables,
                available=available,
                problem=problem,
            )
        )
    if conn is None:
        return choices
    from isend_tui.shop.info import list_order_states

    extra = [s for s in list_order_states(conn) if not s.deleted and s.id not in known_ids]
    for audience in (Audience.ADMIN, Audience.CLIENT):
        definition = CATALOGUE[f"{audience}.order_state"]
        for state in extra:
            ref = EventRef(definition.key, state.id, state.name)
            choices.append(
                EventChoice(
                    key=definition.key,
                    label=definition.display_label(state.name),
                    audience=audience,
                    default_text=default_text(ref),
                    variables=definition.variables,
                    order_state_id=state.id,
                    state_name=state.name,
                )
            )
    choices.sort(key=lambda c: c.audience != Audience.ADMIN)  # stable: admin first
    return choices


def events_of_shop(dsn: ShopDsn) -> list[EventChoice]:
    """`events_for_ui` for the shop at `dsn`, on a connection opened and closed here.

    Raises the shop's UserError when it cannot be read.
    """
    from isend_tui.shop.info import open_shop

    with open_shop(dsn) as conn:
        return events_for_ui(conn)
