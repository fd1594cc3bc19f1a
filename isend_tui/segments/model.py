"""Segments: who receives a campaign, as a list of criteria that must all hold (AND).

One frozen dataclass per criterion, each named by its `kind` as in the JSON form
(`isend_tui.segments.segment_file`, README "Segment files"). Dates inside criteria are
`isend_tui.segments.dates.DateValue`: a fixed day or relative to the shop's today.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Literal, TypeAlias

from isend_tui.errors import UserError
from isend_tui.segments.dates import DateRange, DateValue

Comparison = Literal[">", "<", "="]
AgeOperator = Literal[">", "<", "=", "between"]
DateOperator = Literal["before", "after", "between"]
GenderValue = Literal["men", "women", "both"]
StatusValue = Literal["professional", "individual"]

COMPARISONS: tuple[Comparison, ...] = (">", "<", "=")
AGE_OPERATORS: tuple[AgeOperator, ...] = (">", "<", "=", "between")
DATE_OPERATORS: tuple[DateOperator, ...] = ("before", "after", "between")
GENDERS: tuple[GenderValue, ...] = ("men", "women", "both")
STATUSES: tuple[StatusValue, ...] = ("professional", "individual")


class SegmentError(UserError):
    """A segment (or one of its criteria) is invalid; the message says which and the fix."""

    def __init__(
        self,
        message: str,
        *,
        position: int | None = None,
        name: str | None = None,
        problem: str | None = None,
    ):
        super().__init__(message, field="segment")
        self.position = position
        self.name = name
        self.problem = problem
        """The criterion's problem alone, for a screen that names the criterion its way."""


# --------------------------------------------------------------------------- criteria


@dataclass(frozen=True)
class Newsletter:
    """customer.newsletter is set (True) or not (False)."""

    kind: ClassVar[str] = "newsletter"
    value: bool


@dataclass(frozen=True)
class Age:
    """Whole years from the birthday at today's date (PrestaShop's way); unknown never matches."""

    kind: ClassVar[str] = "age"
    operator: AgeOperator
    value: int | tuple[int, int]


@dataclass(frozen=True)
class Shop:
    """customer.id_shop is one of `value`."""

    kind: ClassVar[str] = "shop"
    value: tuple[int, ...]


@dataclass(frozen=True)
class LastOrder:
    """Day of the customer's most recent valid order; no valid order never matches."""

    kind: ClassVar[str] = "last_order"
    operator: DateOperator
    value: DateValue | DateRange


@dataclass(frozen=True)
class Registration:
    """Day the account was created (customer.date_add)."""

    kind: ClassVar[str] = "registration"
    operator: DateOperator
    value: DateValue | DateRange


@dataclass(frozen=True)
class Gender:
    """Through gender.type: men (0), women (1) or both (0 or 1; unknown and neutral excluded)."""

    kind: ClassVar[str] = "gender"
    value: GenderValue


@dataclass(frozen=True)
class Group:
    """Member of at least one of the groups (customer_group, not only the default group)."""

    kind: ClassVar[str] = "group"
    value: tuple[int, ...]


@dataclass(frozen=True)
class OrdersCount:
    """Number of valid orders placed in the last `months` months."""

    kind: ClassVar[str] = "orders_count"
    operator: Comparison
    value: int
    months: int


@dataclass(frozen=True)
class Country:
    """ISO code of the country of the address whose number is used."""

    kind: ClassVar[str] = "country"
    value: tuple[str, ...]


@dataclass(frozen=True)
class OrdersSum:
    """Sum of valid orders (tax incl., default currency) over the last `months` months."""

    kind: ClassVar[str] = "orders_sum"
    operator: Comparison
    value: Decimal
    months: int


@dataclass(frozen=True)
class Status:
    """professional: customer.company or customer.siret is not blank; individual: both blank."""

    kind: ClassVar[str] = "status"
    value: StatusValue


Criterion: TypeAlias = (
    Newsletter
    | Age
    | Shop
    | LastOrder
    | Registration
    | Gender
    | Group
    | OrdersCount
    | Country
    | OrdersSum
    | Status
)

CRITERIA_KINDS: tuple[str, ...] = (
    "newsletter",
    "age",
    "shop",
    "last_order",
    "registration",
    "gender",
    "group",
    "orders_count",
    "country",
    "orders_sum",
    "status",
)


@dataclass(frozen=True)
class Segment:
    name: str
    criteria: tuple[Criterion, ...] = ()

    def __post_init__(self) -> None:
        # lists are accepted for convenience and stored as tuples (the dataclass is frozen)
        if not isinstance(self.criteria, tuple):
            object.__setattr__(self, "criteria", tuple(self.criteria))

    def kinds(self) -> set[str]:
        return {c.kind for c in self.criteria}
