"""The random draws of a campaign: who is kept aside in its hold-out group, and which A/B
text each recipient gets.

Each draw is a keyed hash of (the campaign's seed, the recipient's number): uniform and
independent of the order the shop returns the recipients in, so the split is fair across
the segment, and reproducible from the seed stored with the campaign (campaign.draw_seed).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

#: The largest share of recipients a hold-out group may take.
MAX_HOLDOUT_PCT = 50
#: The most texts an A/B test compares.
MAX_VARIANTS = 4
#: How the texts of an A/B test are named, the message first.
TEXT_LETTERS = "ABCD"[:MAX_VARIANTS]
#: The largest share of recipients kept for an A/B test's winner.
MAX_REMAINDER_PCT = 90
#: The share kept for the winner when the merchant gives a delay but no share.
DEFAULT_REMAINDER_PCT = 50
#: The longest an A/B test may wait before its winner is sent (30 days).
MAX_WINNER_AFTER_HOURS = 720
_SCALE = float(2**64)


def new_seed() -> str:
    return secrets.token_hex(16)


def _uniform(seed: str, purpose: bytes, number: str) -> float:
    """A number in [0, 1) fixed by (seed, purpose, number)."""
    digest = hmac.new(seed.encode(), purpose + b"\0" + number.encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / _SCALE


def in_holdout(seed: str, pct: int, number: str) -> bool:
    """Whether `number` is kept aside (never sent) in a hold-out of `pct` percent."""
    return pct > 0 and _uniform(seed, b"holdout", number) * 100 < pct


def in_remainder(seed: str, pct: int, number: str) -> bool:
    """Whether `number` waits for the A/B test's winner (a remainder of `pct` percent)."""
    return pct > 0 and _uniform(seed, b"remainder", number) * 100 < pct


def variant_of(seed: str, variants: int, number: str) -> int:
    """The A/B text (0 .. variants - 1) `number` gets, each equally likely."""
    if variants <= 1:
        return 0
    return min(int(_uniform(seed, b"variant", number) * variants), variants - 1)
