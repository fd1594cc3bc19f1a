"""Each flow's settings, kept in the local store (table automation_flow, one row a flow):
enabled, delays, hour, text, voucher, basis. A flow never saved has its defaults (off).

Edits are checked whole before anything is written (`edit_flow`): a bad field raises a
one-line FlowSettingError naming it and the fix, and the row is left as it was.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from isend_tui.automations.flows import FLOWS, DelayUnit, Flow
from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.segments.basis import Basis, parse_basis
from isend_tui.sms.template import check_template, unknown_variables_message

if TYPE_CHECKING:
    from isend_tui.store import Store

MAX_STEPS = 5
MAX_DELAY = {DelayUnit.HOURS: 24 * 30, DelayUnit.DAYS: 3650}
MAX_VOUCHER = 40


class FlowSettingError(UserError):
    pass


@dataclass(frozen=True)
class FlowSettings:
    flow: Flow
    enabled: bool
    text: str
    delays: tuple[int, ...]
    hour: int | None
    voucher: str
    basis: Basis
    started_at: datetime | None = None
    """When the flow first ran: nothing that happened before is sent (see runner.py)."""

    def to_json(self) -> str:
        data = {
            "text": self.text,
            "delays": list(self.delays),
            "hour": self.hour,
            "voucher": self.voucher,
            "basis": self.basis.value,
        }
        return json.dumps(data, sort_keys=True, ensure_ascii=False)


def default_settings(flow: Flow) -> FlowSettings:
    d = FLOWS[flow]
    return FlowSettings(flow, False, d.text, d.delays, d.hour, "", Basis.CONSENT)


def _from_row(flow: Flow, enabled: object, raw: str, started: str | None) -> FlowSettings:
    base = default_settings(flow)
    try:
        data: dict[str, Any] = json.loads(raw)
    except ValueError:
        data = {}
    try:
        basis = Basis(str(data.get("basis", base.basis.value)))
    except ValueError:
        basis = base.basis
    delays = data.get("delays", base.delays)
    hour = data.get("hour", base.hour)
    return FlowSettings(
        flow,
        bool(enabled),
        str(data.get("text", base.text)),
        tuple(int(d) for d in delays) if isinstance(delays, list | tuple) else base.delays,
        int(hour) if isinstance(hour, int) else base.hour,
        str(data.get("voucher", "")),
        basis,
        datetime.fromisoformat(started) if started else None,
    )


def load_flow(store: Store, flow: Flow) -> FlowSettings:
    row = store.db.execute_sql(
        "SELECT enabled, settings, started_at FROM automation_flow WHERE flow = ?", (flow.value,)
    ).fetchone()
    if row is None:
        return default_settings(flow)
    return _from_row(flow, row[0], row[1], row[2])


def load_flows(store: Store) -> dict[Flow, FlowSettings]:
    found = {
        str(r[0]): r
        for r in store.db.execute_sql(
            "SELECT flow, enabled, settings, started_at FROM automation_flow"
        ).fetchall()
    }
    out: dict[Flow, FlowSettings] = {}
    for flow in Flow:
        row = found.get(flow.value)
        out[flow] = default_settings(flow) if row is None else _from_row(flow, *row[1:])
    return out


def save_flow(store: Store, settings: FlowSettings, now: datetime) -> None:
    """Write one flow's settings. Turned on, it starts at `now` (its scan state is reset):
    what happened while it was off is not sent (a replay is `--since`)."""
    with store.write():
        row = store.db.execute_sql(
            "SELECT enabled FROM automation_flow WHERE flow = ?", (settings.flow.value,)
        ).fetchone()
        store.db.execute_sql(
            "INSERT INTO automation_flow (flow, enabled, settings, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (flow) DO UPDATE SET enabled = excluded.enabled, "
            "settings = excluded.settings, updated_at = excluded.updated_at",
            (settings.flow.value, int(settings.enabled), settings.to_json(), now.isoformat()),
        )
        if settings.enabled and not (row and row[0]):
            store.db.execute_sql(
                "UPDATE automation_flow SET started_at = ?, state = '{}' WHERE flow = ?",
                (now.isoformat(), settings.flow.value),
            )


def parse_delays(text: str, flow: Flow) -> tuple[int, ...]:
    """'2,24' -> (2, 24): whole numbers in the flow's unit, >= 1 (cart: several, rising)."""
    d = FLOWS[flow]
    if d.unit is DelayUnit.NONE:
        raise FlowSettingError(
            _(
                "Délais (--delay) : l'automatisation {flow} n'a pas de délai ; retirez --delay."
            ).format(flow=flow.value),
            field="delay",
        )
    unit = _("heures") if d.unit is DelayUnit.HOURS else _("jours")
    parts = [p.strip() for p in text.split(",") if p.strip()]
    try:
        values = tuple(int(p) for p in parts)
    except ValueError:
        values = ()
    top = MAX_DELAY[d.unit]
    if not values or any(v < 1 or v > top for v in values):
        raise FlowSettingError(
            _(
                "Délais (--delay) « {value} » : un nombre entier de {unit} entre 1 et {top}, par "
                "exemple {example}."
            ).format(
                value=text.strip()[:40],
                unit=unit,
                top=top,
                example="2,24" if d.many_steps else str(d.delays[0]),
            ),
            field="delay",
        )
    if len(values) > 1 and not d.many_steps:
        raise FlowSettingError(
            _(
                "Délais (--delay) : l'automatisation {flow} n'a qu'une étape ; donnez un seul "
                "délai."
            ).format(flow=flow.value),
            field="delay",
        )
    if len(values) > MAX_STEPS or list(values) != sorted(set(values)):
        raise FlowSettingError(
            _(
                "Délais (--delay) « {value} » : au plus {n} étapes, des délais croissants sans "
                "doublon, par exemple 2,24."
            ).format(value=text.strip()[:40], n=MAX_STEPS),
            field="delay",
        )
    return values


