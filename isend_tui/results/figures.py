"""What a campaign earned, as figures: `Attribution` (the campaign), `Group` (its treated
recipients, its hold-out group, each A/B variant), with the derived rates and tests, and
their JSON form (the store's cache and `campaign show --json`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from isend_tui.results.stats import LEVEL, Interval, Moments, ZTest, two_proportions, welch_interval

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Group:
    """Customers of one group and the valid orders they placed within their window."""

    recipients: int = 0
    buyers: int = 0
    orders: int = 0  # checkouts: the orders of one cart (one reference) count once
    revenue: Decimal = Decimal(0)  # default currency, exact (rounded when shown)
    squares: float = 0.0  # sum of each customer's revenue squared (for the interval)
    delivered: int = 0  # SMS with a receipt saying delivered
    receipts: int = 0  # SMS with a final receipt (delivered, failed, expired)
    stops: int | None = None  # STOP replies after the SMS (results/stops.py); None: unknown

    @property
    def stop_rate(self) -> float | None:
        """STOP replies per recipient who got the SMS."""
        return self.stops / self.recipients if self.stops is not None and self.recipients else None

    @property
    def conversion(self) -> float | None:
        """Buyers per recipient (0..1)."""
        return self.buyers / self.recipients if self.recipients else None

    @property
    def per_recipient(self) -> Decimal | None:
        return self.revenue / self.recipients if self.recipients else None

    @property
    def delivery_rate(self) -> float | None:
        """Delivered among the SMS whose final status is known."""
        return self.delivered / self.receipts if self.receipts else None

    def moments(self) -> Moments:
        return Moments(self.recipients, float(self.revenue), self.squares)

    def as_dict(self) -> dict[str, Any]:
        return {
            "recipients": self.recipients,
            "buyers": self.buyers,
            "orders": self.orders,
            "revenue": str(money(self.revenue)),
            "conversion_rate": _ratio(self.conversion),
            "delivery_rate": _ratio(self.delivery_rate),
            "revenue_exact": str(self.revenue),
            "squares": self.squares,
            "delivered": self.delivered,
            "receipts": self.receipts,
            "stops": self.stops,
            "stop_rate": _ratio(self.stop_rate),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Group:
        return cls(
            recipients=int(data["recipients"]),
            buyers=int(data["buyers"]),
            orders=int(data["orders"]),
            revenue=Decimal(data["revenue_exact"]),
            squares=float(data["squares"]),
            delivered=int(data.get("delivered") or 0),
            receipts=int(data.get("receipts") or 0),
            stops=None if data.get("stops") is None else int(data["stops"]),
        )


def _ratio(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)


@dataclass(frozen=True)
class Attribution:
    """A campaign's attributed orders. The window of each recipient starts when their SMS
    was received and lasts `window_days`; the hold-out group's starts with the campaign's
    first SMS. `window_end` is when the last one closes: until then the figures move."""

    campaign_id: int
    currency: str
    window_days: int
    window_start: datetime | None
    window_end: datetime | None
    computed_at: datetime
    delivery_known: bool
    sms: int  # SMS accepted by iSendPro (recipients sent), whatever their parts
    cost: Decimal | None  # what those SMS cost (the campaign's estimate, for their parts)
    treated: Group = field(default_factory=Group)
    holdout: Group | None = None
    variants: tuple[Group, ...] = ()
    #: some recipients may still get their SMS (pending or in flight): more windows open
    still_sending: bool = False
    #: the SMS by the day they left: (day, sent, delivered, with a final receipt), as they
    #: were when computed (the report reads them live: results/sms_days.py)
    days: tuple[tuple[date, int, int, int], ...] = ()
    #: an A/B test on send times: the moments its variants are (campaigns/send_times.py)
    send_times: tuple[str, ...] = ()

    @property
    def window_open(self) -> bool:
        return self.still_sending or self.window_end is None or self.computed_at < self.window_end

    @property
    def revenue_per_sms(self) -> Decimal | None:
        return self.treated.revenue / self.sms if self.sms else None

    @property
    def return_on_cost(self) -> Decimal | None:
        """Revenue per euro spent."""
        return self.treated.revenue / self.cost if self.cost else None

    def incremental(self) -> Interval | None:
        """Treated minus hold-out revenue per recipient, scaled to the treated group, with
        its 95 % interval (Welch); None without a hold-out group of two or more."""
        if self.holdout is None:
            return None
        found = welch_interval(self.treated.moments(), self.holdout.moments())
        if found is None:
            return None
        n = self.treated.recipients
        return Interval(found.difference * n, found.low * n, found.high * n)

    def conversion_lift(self) -> ZTest | None:
        """Treated against hold-out conversion (two-proportion z-test)."""
        if self.holdout is None:
            return None
        t, h = self.treated, self.holdout
        return two_proportions(t.buyers, t.recipients, h.buyers, h.recipients)

    def winner(self) -> int | None:
        """The A/B variant whose conversion beats every other one significantly
        (two-proportion z-tests, Bonferroni-corrected over the comparisons), else None."""
        if len(self.variants) < 2:
            return None
        best = max(range(len(self.variants)), key=lambda i: self.variants[i].conversion or 0)
        b = self.variants[best]
        alpha = (1 - LEVEL) / (len(self.variants) - 1)
        for i, other in enumerate(self.variants):
            if i == best:
                continue
            test = two_proportions(b.buyers, b.recipients, other.buyers, other.recipients)
            if test is None or test.z <= 0 or test.p_value >= alpha:
                return None
        return best

    def as_dict(self) -> dict[str, Any]:
        """The cache's and the JSON outputs' form (amounts as decimal text)."""
        incremental = self.incremental()
        lift = self.conversion_lift()
        return {
            "campaign_id": self.campaign_id,
            "currency": self.currency,
            "window_days": self.window_days,
            "window_start": _stamp(self.window_start),
            "window_end": _stamp(self.window_end),
            "window_open": self.window_open,
            "computed_at": _stamp(self.computed_at),
            "delivery_known": self.delivery_known,
            "still_sending": self.still_sending,
            "sms": self.sms,
            "orders": self.treated.orders,
            "buyers": self.treated.buyers,
            "conversion_rate": _ratio(self.treated.conversion),
            "revenue": str(money(self.treated.revenue)),
            "revenue_per_sms": _money_text(self.revenue_per_sms),
            "cost": _money_text(self.cost),
            "return_on_cost": _ratio(_float(self.return_on_cost), 4),
            "treated": self.treated.as_dict(),
            "holdout": None if self.holdout is None else self.holdout.as_dict(),
            "incremental_revenue": None if incremental is None else _interval(incremental),
            "conversion_test": None if lift is None else _ztest(lift),
            "variants": [v.as_dict() for v in self.variants],
            "winner": self.winner(),
            "sms_days": [[d.isoformat(), s, dl, r] for d, s, dl, r in self.days],
            "send_times": list(self.send_times),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        holdout = data.get("holdout")
        return cls(
            campaign_id=int(data["campaign_id"]),
            currency=str(data["currency"]),
            window_days=int(data["window_days"]),
            window_start=_moment(data.get("window_start")),
            window_end=_moment(data.get("window_end")),
            computed_at=datetime.fromisoformat(data["computed_at"]),
            delivery_known=bool(data["delivery_known"]),
            sms=int(data["sms"]),
            cost=None if data.get("cost") is None else Decimal(data["cost"]),
            treated=Group.from_dict(data["treated"]),
            holdout=None if holdout is None else Group.from_dict(holdout),
            variants=tuple(Group.from_dict(v) for v in data.get("variants") or ()),
            still_sending=bool(data.get("still_sending")),
            days=tuple(
                (date.fromisoformat(d), int(s), int(dl), int(r))
                for d, s, dl, r in data.get("sms_days") or ()
            ),
            send_times=tuple(str(t) for t in data.get("send_times") or ()),
        )


def _stamp(when: datetime | None) -> str | None:
    return None if when is None else when.isoformat(timespec="seconds")


def _moment(text: str | None) -> datetime | None:
    return None if not text else datetime.fromisoformat(text)


def _money_text(value: Decimal | None) -> str | None:
    return None if value is None else str(money(value))


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _interval(found: Interval) -> dict[str, Any]:
    return {
        "difference": round(found.difference, 2),
        "low": round(found.low, 2),
        "high": round(found.high, 2),
        "level": LEVEL,
        "significant": found.significant,
        "test": "welch",
    }


def _ztest(test: ZTest) -> dict[str, Any]:
    p = test.p_value
    return {
        "z": round(test.z, 4),
        "p_value": round(p, 6) if math.isfinite(p) else None,
        "significant": test.significant,
        "test": "two-proportion z",
    }
