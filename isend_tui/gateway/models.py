"""What the iSendPro client returns: small frozen dataclasses, never holding the keyid."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Credit:
    euros: Decimal
    quantity: int | None
    """How many one-part SMS to metropolitan France the credit buys (None when not asked)."""


@dataclass(frozen=True)
class NumberResult:
    """The gateway's answer for one number: code "0" = accepted (and billed)."""

    tel: str
    code: str
    message: str
    accepted: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "accepted", self.code == "0")


@dataclass(frozen=True)
class CountResult:
    tel: str
    characters: int
    parts: int


@dataclass(frozen=True)
class HlrResult:
    tel: str
    operator: str
    """Operator code such as "ORAN"; "" when the lookup failed (see code)."""
    code: str = "0"
