"""The iSendPro gateway: async client with typed errors (``client``, on ``exchange``;
``errors``, ``models``) and ``sandbox/``, the simulator every test talks to."""

from isend_tui.gateway.client import SMSLONG_AUTO, IsendClient
from isend_tui.gateway.errors import (
    ConnectionLost,
    GatewayError,
    GatewayTimeout,
    GatewayUnavailable,
    InsufficientCredit,
    InvalidSender,
    IpNotAllowed,
    MalformedReply,
    NetworkUnreachable,
    OutcomeUnknown,
    ReadFailed,
    RequestRejected,
    ServerFailure,
    UnexpectedReply,
    WrongKeyid,
)
from isend_tui.gateway.exchange import DEFAULT_BASE_URL
from isend_tui.gateway.models import CountResult, Credit, HlrResult, NumberResult

__all__ = [
    "DEFAULT_BASE_URL",
    "SMSLONG_AUTO",
    "ConnectionLost",
    "CountResult",
    "Credit",
    "GatewayError",
    "GatewayTimeout",
    "GatewayUnavailable",
    "HlrResult",
    "InsufficientCredit",
    "InvalidSender",
    "IpNotAllowed",
    "IsendClient",
    "MalformedReply",
    "NetworkUnreachable",
    "NumberResult",
    "OutcomeUnknown",
    "ReadFailed",
    "RequestRejected",
    "ServerFailure",
    "UnexpectedReply",
    "WrongKeyid",
]
