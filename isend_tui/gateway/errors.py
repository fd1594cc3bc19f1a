"""Typed errors of the iSendPro client. Every one is a UserError whose message says what to do.

The sending engine must never send an SMS twice, so every error tells whether the request
can have been processed:

- ``nothing_sent`` is True when we know iSendPro did not process the request: the
  connection could not be opened (refused, DNS, connect timeout), HTTP 503, any other 4xx,
  or a request-level refusal (wrong keyid, IP, credit, sender, ...). Retrying is safe.
- ``nothing_sent`` is False when the outcome is unknown: a timeout after the request
  started, the connection dropped mid-reply, HTTP 500/502/504 (any 5xx but 503), an
  unreadable body on HTTP 200. These classes all derive from the marker
  :class:`OutcomeUnknown`, so ``isinstance(err, OutcomeUnknown) == (not err.nothing_sent)``.
  SMS may have gone out and been billed: check the campaign report before resending.

Hierarchy::

    GatewayError(UserError)
      RequestRejected(code, api_message)     an item without tel and a non-zero code
        WrongKeyid                           code 3
        IpNotAllowed(ip)                     sandbox code 901 (or a message naming the IP)
        InsufficientCredit                   sandbox code 902
        InvalidSender                        sandbox code 903
      NetworkUnreachable                     nothing sent
      UnexpectedReply(status)                other 4xx: nothing sent
        GatewayUnavailable                   HTTP 503: nothing sent
        ServerFailure      (OutcomeUnknown)  HTTP 5xx but 503, 3xx
        MalformedReply     (OutcomeUnknown)  unreadable or unknown body
      OutcomeUnknown
        GatewayTimeout                       read/write timeout
        ConnectionLost                       connection dropped during the exchange
"""

from __future__ import annotations

from isend_tui.errors import UserError
from isend_tui.i18n import _


class GatewayError(UserError):
    """Any failure talking to iSendPro."""

    nothing_sent: bool = True
    """True when the request is known not to have been processed (safe to retry)."""


class OutcomeUnknown(GatewayError):
    """Marker: the request may have been processed; SMS may have gone out."""

    nothing_sent = False


class RequestRejected(GatewayError):
    """iSendPro refused the whole request (an item without tel, non-zero code)."""

    def __init__(
        self,
        code: str,
        api_message: str,
        message: str | None = None,
        *,
        field: str | None = None,
    ) -> None:
        self.code = code
        self.api_message = api_message
        if message is None:
            message = _(
                "iSendPro a refusé la demande (code {code} : {reason}). Rien n'a été envoyé."
            ).format(code=code, reason=api_message or "?")
        super().__init__(message, field=field)


class WrongKeyid(RequestRejected):
    def __init__(self, code: str = "3", api_message: str = "") -> None:
        super().__init__(
            code,
            api_message,
            _(
                "iSendPro refuse le keyid : copiez-le depuis votre espace client iSendPro "
                "(Mon compte > Mon API) dans les réglages. Rien n'a été envoyé."
            ),
            field="keyid",
        )


class IpNotAllowed(RequestRejected):
    def __init__(self, code: str, api_message: str, ip: str | None) -> None:
        self.ip = ip
        if ip:
            text = _(
                "iSendPro refuse les appels venant de l'adresse IP {ip} : ajoutez-la aux IP "
                "autorisées de votre espace client iSendPro. Rien n'a été envoyé."
            ).format(ip=ip)
        else:
            text = _(
                "iSendPro refuse les appels venant de cette adresse IP : ajoutez-la aux IP "
                "autorisées de votre espace client iSendPro. Rien n'a été envoyé."
            )
        super().__init__(code, api_message, text)


class InsufficientCredit(RequestRejected):
    def __init__(self, code: str, api_message: str) -> None:
        super().__init__(
            code,
            api_message,
            _(
                "Crédit iSendPro insuffisant pour cet envoi : rechargez votre compte sur "
                "isendpro.com ou réduisez l'envoi. Rien n'a été envoyé."
            ),
            field="credit",
        )


