"""Paramétrage: the keyid (checked live against the credit), default sender, admin mobile,
the gateway and the shop database connection."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from isend_tui.account import account_links, fetch_account_status
from isend_tui.config import Settings, field_problem
from isend_tui.delivery.receipt_url import receiver_line
from isend_tui.errors import UserError
from isend_tui.i18n import N_, _
from isend_tui.ui.messages import ReceiptUrlRead, SettingsSaved, ShopTested
from isend_tui.ui.safe import shown_lines
from isend_tui.ui.shell.base import SectionScreen
from isend_tui.ui.widgets.form_field import FormField, problems_summary
from isend_tui.ui.widgets.marked import MarkedCheckbox

logger = logging.getLogger(__name__)


def _optional(name: str) -> Callable[[str], str | None]:
    """An empty value is allowed (not configured yet); anything typed must be valid."""
    return lambda value: field_problem(name, value) if value else None


def _required(name: str) -> Callable[[str], str | None]:
    return lambda value: field_problem(name, value)


class SettingsScreen(SectionScreen):
    MODE = "settings"
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Enregistrer"), id="settings.save"),
        Binding("ctrl+t", "test_shop", N_("Tester la boutique"), id="settings.test_shop"),
    ]

    def compose_body(self) -> ComposeResult:
        s = self.isend.ctx.settings
        env = s.overridden

        def locked(name: str, variable: str) -> str:
            return (
                _("Défini par la variable {var} : modifiez-la pour changer.").format(var=variable)
                if name in env
                else ""
            )

        with VerticalScroll(id="settings-form", can_focus=False):
            with Vertical(classes="panel", id="account-panel") as account:
                account.border_title = _("Infos compte")
                yield Static(self._account_idle_text(), id="account-info", markup=False)
            with Vertical(classes="panel", id="isendpro-panel") as panel:
                panel.border_title = _("Vos paramètres iSendPro")
                yield FormField(
                    "keyid",
                    _("Votre keyid"),
                    s.keyid,
                    password=True,
                    help_text=_(
                        "Entrez la keyid fournie dans Mon compte > Mon API sur isendpro.com"
                    ),
                    check=_optional("keyid"),
                    locked_reason=locked("keyid", "ISEND_TUI_KEYID"),
                )
                yield FormField(
                    "sender",
                    _("Émetteur par défaut"),
                    s.sender,
                    help_text=_(
                        "4 à 11 caractères, lettres sans accent et chiffres, pas uniquement "
                        "des chiffres. Il doit identifier votre boutique."
                    ),
                    check=_optional("sender"),
                )
                yield FormField(
                    "admin_phone",
                    _("Téléphone mobile de l'administrateur"),
                    s.admin_phone,
                    help_text=_("Reçoit les notifications destinées à l'administrateur."),
                    check=_optional("admin_phone"),
                    placeholder="06 01 02 03 04",
                )
                yield FormField(
                    "gateway_url",
                    _("Passerelle SMS"),
                    s.gateway_url,
                    help_text=_("L'API iSendPro, ou l'adresse du bac à sable pour essayer."),
                    check=_required("gateway_url"),
                    locked_reason=locked("gateway_url", "ISEND_TUI_GATEWAY_URL"),
                )
                yield Label(_("Langue de l'interface"), classes="field-label")
                yield Select(
                    [("Français", "fr"), ("English", "en")],
                    value=s.language,
                    allow_blank=False,
                    compact=True,
                    id="select-language",
                )
            with Vertical(classes="panel", id="shop-panel") as shop:
                shop.border_title = _("Base de données de la boutique")
                shop_locked = locked("shop_host", "ISEND_TUI_SHOP_DB")
                yield Label(_("Type de base"), classes="field-label")
                yield Select(
                    [("MySQL / MariaDB", "mysql"), (_("SQLite (démonstration)"), "sqlite")],
                    value=s.shop_kind,
                    allow_blank=False,
                    compact=True,
                    id="select-shop-kind",
                    disabled=bool(shop_locked),
                )
                with Vertical(id="mysql-fields"):
                    yield FormField(
                        "shop_host",
                        _("Hôte"),
                        s.shop_host,
                        check=_required("shop_host"),
                        locked_reason=shop_locked,
                    )
                    yield FormField(
                        "shop_port",
                        _("Port"),
                        str(s.shop_port),
                        check=_required("shop_port"),
                        locked_reason=shop_locked,
                    )
                    yield FormField(
                        "shop_user",
                        _("Utilisateur (droit SELECT suffisant)"),
                        s.shop_user,
                        locked_reason=shop_locked,
                    )
                    yield FormField(
                        "shop_password",
                        _("Mot de passe"),
                        s.shop_password,
                        password=True,
                        locked_reason=shop_locked,
                    )
                    yield FormField(
                        "shop_database",
                        _("Base de données"),
                        s.shop_database,
                        check=_optional("shop_database"),
                        locked_reason=shop_locked,
                    )
                with Vertical(id="sqlite-fields"):
                    yield FormField(
                        "shop_path",
                        _("Fichier SQLite"),
                        s.shop_path,
                        locked_reason=shop_locked,
                    )
                yield FormField(
                    "shop_prefix",
                    _("Préfixe des tables"),
                    s.shop_prefix,
                    help_text=_("ps_ par défaut."),
                    check=_required("shop_prefix"),
                    locked_reason=shop_locked,
                )
                yield Static("", id="shop-info", markup=False)
            with Vertical(classes="panel", id="sending-panel") as sending:
                sending.border_title = _("Plage d'envoi et surveillance")
                yield FormField(
                    "window_days",
                    _("Jours d'envoi des SMS marketing"),
                    s.window_days,
                    help_text=_("0 = lundi … 6 = dimanche. Jamais les jours fériés."),
                    check=_required("window_days"),
                )
                yield FormField(
                    "window_start",
                    _("Début de la plage d'envoi marketing (heure de Paris)"),
                    s.window_start,
                    help_text=_("08:00 au plus tôt."),
                    check=_required("window_start"),
                )
                yield FormField(
                    "window_end",
                    _("Fin de la plage d'envoi marketing (heure de Paris)"),
                    s.window_end,
                    help_text=_("20:00 d'usage, 22:00 au plus tard."),
                    check=_required("window_end"),
                )
                yield FormField(
                    "watch_interval",
                    _("Intervalle de surveillance des notifications (secondes)"),
                    str(s.watch_interval),
                    check=_required("watch_interval"),
                )
                yield MarkedCheckbox(
                    _("Le compte iSendPro a le droit « nostop » (sans mention STOP)"),
                    s.nostop_right,
                    compact=True,
                    id="check-nostop",
                )
            with Vertical(classes="panel", id="law-panel") as law:
                law.border_title = _("Marketing : base légale et plafonds")
                yield FormField(
                    "soft_optin_months",
                    _("Soft opt-in : une commande valide depuis (mois)"),
                    str(s.soft_optin_months),
                    help_text=_("36 mois au plus (CNIL)."),
                    check=_required("soft_optin_months"),
                )
                yield FormField(
                    "retention_months",
                    _("Données gardées sans activité du client (mois)"),
                    str(s.retention_months),
                    help_text=_("Au-delà, le client n'est plus destinataire (36 d'usage)."),
                    check=_required("retention_months"),
                )
                yield FormField(
                    "cap_per_day",
                    _("SMS marketing par numéro en 24 h, au plus"),
                    str(s.cap_per_day),
                    help_text=_("0 = pas de plafond."),
                    check=_required("cap_per_day"),
                )
                yield FormField(
                    "cap_per_30_days",
                    _("SMS marketing par numéro en 30 jours, au plus"),
                    str(s.cap_per_30_days),
                    help_text=_("0 = pas de plafond. Chaque campagne compte, même programmée."),
                    check=_required("cap_per_30_days"),
                )
            with Vertical(classes="panel", id="alerts-panel") as alerts:
                alerts.border_title = _("Alertes à l'administrateur et liste noire")
                yield FormField(
                    "alert_credit_sms",
                    _("Alerte si le crédit passe sous (SMS)"),
                    str(s.alert_credit_sms),
                    help_text=_("0 = une journée de notifications (moyenne des 7 derniers jours)."),
                    check=_required("alert_credit_sms"),
                )
                yield FormField(
                    "alert_failure_percent",
                    _("Alerte si le taux d'échec sur une heure dépasse (%)"),
                    str(s.alert_failure_percent),
                    help_text=_("0 = jamais. Jugé sur alert_failure_min_sms SMS au moins."),
                    check=_required("alert_failure_percent"),
                )
                yield FormField(
                    "alert_failure_min_sms",
                    _("SMS essayés dans l'heure avant de juger le taux d'échec"),
                    str(s.alert_failure_min_sms),
                    check=_required("alert_failure_min_sms"),
                )
                yield FormField(
                    "alert_watcher_minutes",
                    _("Alerte si le watcher n'a pas tourné depuis (minutes)"),
                    str(s.alert_watcher_minutes),
                    help_text=_("0 = jamais. Les alertes partent par SMS au mobile ci-dessus."),
                    check=_required("alert_watcher_minutes"),
                )
                yield FormField(
                    "blacklist_import_hours",
                    _("Import de la liste noire iSendPro toutes les (heures)"),
                    str(s.blacklist_import_hours),
                    help_text=_("0 = à la main et avant chaque campagne seulement."),
                    check=_required("blacklist_import_hours"),
                )
            with Vertical(classes="panel", id="receipts-panel") as receipts:
                receipts.border_title = _("Accusés de réception")
                yield Static(receiver_line(s), id="receipt-url", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Enregistrer"), id="save", variant="primary")
                yield Button(_("Tester la boutique"), id="test-shop")

    def on_mount(self) -> None:
        self._show_shop_kind(self.isend.ctx.settings.shop_kind)
        self.isend.campaigns.ended.subscribe(self, self._campaign_ended)
        if self.isend.ctx.settings.receipts_port:
            self.show_receipt_url()

    @work(thread=True, exclusive=True, group="receipt-url", exit_on_error=False)
    def show_receipt_url(self) -> None:
        """The address to give iSendPro for its delivery receipts (the secret made the
        first time it is needed: a file write, off the event loop)."""
        from isend_tui.delivery.receipt_url import address_line

        try:
            text = address_line(self.isend.ctx)
        except UserError as exc:
            self.post_message(ReceiptUrlRead("✗ " + exc.message))
            return
        self.post_message(ReceiptUrlRead(text))

    @on(ReceiptUrlRead)
    def _receipt_url(self, message: ReceiptUrlRead) -> None:
        self.query_one("#receipt-url", Static).update(shown_lines(message.text))

    def on_screen_resume(self) -> None:
        """Each visit reads the credit again: a send elsewhere has spent some."""
        super().on_screen_resume()
        if self.isend.ctx.settings.keyid:
            self.check_account(updated=False, refresh=self.isend.account_status is not None)

    def _campaign_ended(self, _campaign_id: int) -> None:
        if self.isend.ctx.settings.keyid:
            self.check_account(updated=False, refresh=True)

    def _account_idle_text(self) -> str:
        if not self.isend.ctx.settings.keyid:
            return "\n".join(
                [_("Aucun keyid enregistré : saisissez-le puis enregistrez."), *account_links()]
            )
        return _("Vérification du keyid…")

    # ------------------------------------------------------------------ form

    def _fields(self) -> list[FormField]:
        return list(self.query(FormField))

    @on(Select.Changed, "#select-shop-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self._show_shop_kind(str(event.value))

    def _show_shop_kind(self, kind: str) -> None:
        self.query_one("#mysql-fields").display = kind == "mysql"
        self.query_one("#sqlite-fields").display = kind == "sqlite"

    def _collect(self) -> Settings | None:
        """The settings as typed, or None after showing what must be fixed."""
        kind = str(self.query_one("#select-shop-kind", Select).value)
        visible = [
            f
            for f in self._fields()
            if not (kind == "sqlite" and f.field_name in _MYSQL_ONLY)
            and not (kind == "mysql" and f.field_name == "shop_path")
        ]
        invalid = [f for f in visible if f.show_problem()]
        if invalid:
            self.notify(problems_summary(invalid), severity="error", timeout=8)
            invalid[0].input.focus()
            return None
        values = {f.field_name: f.value for f in self._fields()}
        current = self.isend.ctx.settings
        updated = dataclasses.replace(
            current,
            keyid=values["keyid"],
            sender=values["sender"],
            admin_phone=values["admin_phone"],
            gateway_url=values["gateway_url"],
            language=str(self.query_one("#select-language", Select).value),
            shop_kind=kind,
            shop_host=values["shop_host"],
            shop_port=int(values["shop_port"]) if values["shop_port"].isdigit() else 3306,
            shop_user=values["shop_user"],
            shop_password=values["shop_password"],
            shop_database=values["shop_database"],
            shop_prefix=values["shop_prefix"],
            shop_path=values["shop_path"],
            window_days=values["window_days"],
            window_start=values["window_start"],
            window_end=values["window_end"],
            watch_interval=float(values["watch_interval"]),
            soft_optin_months=int(values["soft_optin_months"]),
            retention_months=int(values["retention_months"]),
            cap_per_day=int(values["cap_per_day"]),
            cap_per_30_days=int(values["cap_per_30_days"]),
            alert_credit_sms=int(values["alert_credit_sms"]),
            alert_failure_percent=int(values["alert_failure_percent"]),
            alert_failure_min_sms=int(values["alert_failure_min_sms"]),
            alert_watcher_minutes=int(values["alert_watcher_minutes"]),
            blacklist_import_hours=int(values["blacklist_import_hours"]),
            nostop_right=self.query_one("#check-nostop", Checkbox).value,
        )
        return updated

    # ------------------------------------------------------------------ actions

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#test-shop")
    def _test_pressed(self) -> None:
        self.action_test_shop()

    def action_save(self) -> None:
        settings = self._collect()
        if settings is not None:
            self.save(settings)

    @work(thread=True, exclusive=True, group="settings-save", exit_on_error=False)
    def save(self, settings: Settings) -> None:
        previous = self.isend.ctx.settings
        try:
            self.isend.ctx.save_settings(settings)
        except UserError as exc:
            self.notify(exc.message, severity="error", timeout=10)  # (thread-safe)
            return
        except Exception as exc:  # a full disk, a folder made read-only: say so, keep the form
            logger.exception("settings not saved")
            message = _(
                "Réglages non enregistrés : écriture impossible dans {path} ({reason}). "
                "Libérez de la place ou rendez ce dossier accessible en écriture."
            ).format(path=self.isend.ctx.paths.data_dir, reason=type(exc).__name__)
            self.notify(message, severity="error", timeout=15)
            return
        self.post_message(SettingsSaved(previous, settings))

    @on(SettingsSaved)
    def _saved(self, message: SettingsSaved) -> None:
        previous, settings = message.previous, message.settings
        self.notify(_("Réglages enregistrés."), timeout=4)
        if settings.language != previous.language:
            self.notify(_("La langue choisie s'applique au prochain démarrage."), timeout=6)
        self.isend.settings_changed()
        if settings.keyid:
            replaced = previous.keyid if previous.keyid != settings.keyid else ""
            self.check_account(updated=True, previous_keyid=replaced)
        else:
            self.query_one("#account-info", Static).update(self._account_idle_text())

    @work(exclusive=True, group="account", exit_on_error=False)
    async def check_account(
        self, *, updated: bool, previous_keyid: str = "", refresh: bool = False
    ) -> None:
        """Check the saved keyid and read the credit. A new key the gateway refuses gives
        the old one back: a typo never costs the merchant the key that was saved. A
        `refresh` keeps the credit shown until the new one arrives."""
        from isend_tui.gateway.errors import WrongKeyid

        info = self.query_one("#account-info", Static)
        if not refresh:
            info.update(_("Vérification du keyid…"))
            info.remove_class("-error", "-ok")
        try:
            status = await fetch_account_status(
                self.isend.ctx.settings, transport=self.isend.gateway_transport
            )
        except UserError as exc:
            lines = [f"✗ {exc.message}"]
            if isinstance(exc, WrongKeyid) and previous_keyid:
                await self._restore_keyid(previous_keyid)
                lines.append(_("Le keyid enregistré auparavant est conservé."))
            info.update(shown_lines("\n".join([*lines, *account_links()])))
            info.remove_class("-ok")
            info.add_class("-error")
            return
        self.isend.account_status = status
        lines = [f"✓ {status.message(updated=updated)}", *account_links(ok=True)]
        info.update(shown_lines("\n".join(lines)))
        info.remove_class("-error")
        info.add_class("-ok")

    async def _restore_keyid(self, keyid: str) -> None:
        import asyncio

        ctx = self.isend.ctx
        restored = dataclasses.replace(ctx.settings, keyid=keyid)
        await asyncio.to_thread(ctx.save_settings, restored)
        self.query_one("#input-keyid", Input).value = keyid
        self.isend.settings_changed()

    def action_test_shop(self) -> None:
        settings = self._collect()
        if settings is not None:
            self.query_one("#shop-info", Static).update(_("Connexion à la boutique…"))
            self.test_shop(settings)

    @work(thread=True, exclusive=True, group="shop-test", exit_on_error=False)
    def test_shop(self, settings: Settings) -> None:
        from isend_tui.config import shop_dsn
        from isend_tui.shop.info import describe_shop

        try:
            text = "✓ " + describe_shop(shop_dsn(None, settings))
        except UserError as exc:
            text = f"✗ {exc.message}"
        self.post_message(ShopTested(text))

    @on(ShopTested)
    def _shop_tested(self, message: ShopTested) -> None:
        self.query_one("#shop-info", Static).update(message.text)


_MYSQL_ONLY = {"shop_host", "shop_port", "shop_user", "shop_password", "shop_database"}
