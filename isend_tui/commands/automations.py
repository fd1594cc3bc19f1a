"""``isend-tui automations list|show|enable|disable|edit|preview|run``.

The flows live in isend_tui/automations/; ``run --once`` is one pass of the watcher with
the automations (``isend-tui watch`` runs them all the time, the TUI's watcher too).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from isend_tui import formatting
from isend_tui.automations.flows import FLOWS, Flow, parse_flow, variable_label
from isend_tui.commands.shop_option import add_shop_db_options, shop_dsn_from
from isend_tui.commands.with_context import with_context
from isend_tui.context import AppContext
from isend_tui.errors import UserError
from isend_tui.formatting import counted
from isend_tui.i18n import _

if TYPE_CHECKING:
    from isend_tui.results.messages import MessageFigures


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("date invalide : {value} (attendu AAAA-MM-JJ)").format(value=value)
        ) from None


def _flow(value: str) -> Flow:
    try:
        return parse_flow(value)
    except UserError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    shop = argparse.ArgumentParser(add_help=False)
    add_shop_db_options(shop)
    top = subparsers.add_parser(
        "automations",
        parents=parents,
        help=_("automatisations : panier abandonné, anniversaire, relance, avis, stock"),
    )
    actions = top.add_subparsers(dest="automations_action", metavar="ACTION", required=True)

    listing = actions.add_parser(
        "list", parents=[*parents, shop], help=_("les automatisations et leurs chiffres")
    )
    listing.add_argument("--json", action="store_true", help=_("sortie JSON"))
    listing.add_argument(
        "--offline", action="store_true", help=_("sans lire la boutique (pas de commandes)")
    )
    listing.set_defaults(handler=run_list)

    show = actions.add_parser("show", parents=parents, help=_("les réglages d'une automatisation"))
    show.add_argument("flow", type=_flow, metavar="FLOW")
    show.add_argument("--json", action="store_true", help=_("sortie JSON"))
    show.set_defaults(handler=run_show)

    for name, helptext, handler in (
        ("enable", _("active une automatisation"), run_enable),
        ("disable", _("désactive une automatisation"), run_disable),
    ):
        sub = actions.add_parser(name, parents=[*parents, shop], help=helptext)
        sub.add_argument("flow", type=_flow, metavar="FLOW")
        sub.set_defaults(handler=handler)

    edit = actions.add_parser(
        "edit", parents=parents, help=_("change le texte, les délais, l'heure, le code promo")
    )
    edit.add_argument("flow", type=_flow, metavar="FLOW")
    edit.add_argument("--text", default=None, help=_("texte du SMS, avec ses variables"))
    edit.add_argument(
        "--delay", default=None, help=_("délai (heures pour le panier : 2,24 ; sinon jours)")
    )
    edit.add_argument("--hour", default=None, help=_("heure d'envoi (anniversaire), 0 à 23"))
    edit.add_argument("--voucher", default=None, help=_("code promo créé dans la boutique"))
    edit.add_argument("--basis", default=None, help=_("base légale : consent (défaut) ou customer"))
    edit.add_argument("--json", action="store_true", help=_("sortie JSON"))
    edit.set_defaults(handler=run_edit)

    prev = actions.add_parser(
        "preview", parents=[*parents, shop], help=_("qui la recevrait dans les 24 h, et quoi")
    )
    prev.add_argument("flow", type=_flow, metavar="FLOW")
    prev.add_argument("--json", action="store_true", help=_("sortie JSON"))
    prev.set_defaults(handler=run_preview)

    run = actions.add_parser(
        "run", parents=[*parents, shop], help=_("une passe des automatisations (et du watcher)")
    )
    run.add_argument("--once", action="store_true", required=True, help=_("une seule passe"))
    run.add_argument(
        "--since",
        type=_date,
        default=None,
        metavar="AAAA-MM-JJ",
        help=_("rejouer depuis cette date (ce qui est déjà enregistré ne repart pas)"),
    )
    run.set_defaults(handler=run_once)


_with_context = with_context


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _settings_json(s: Any) -> dict[str, Any]:
    definition = FLOWS[s.flow]
    return {
        "flow": s.flow.value,
        "title": definition.title,
        "enabled": s.enabled,
        "text": s.text,
        "delays": list(s.delays),
        "delay_unit": definition.unit.value,
        "hour": s.hour,
        "voucher": s.voucher,
        "basis": s.basis.value,
        "variables": list(definition.variables),
        "started_at": s.started_at.isoformat() if s.started_at else None,
    }


def run_list(args: argparse.Namespace) -> int:
    from isend_tui.automations.overview import list_flows
    from isend_tui.results.messages import message_results
    from isend_tui.shop.info import open_shop

    def body(ctx: AppContext) -> int:
        now = _now()
        conn = None
        warning = None
        earned: dict[str, dict[str, MessageFigures]] | None = None
        if not args.offline:
            try:
                conn = open_shop(shop_dsn_from(args, ctx.settings))
            except UserError as exc:
                warning = exc.message
        try:
            flows = list_flows(ctx.store, now, conn=conn)
            if conn is not None:
                days = ctx.settings.attribution_days
                earned = {
                    name: message_results(
                        ctx.store, conn, by="flow", since=now - dt.timedelta(days=span), until=now,
                        days=days,
                    )
                    for name, span in (("last_7_days", 7), ("last_30_days", 30))
                }  # fmt: skip
        finally:
            if conn is not None:
                conn.close()

        def results_of(name: str, flow: str) -> MessageFigures | None:
            return None if earned is None else earned[name].get(flow)

        if args.json:
            out = []
            for f in flows:
                item = _settings_json(f.settings)
                for name, figures in (
                    ("last_7_days", f.last_7_days),
                    ("last_30_days", f.last_30_days),
                ):
                    found = results_of(name, f.flow.value)
                    item[name] = {
                        "sent": figures.sent,
                        "not_sent": figures.not_sent,
                        "waiting": figures.waiting,
                        "orders": None if earned is None else (found.orders if found else 0),
                        "revenue": None if earned is None else _revenue_text(found),
                    }
                item["problem"] = f.problem
                out.append(item)
            print(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            for f in flows:
                state = _("active") if f.settings.enabled else _("désactivée")
                orders = ""
                if earned is not None:
                    found = results_of("last_30_days", f.flow.value)
                    orders = ", " + _("{orders} ensuite, {revenue}").format(
                        orders=counted(
                            found.orders if found else 0,
                            _("{n} commande"),
                            _("{n} commandes"),
                        ),
                        revenue=formatting.money(
                            found.revenue if found else 0,
                            found.currency if found else "EUR",
                        ),
                    )
                print(
                    _(
                        "{flow:16} {title:22} [{state}] 7 j : {week} envoyés, 30 j : {month} "
                        "envoyés ({not_sent} non envoyés){orders}"
                    ).format(
                        flow=f.flow.value,
                        title=f.title,
                        state=state,
                        week=f.last_7_days.sent,
                        month=f.last_30_days.sent,
                        not_sent=f.last_30_days.not_sent,
                        orders=orders,
                    )
                )
                if f.problem:
                    print("    " + f.problem)
        if warning:
            print(_("Boutique non lue ({error}) : commandes non comptées.").format(error=warning))
        return 0

    return _with_context(args, body)


def _revenue_text(found: MessageFigures | None) -> str:
    from isend_tui.results.figures import money

    return str(money(found.revenue)) if found else "0.00"


def run_show(args: argparse.Namespace) -> int:
    from isend_tui.automations.flow_settings import load_flow

    def body(ctx: AppContext) -> int:
        s = load_flow(ctx.store, args.flow)
        if args.json:
            print(json.dumps(_settings_json(s), ensure_ascii=False, indent=2))
            return 0
        data = _settings_json(s)
        print(f"{data['title']} ({s.flow.value})")
        print(
            "  " + _("état : {state}").format(state=_("active") if s.enabled else _("désactivée"))
        )
        if s.delays:
            print(
                "  "
                + _("délais : {delays} ({unit})").format(
                    delays=", ".join(str(d) for d in s.delays), unit=data["delay_unit"]
                )
            )
        if s.hour is not None:
            print("  " + _("heure d'envoi : {hour} h").format(hour=s.hour))
        print("  " + _("code promo : {voucher}").format(voucher=s.voucher or "—"))
        print("  " + _("base légale : {basis}").format(basis=s.basis.value))
        print("  " + _("texte : {text}").format(text=s.text))
        names = [
            "{" + v + "}" + (f" ({variable_label(v)})" if variable_label(v) else "")
            for v in FLOWS[s.flow].variables
        ]
        print("  " + _("variables : {names}").format(names=", ".join(names)))
        return 0

    return _with_context(args, body)


def _check_shop_for(args: argparse.Namespace, ctx: AppContext, flow: Flow) -> None:
    """Back in stock needs the emailalerts module's table: checked before enabling."""
    if flow is not Flow.BACK_IN_STOCK:
        return
    from isend_tui.automations.flow_settings import FlowSettingError
    from isend_tui.automations.overview import flow_problem
    from isend_tui.shop.info import open_shop

    with open_shop(shop_dsn_from(args, ctx.settings)) as conn:
        problem = flow_problem(conn, flow)
    if problem:
        raise FlowSettingError(problem, field="back_in_stock")


