"""Sending a real campaign through the sandbox, for the delivery-receipt tests and bench."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Sequence
from datetime import datetime

from isend_tui.campaigns.service import CampaignRequest, Contact, create_and_prepare, dispatch
from isend_tui.campaigns.window import PARIS
from isend_tui.config import Settings
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID
from isend_tui.store import Store

TUESDAY_10H = datetime(2025, 6, 10, 10, 0, tzinfo=PARIS)
RECEIPT_SECRET = "test-receipt-secret-" + "k" * 30


def settings_for(gateway_url: str) -> Settings:
    return Settings(keyid=DEMO_KEYID, gateway_url=gateway_url, sender="MaBoutique", batch_size=500)


def contacts(numbers: Sequence[str]) -> list[Contact]:
    return [Contact(n, f"Prénom{i}", f"Nom{i}", f"p{i}@example.com") for i, n in enumerate(numbers)]


async def send_campaign(store: Store, gateway_url: str, numbers: Sequence[str]) -> int:
    """A campaign to `numbers`, sent now; its id."""
    settings = settings_for(gateway_url)
    request = CampaignRequest(message="Soldes -20% ce week-end", label="Soldes", segment={})
    campaign_id = create_and_prepare(
        store, contacts(numbers), request, settings=settings, clock=lambda: TUESDAY_10H
    )
    async with IsendClient(DEMO_KEYID, gateway_url, timeout=10) as client:
        result = await dispatch(store, client, campaign_id, settings, clock=lambda: TUESDAY_10H)
    assert result.sent == len(numbers), result
    return campaign_id


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> bool:
    """Poll a condition another thread makes true (no fixed sleep: returns when it holds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True
