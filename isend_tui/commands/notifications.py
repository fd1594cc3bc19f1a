"""``isend-tui notifications events|rules|log``, and the ``watch`` command's options (its
run: commands/watch.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from typing import Any

from isend_tui import formatting
from isend_tui.commands import notification_resolve
from isend_tui.commands.shop_option import add_shop_db_options, shop_dsn_from
from isend_tui.commands.watch import run_watch
from isend_tui.commands.with_context import with_context
from isend_tui.context import AppContext
from isend_tui.errors import UserError
from isend_tui.i18n import _

log = logging.getLogger(__name__)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("date invalide : {value} (attendu AAAA-MM-JJ)").format(value=value)
        ) from None


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(
            _("nombre entier positif attendu : {value}").format(value=value)
        )
    return int(value)


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``watch`` and ``notifications`` sub-commands."""
    shop = argparse.ArgumentParser(add_help=False)
    add_shop_db_options(shop)

    watch = subparsers.add_parser(
        "watch",
        parents=[*parents, shop],
        help=_("surveille la boutique et envoie les notifications SMS (sans écran)"),
        description=_(
            "Surveille la boutique toutes les quelques secondes et envoie les notifications "
            "des règles actives. SIGTERM ou Ctrl-C : termine l'envoi en cours puis s'arrête. "
            "Un seul watcher par dossier de données."
        ),
    )
    watch.add_argument(
        "--since",
        type=_date,
        default=None,
        metavar="AAAA-MM-JJ",
        help=_(
            "reprendre les événements depuis cette date (sinon : à partir de maintenant au "
            "premier lancement, puis là où il s'était arrêté)"
        ),
    )
    watch.add_argument("--once", action="store_true", help=_("une seule passe, puis s'arrête"))
    watch.add_argument(
        "--receipts-port",
        type=int,
        default=None,
        metavar="PORT",
        help=_("port du récepteur d'accusés de réception (réglage receipts_port ; 0 : arrêté)"),
    )
    watch.set_defaults(handler=run_watch)

    notif = subparsers.add_parser(
        "notifications",
        parents=parents,
        help=_("règles de notification, événements et journal des envois"),
    )
    actions = notif.add_subparsers(dest="notifications_action", metavar="ACTION", required=True)

    events = actions.add_parser(
        "events",
        parents=[*parents, shop],
        help=_("liste les événements possibles (et les états ajoutés par des modules)"),
    )
    events.add_argument("--json", action="store_true", help=_("sortie JSON"))
    events.add_argument(
        "--offline", action="store_true", help=_("sans lire la boutique (catalogue seul)")
    )
    events.set_defaults(handler=run_events)

    rules = actions.add_parser("rules", parents=parents, help=_("gère les règles de notification"))
    rule_actions = rules.add_subparsers(dest="rules_action", metavar="ACTION", required=True)
    list_ = rule_actions.add_parser("list", parents=parents, help=_("liste les règles"))
    list_.add_argument("--all", action="store_true", help=_("avec les règles désactivées"))
    list_.add_argument("--json", action="store_true", help=_("sortie JSON"))
    list_.set_defaults(handler=run_rules_list)
    add = rule_actions.add_parser(
        "add", parents=[*parents, shop], help=_("crée une règle par événement")
    )
    add.add_argument(
        "events",
        nargs="+",
        metavar="EVENT",
        help=_("clé d'événement (voir notifications events), ou client.order_state:ID"),
    )
    add.add_argument("--sender", default=None, help=_("émetteur (sinon celui des réglages)"))
    add.add_argument("--text", default=None, help=_("texte du SMS (sinon le texte par défaut)"))
    add.set_defaults(handler=run_rules_add)
    edit = rule_actions.add_parser(
        "edit", parents=parents, help=_("change le texte ou l'émetteur d'une règle")
    )
    edit.add_argument("id", type=_positive, metavar="ID", help=_("numéro de la règle"))
    edit.add_argument("--sender", default=None, help=_("nouvel émetteur"))
    edit.add_argument("--text", default=None, help=_("nouveau texte du SMS"))
    edit.set_defaults(handler=run_rules_edit)
    for name, helptext, handler in (
        ("disable", _("désactive une règle"), run_rules_disable),
        ("enable", _("réactive une règle"), run_rules_enable),
        ("delete", _("supprime une règle (le journal est gardé)"), run_rules_delete),
    ):
        sub = rule_actions.add_parser(name, parents=parents, help=helptext)
        sub.add_argument("id", type=_positive, metavar="ID", help=_("numéro de la règle"))
        if name == "delete":
            sub.add_argument("--yes", action="store_true", help=_("sans confirmation"))
        sub.set_defaults(handler=handler)

    log_ = actions.add_parser(
        "log", parents=parents, help=_("journal des notifications (les plus récentes d'abord)")
    )
    log_.add_argument("--json", action="store_true", help=_("sortie JSON"))
    log_.add_argument("--event", default=None, help=_("seulement cet événement"))
    log_.add_argument("--code", default=None, help=_("seulement ce code retour"))
    log_.add_argument("--limit", type=_positive, default=500, help=_("nombre de lignes (500)"))
    log_.set_defaults(handler=run_log)
    notification_resolve.register(actions, parents, _positive)