def _set_enabled(args: argparse.Namespace, enabled: bool) -> int:
    from isend_tui.automations.flow_settings import edit_flow

    def body(ctx: AppContext) -> int:
        if enabled:
            _check_shop_for(args, ctx, args.flow)
        edit_flow(ctx.store, args.flow, _now(), enabled=enabled)
        message = (
            _("Automatisation {flow} activée.")
            if enabled
            else _("Automatisation {flow} désactivée.")
        )
        print(message.format(flow=args.flow.value))
        return 0

    return _with_context(args, body)


def run_enable(args: argparse.Namespace) -> int:
    return _set_enabled(args, True)


def run_disable(args: argparse.Namespace) -> int:
    return _set_enabled(args, False)


def run_edit(args: argparse.Namespace) -> int:
    from isend_tui.automations.flow_settings import edit_flow

    def body(ctx: AppContext) -> int:
        s = edit_flow(
            ctx.store,
            args.flow,
            _now(),
            text=args.text,
            delays=args.delay,
            hour=args.hour,
            voucher=args.voucher,
            basis=args.basis,
        )
        if args.json:
            print(json.dumps(_settings_json(s), ensure_ascii=False, indent=2))
        else:
            print(_("Automatisation {flow} enregistrée.").format(flow=args.flow.value))
        return 0

    return _with_context(args, body)