def check_text(text: str, flow: Flow) -> str:
    allowed = FLOWS[flow].variables
    if not text.strip():
        raise FlowSettingError(
            _("Texte (--text) : le texte est vide ; écrivez le message à envoyer."), field="text"
        )
    check = check_template(text, allowed)
    if not check.ok:
        raise FlowSettingError(
            _("Texte (--text) : {problem}").format(
                problem=unknown_variables_message(check.unknown, list(allowed))
            ),
            field="text",
        )
    return text


def edit_flow(
    store: Store,
    flow: Flow,
    now: datetime,
    *,
    enabled: bool | None = None,
    text: str | None = None,
    delays: str | None = None,
    hour: str | None = None,
    voucher: str | None = None,
    basis: str | None = None,
) -> FlowSettings:
    """Check every given field, then save them together (nothing saved on an error)."""
    current = load_flow(store, flow)
    changes: dict[str, Any] = {}
    if text is not None:
        changes["text"] = check_text(text, flow)
    if delays is not None:
        changes["delays"] = parse_delays(delays, flow)
    if hour is not None:
        changes["hour"] = _parse_hour(hour, flow)
    if voucher is not None:
        value = voucher.strip()
        if len(value) > MAX_VOUCHER or any(c.isspace() for c in value):
            raise FlowSettingError(
                _("Code promo (--voucher) : un code sans espace de {n} caractères au plus.").format(
                    n=MAX_VOUCHER
                ),
                field="voucher",
            )
        changes["voucher"] = value
    if basis is not None:
        changes["basis"] = parse_basis(basis)
    if enabled is not None:
        changes["enabled"] = enabled
    updated = dataclasses.replace(current, **changes)
    if updated.enabled:
        problem = missing_voucher(updated)
        if problem:
            raise FlowSettingError(problem, field="voucher")
    save_flow(store, updated, now)
    return updated


def missing_voucher(settings: FlowSettings) -> str | None:
    """Why a text using {voucher} cannot go without a code, or None."""
    if "{voucher}" in settings.text and not settings.voucher:
        return _(
            "Le texte de {flow} utilise {{voucher}} mais aucun code n'est saisi : "
            "ajoutez --voucher CODE (créé dans la boutique) ou retirez {{voucher}}."
        ).format(flow=settings.flow.value)
    return None


def _parse_hour(text: str, flow: Flow) -> int:
    if FLOWS[flow].hour is None:
        raise FlowSettingError(
            _("Heure d'envoi (--hour) : seule l'automatisation birthday a une heure d'envoi."),
            field="hour",
        )
    value = text.strip().removesuffix("h").removesuffix(":00")
    if not value.isdigit() or not 0 <= int(value) <= 23:
        raise FlowSettingError(
            _(
                "Heure d'envoi (--hour) « {value} » : une heure entière de 0 à 23, par exemple 10."
            ).format(value=text.strip()[:20]),
            field="hour",
        )
    return int(value)


def mark_started(store: Store, flow: Flow, now: datetime) -> datetime:
    """The flow's started_at, set to `now` the first time it runs (kept afterwards)."""
    with store.write():
        store.db.execute_sql(
            "INSERT INTO automation_flow (flow, enabled, settings, started_at, updated_at) "
            "VALUES (?, 0, ?, ?, ?) ON CONFLICT (flow) DO UPDATE SET "
            "started_at = COALESCE(automation_flow.started_at, excluded.started_at)",
            (flow.value, default_settings(flow).to_json(), now.isoformat(), now.isoformat()),
        )
        row = store.db.execute_sql(
            "SELECT started_at FROM automation_flow WHERE flow = ?", (flow.value,)
        ).fetchone()
    return datetime.fromisoformat(row[0])


def load_state(store: Store, flow: Flow) -> dict[str, Any]:
    row = store.db.execute_sql(
        "SELECT state FROM automation_flow WHERE flow = ?", (flow.value,)
    ).fetchone()
    try:
        data = json.loads(row[0]) if row else {}
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


def save_state(store: Store, flow: Flow, state: dict[str, Any]) -> None:
    """The flow's scan state (its cursor); inside the caller's write transaction."""
    store.db.execute_sql(
        "UPDATE automation_flow SET state = ? WHERE flow = ?",
        (json.dumps(state, sort_keys=True), flow.value),
    )