class InvalidSender(RequestRejected):
    def __init__(self, code: str, api_message: str) -> None:
        super().__init__(
            code,
            api_message,
            _(
                "iSendPro refuse l'émetteur : 4 à 11 caractères, lettres, chiffres ou espaces, "
                "pas uniquement des chiffres. Corrigez-le dans les réglages. "
                "Rien n'a été envoyé."
            ),
            field="sender",
        )


class NetworkUnreachable(GatewayError):
    """The connection could not be opened: nothing reached iSendPro."""

    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            _(
                "Impossible de joindre iSendPro ({host}) : vérifiez la connexion Internet et "
                "l'adresse de la passerelle. Rien n'a été envoyé."
            ).format(host=host),
            field="gateway_url",
        )


class UnexpectedReply(GatewayError):
    """A reply the client does not understand. This base class: a 4xx, nothing processed."""

    def __init__(self, status: int, message: str | None = None) -> None:
        self.status = status
        if message is None:
            message = _(
                "iSendPro a refusé la demande (HTTP {status}) : vérifiez l'adresse de la "
                "passerelle. Rien n'a été envoyé."
            ).format(status=status)
        super().__init__(message, field="gateway_url")


class GatewayUnavailable(UnexpectedReply):
    """HTTP 503: the gateway refused the request before processing it."""

    def __init__(self, status: int = 503) -> None:
        super().__init__(
            status,
            _(
                "iSendPro est momentanément indisponible (HTTP {status}). Rien n'a été envoyé : "
                "réessayez dans quelques minutes."
            ).format(status=status),
        )


class ServerFailure(OutcomeUnknown, UnexpectedReply):
    """HTTP 500/502/504 (and anything but 2xx, 4xx, 503): processed or not, unknown."""

    def __init__(self, status: int) -> None:
        UnexpectedReply.__init__(
            self,
            status,
            _(
                "iSendPro a répondu par une erreur (HTTP {status}). On ne sait pas si la "
                "demande a été traitée : consultez le rapport de campagne avant de renvoyer."
            ).format(status=status),
        )


class MalformedReply(OutcomeUnknown, UnexpectedReply):
    """HTTP 200 with a body that cannot be read: the request was probably processed."""

    def __init__(self, status: int, detail: str = "") -> None:
        self.detail = detail
        UnexpectedReply.__init__(
            self,
            status,
            _(
                "Réponse illisible d'iSendPro. On ne sait pas si la demande a été traitée : "
                "consultez le rapport de campagne avant de renvoyer."
            ),
        )


class GatewayTimeout(OutcomeUnknown):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            _(
                "iSendPro n'a pas répondu dans les {seconds} secondes. On ne sait pas si la "
                "demande a été traitée : consultez le rapport de campagne avant de renvoyer."
            ).format(seconds=f"{seconds:g}"),
            field="gateway_url",
        )


class ConnectionLost(OutcomeUnknown):
    def __init__(self) -> None:
        super().__init__(
            _(
                "La connexion à iSendPro a été coupée pendant la demande. On ne sait pas si "
                "elle a été traitée : consultez le rapport de campagne avant de renvoyer."
            ),
            field="gateway_url",
        )


class ReadFailed(GatewayError):
    """A read-only call (the credit, the blacklist) failed after its retries: whatever
    happened on the way, no SMS can have been sent by it, so the advice is to try again."""

    def __init__(self, what: str, cause: GatewayError) -> None:
        self.cause = cause
        if isinstance(cause, GatewayTimeout):
            reason = _("pas de réponse dans les {seconds} secondes").format(
                seconds=f"{cause.seconds:g}"
            )
        elif isinstance(cause, ConnectionLost):
            reason = _("connexion coupée pendant la réponse")
        elif isinstance(cause, ServerFailure):
            reason = _("erreur HTTP {status}").format(status=cause.status)
        else:
            reason = _("réponse illisible")
        super().__init__(
            _(
                "Lecture {what} auprès d'iSendPro impossible ({reason}). Rien n'a été envoyé : "
                "réessayez dans quelques minutes."
            ).format(what=what, reason=reason),
            field="gateway_url",
        )