def run_preview(args: argparse.Namespace) -> int:
    from isend_tui.automations.overview import preview
    from isend_tui.formatting import moment
    from isend_tui.shop.info import open_shop

    def body(ctx: AppContext) -> int:
        with open_shop(shop_dsn_from(args, ctx.settings)) as conn:
            items = preview(conn, ctx.store, ctx.settings, args.flow, _now())
        if args.json:
            print(json.dumps([
                {
                    "id_customer": i.id_customer,
                    "name": i.name,
                    "number": i.number,
                    "due": i.due.isoformat(),
                    "leaves": i.leaves.isoformat() if i.leaves else None,
                    "text": i.text,
                    "outcome": i.outcome,
                    "detail": i.detail,
                }
                for i in items
            ], ensure_ascii=False, indent=2))  # fmt: skip
            return 0
        if not items:
            print(_("Personne dans les 24 prochaines heures."))
        for i in items:
            when = moment(i.leaves) if i.leaves else "—"
            print(f"{when}  #{i.id_customer} {i.name}  {i.number or '—'}  [{i.outcome}]")
            print(f"    {i.text}")
            if i.detail:
                print(f"    {i.detail}")
        return 0

    return _with_context(args, body)


def run_once(args: argparse.Namespace) -> int:
    from isend_tui.automations.runner import AutomationRunner
    from isend_tui.notifications.watcher import Watcher

    def body(ctx: AppContext) -> int:
        dsn = shop_dsn_from(args, ctx.settings)
        runner = AutomationRunner.from_context(ctx, since=args.since)
        watcher = Watcher.from_context(ctx, shop_dsn=dsn, since=args.since, steps=[runner])
        with watcher:
            reports = watcher.poll_until_idle()
        for report in reports:
            print(report.summary())
        for flow, problem in runner.problems.items():
            print(f"{flow.value} : {problem}")
        last = reports[-1]
        if last.shop_error:
            raise UserError(_("Boutique injoignable : {error}").format(error=last.shop_error))
        return 0

    return _with_context(args, body)
