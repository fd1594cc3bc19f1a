"""Errors of the notification area the merchant can act on."""

from __future__ import annotations

from isend_tui.errors import UserError
from isend_tui.i18n import _


class NotificationError(UserError):
    """Base of the notification errors."""


class UnknownEvent(NotificationError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(
            _(
                "Événement inconnu « {key} » : la commande « isend-tui notifications events » "
                "liste les événements possibles."
            ).format(key=key),
            field="event",
        )


class UnknownVariables(NotificationError):
    def __init__(self, message: str, unknown: tuple[str, ...]) -> None:
        self.unknown = unknown
        super().__init__(message, field="text")


class EmptyText(NotificationError):
    def __init__(self) -> None:
        super().__init__(
            _("Le texte du SMS est vide : écrivez le message à envoyer."), field="text"
        )


class TextTooLong(NotificationError):
    def __init__(self, parts: int, maximum: int) -> None:
        super().__init__(
            _(
                "Le texte fait {parts} SMS : {max} au maximum chez iSendPro. Raccourcissez-le."
            ).format(parts=parts, max=maximum),
            field="text",
        )


class RuleNotFound(NotificationError):
    def __init__(self, rule_id: int) -> None:
        self.rule_id = rule_id
        super().__init__(
            _(
                "Aucune règle de notification n°{id} : « isend-tui notifications rules list » "
                "affiche les règles existantes."
            ).format(id=rule_id),
            field="rule",
        )


class DuplicateRule(NotificationError):
    def __init__(self, label: str, rule_id: int) -> None:
        self.rule_id = rule_id
        super().__init__(
            _(
                "Une règle existe déjà pour « {event} » (n°{id}) : modifiez-la ou "
                "supprimez-la plutôt que d'en créer une seconde (deux SMS partiraient)."
            ).format(event=label, id=rule_id),
            field="event",
        )


class MissingStateId(NotificationError):
    def __init__(self, key: str) -> None:
        super().__init__(
            _(
                "L'événement « {key} » demande un état de commande : écrivez {key}:ID, l'id "
                "de l'état (voir « isend-tui notifications events »)."
            ).format(key=key),
            field="event",
        )


class NotificationNotFound(NotificationError):
    def __init__(self, notification_id: int) -> None:
        super().__init__(
            _("Aucune notification n°{id} dans le journal.").format(id=notification_id),
            field="notification",
        )


class WatcherLocked(NotificationError):
    """Another watcher already runs on this data directory."""

    exit_code = 3

    def __init__(self, path: str, pid: int | None) -> None:
        self.pid = pid
        if pid:
            message = _(
                "Un autre watcher tourne déjà sur ce dossier de données (PID {pid}, verrou "
                "{path}) : arrêtez-le (kill {pid}) ou utilisez-le au lieu d'en lancer un second."
            ).format(pid=pid, path=path)
        else:
            message = _(
                "Un autre watcher tourne déjà sur ce dossier de données (verrou {path}) : "
                "arrêtez-le avant d'en lancer un second."
            ).format(path=path)
        super().__init__(message, field="watcher")
