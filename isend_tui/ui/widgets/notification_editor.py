"""The message editor of a notification rule: the notifications' STOP rule, the variables
the checked events can fill, and the hint about the texts when several are checked (the
decision is written in ui/screens/notifications.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from isend_tui.i18n import _
from isend_tui.notifications import EventChoice, rule_counter
from isend_tui.notifications.rules import stop_mention
from isend_tui.notifications.variables import describe
from isend_tui.sms.content import marketing_warning
from isend_tui.ui.widgets.message_editor import MessageEditor

if TYPE_CHECKING:
    from isend_tui.config import Settings


class NotificationEditor(MessageEditor):
    """The message editor with the notifications' STOP rule.

    Notifications are transactional: sent with nostop, so no STOP mention, unless the
    settings say the account has no nostop right; then iSendPro appends it when the sender
    is customised, and the counter includes it (rules.stop_mention, as the watcher counts).
    """

    def __init__(
        self,
        *,
        variables: list[tuple[str, str]],
        sender: Callable[[], str],
        settings: Callable[[], Settings],
        id: str | None = None,
    ) -> None:
        super().__init__(
            variables=variables,
            marketing=False,
            sender=sender,
            nostop=lambda: settings().nostop_right,
            id=id,
        )
        self._settings = settings

    def stop_mention(self) -> bool:
        return stop_mention(self._sender(), self._settings())

    def warnings(self, text: str) -> list[str]:
        warning = marketing_warning(text)
        return ["! " + warning] if warning else []


def variables_for(choices: list[EventChoice], every: list[EventChoice]) -> list[tuple[str, str]]:
    """What the text may use: the variables every checked event fills (all, when none)."""
    if not choices:
        names: list[str] = []
        for choice in every:
            names += [n for n in choice.variables if n not in names]
    else:
        names = [n for n in choices[0].variables if all(n in c.variables for c in choices[1:])]
    return [(v.name, v.description) for v in describe(names)]


def texts_hint(
    chosen: list[EventChoice] | None, *, typed: bool, text: str, sender: str, settings: Settings
) -> tuple[str, str]:
    """The line about the checked events (`chosen`; None while a rule is edited) and the
    counter with sample values, or "" for either."""
    hint = ""
    if chosen is not None:
        if not chosen:
            hint = _("Aucun événement coché.")
        elif len(chosen) == 1:
            hint = _("1 événement : {label}. Son texte par défaut est proposé, modifiable.").format(
                label=chosen[0].label
            )
        elif typed:
            hint = _(
                "{n} événements : ce texte sera utilisé pour chacun (variables communes "
                "seulement). Videz-le pour reprendre le texte par défaut de chacun."
            ).format(n=len(chosen))
        else:
            hint = _(
                "{n} événements : chacun recevra son propre texte par défaut. Écrivez "
                "un texte ici pour l'utiliser pour tous."
            ).format(n=len(chosen))
            parts = max(rule_counter(c.default_text, sender, settings).sample.parts for c in chosen)
            sample = _("Textes par défaut : jusqu'à {parts} SMS par destinataire.").format(
                parts=parts
            )
            return hint, sample
    if not text.strip():
        return hint, ""
    merged = rule_counter(text, sender, settings).sample
    sample = _(
        "Avec des valeurs d'exemple : {chars} caractères, {parts} SMS par destinataire."
    ).format(chars=merged.characters, parts=merged.parts)
    return hint, sample