_with_context = with_context


# --------------------------------------------------------------------------- events


def run_events(args: argparse.Namespace) -> int:
    from isend_tui.notifications.choices import events_for_ui

    def body(ctx: AppContext) -> int:
        source: Any = None
        warning = None
        if not args.offline:
            try:
                from isend_tui.shop.info import open_shop

                source = open_shop(shop_dsn_from(args, ctx.settings))
            except UserError as exc:
                warning = exc.message
        try:
            choices = events_for_ui(source)
        finally:
            if source is not None:
                source.close()
        if args.json:
            print(
                json.dumps(
                    [
                        {
                            "event": c.key
                            + (f":{c.order_state_id}" if c.order_state_id is not None else ""),
                            "label": c.label,
                            "audience": str(c.audience),
                            "available": c.available,
                            "problem": c.problem,
                            "variables": list(c.variables),
                            "default_text": c.default_text,
                        }
                        for c in choices
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for c in choices:
                key = c.key + (f":{c.order_state_id}" if c.order_state_id is not None else "")
                mark = "" if c.available else "  (" + c.problem + ")"
                print(f"{key:45} {c.label}{mark}")
        if warning:
            print(
                _("Boutique non lue ({error}) : états des modules non listés.").format(
                    error=warning
                ),
                file=sys.stderr,
            )
        return 0

    return _with_context(args, body)


# --------------------------------------------------------------------------- rules


def _rule_json(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.id,
        "event": rule.event,
        "order_state_id": rule.order_state_id,
        "label": rule.label,
        "sender": rule.sender,
        "text": rule.text,
        "enabled": rule.enabled,
        "created_at": rule.created_at,
        "updated_at": rule.updated_at,
    }


def _print_rule(rule: Any) -> None:
    state = _("active") if rule.enabled else _("désactivée")
    sender = rule.sender or _("(émetteur par défaut)")
    print(f"#{rule.id} [{state}] {rule.label} — {sender}")
    print(f"    {rule.text}")


def run_rules_list(args: argparse.Namespace) -> int:
    from isend_tui.notifications.rules import list_rules

    def body(ctx: AppContext) -> int:
        rules = list_rules(ctx.store, active_only=not args.all)
        if args.json:
            print(json.dumps([_rule_json(r) for r in rules], ensure_ascii=False, indent=2))
        elif not rules:
            print(_("Aucune règle de notification."))
        else:
            for rule in rules:
                _print_rule(rule)
        return 0

    return _with_context(args, body)


def _state_names(args: argparse.Namespace, ctx: AppContext) -> dict[int, str]:
    """Names of the states the command line refers to by id (empty if the shop is down)."""
    if not any(":" in e for e in args.events):
        return {}
    from isend_tui.shop.info import list_order_states, open_shop

    try:
        with open_shop(shop_dsn_from(args, ctx.settings)) as conn:
            return {s.id: s.name for s in list_order_states(conn) if not s.deleted}
    except UserError as exc:
        print(
            _("Boutique non lue ({error}) : le nom de l'état ne sera pas connu.").format(
                error=exc.message
            ),
            file=sys.stderr,
        )
        return {}


def run_rules_add(args: argparse.Namespace) -> int:
    from isend_tui.notifications.rules import create_rules, parse_event_ref

    def body(ctx: AppContext) -> int:
        names = _state_names(args, ctx)
        refs = [parse_event_ref(e, names) for e in args.events]
        created = create_rules(ctx.store, ctx.settings, refs, sender=args.sender, text=args.text)
        for rule in created:
            print(_("Règle n°{id} créée : {label}").format(id=rule.id, label=rule.label))
        _warn_if_marketing([rule.text for rule in created])
        return 0

    return _with_context(args, body)


def _warn_if_marketing(texts: list[str]) -> None:
    from isend_tui.sms.content import marketing_warning

    for warning in dict.fromkeys(w for t in texts if (w := marketing_warning(t))):
        print("! " + warning, file=sys.stderr)


def run_rules_edit(args: argparse.Namespace) -> int:
    from isend_tui.notifications.rules import update_rule

    def body(ctx: AppContext) -> int:
        if args.text is None and args.sender is None:
            raise UserError(_("Rien à modifier : indiquez --text et/ou --sender."))
        rule = update_rule(ctx.store, args.id, text=args.text, sender=args.sender)
        print(_("Règle n°{id} modifiée : {label}").format(id=rule.id, label=rule.label))
        _warn_if_marketing([rule.text])
        return 0

    return _with_context(args, body)


def _toggle(args: argparse.Namespace, enabled: bool) -> int:
    from isend_tui.notifications.rules import set_rule_enabled

    def body(ctx: AppContext) -> int:
        rule = set_rule_enabled(ctx.store, args.id, enabled)
        message = (
            _("Règle n°{id} activée : {label}")
            if enabled
            else _("Règle n°{id} désactivée : {label}")
        )
        print(message.format(id=rule.id, label=rule.label))
        return 0

    return _with_context(args, body)


def run_rules_enable(args: argparse.Namespace) -> int:
    return _toggle(args, True)


def run_rules_disable(args: argparse.Namespace) -> int:
    return _toggle(args, False)


def run_rules_delete(args: argparse.Namespace) -> int:
    from isend_tui.notifications.rules import delete_rule, get_rule

    def body(ctx: AppContext) -> int:
        rule = get_rule(ctx.store, args.id)
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError(
                    _("Suppression de la règle n°{id} non confirmée : ajoutez --yes.").format(
                        id=rule.id
                    )
                )
            answer = input(
                _("Supprimer la règle n°{id} ({label}) ? [o/N] ").format(
                    id=rule.id, label=rule.label
                )
            )
            if answer.strip().lower() not in ("o", "oui", "y", "yes"):
                print(_("Rien n'a été supprimé."))
                return 1
        delete_rule(ctx.store, rule.id)
        print(_("Règle n°{id} supprimée.").format(id=rule.id))
        return 0

    return _with_context(args, body)


# --------------------------------------------------------------------------- log


def run_log(args: argparse.Namespace) -> int:
    from isend_tui.notifications.catalogue import CATALOGUE
    from isend_tui.notifications.errors import UnknownEvent
    from isend_tui.notifications.log import AUTOMATION_PREFIX, list_notifications

    event = args.event.strip() if args.event is not None else None
    if (
        event is not None
        and event.split(":")[0] not in CATALOGUE
        and not event.startswith(AUTOMATION_PREFIX)
    ):
        raise UnknownEvent(args.event.strip())  # not "no notification": a typo is said

    def body(ctx: AppContext) -> int:
        from isend_tui.delivery.expiry import expire_overdue
        from isend_tui.delivery.queries import notification_deliveries

        expire_overdue(ctx.store, hours=ctx.settings.receipt_expiry_hours)
        rows = list_notifications(ctx.store, limit=args.limit, event=args.event, code=args.code)
        delivered = notification_deliveries(ctx.store, [r.id for r in rows])
        if args.json:
            print(
                json.dumps(
                    [
                        {
                            "id": r.id,
                            "created_at": r.created_at.isoformat(),
                            "event": r.event,
                            "occurrence": r.occurrence,
                            "id_order": r.id_order,
                            "id_customer": r.id_customer,
                            "number": r.number,
                            "message": r.message,
                            "sender": r.sender,
                            "state": r.state,
                            "code": r.code,
                            "detail": r.detail,
                            "delivery": (delivered[r.id].as_dict() if r.id in delivered else None),
                        }
                        for r in rows
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return 0
        if not rows:
            print(_("Aucune notification dans le journal."))
        for r in rows:
            when = formatting.moment(r.created_at, seconds=True)
            print(
                f"#{r.id} {when} {r.event_label} {r.number or '-'} "
                f"[{r.state_label}] {r.code or '-'} {r.detail}"
                + (f" — {delivered[r.id].label}" if r.id in delivered else "")
            )
            print(f"    {r.message}")
        return 0

    return _with_context(args, body)
