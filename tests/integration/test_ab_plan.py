"""An A/B test's confirmation (campaigns/plan.py, plan_draws.py) says who gets which
text, who waits for the winner and who is kept aside, as the store recorded the draws;
the share kept for the winner defaults the same way for every interface."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.sandbox import sms_log
from support.shop_builder import newsletter_shop

from isend_tui.campaigns.model import CampaignRequest, Contact
from isend_tui.campaigns.plan import plan_campaign
from isend_tui.campaigns.prepare import create_and_prepare
from isend_tui.campaigns.validation import remainder_share, validate_request
from isend_tui.campaigns.window import PARIS, next_slot
from isend_tui.cli import main
from isend_tui.config import Settings
from isend_tui.errors import UserError
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.store import Store

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)
TEXTS = ("Soldes : -20 %", "Dernier jour des soldes", "Tout à -30 % aujourd'hui")


def test_the_confirmation_counts_each_text_the_remainder_and_the_holdout(store: Store) -> None:
    settings = Settings(sender="MaBoutique")
    request = CampaignRequest(
        message=TEXTS[0], variants=TEXTS[1:], holdout_pct=10,
        remainder_pct=30, winner_after_hours=6,
    )  # fmt: skip
    people = [Contact(f"3361{i:07d}") for i in range(300)]
    campaign_id = create_and_prepare(store, people, request, settings=settings, clock=lambda: NOW)
    plan = plan_campaign(store, campaign_id, settings=settings, credit=None, clock=lambda: NOW)
    rows = store.db.execute_sql(
        "SELECT state, variant, count(*) FROM campaign_recipient WHERE campaign_id = ? "
        "GROUP BY state, variant",
        (campaign_id,),
    ).fetchall()
    counted = {(state, variant): n for state, variant, n in rows}
    by_text = [counted.get(("pending", v), 0) for v in range(3)]
    held, holdout = counted[("held", None)], counted[("holdout", None)]
    assert all(by_text) and sum(by_text) == plan.recipients
    assert sum(by_text) + held + holdout == 300
    lines = plan.lines
    assert (
        "Test A/B, destinataires tirés au hasard pour chaque texte : texte A : {}, texte B : "
        "{}, texte C : {}.".format(*by_text)
    ) in lines
    assert any(
        line.startswith(f"Gardés pour le texte gagnant : {held} destinataires") and "6 h" in line
        for line in lines
    )
    kept = f"Groupe témoin : {holdout} destinataires gardés sans SMS, pour mesurer le gain."
    assert kept in lines
    assert [line for line in lines if line.startswith("Texte ")] == [
        f"Texte {letter} : « {text} »" for letter, text in zip("ABC", TEXTS, strict=True)
    ]
    assert not any(line.startswith("Message :") for line in lines)


def test_a_campaign_of_one_text_has_no_test_lines(store: Store) -> None:
    settings = Settings(sender="MaBoutique")
    people = [Contact(f"3361{i:07d}") for i in range(5)]
    request = CampaignRequest(message="Promo")
    campaign_id = create_and_prepare(store, people, request, settings=settings, clock=lambda: NOW)
    lines = plan_campaign(store, campaign_id, settings=settings, credit=None, clock=lambda: NOW)
    assert "Message : « Promo »" in lines.lines
    assert not any("Test A/B" in line or "gagnant" in line for line in lines.lines)


def test_the_share_kept_for_the_winner_is_50_percent_by_default_with_a_delay() -> None:
    assert remainder_share(None, 24) == 50
    assert remainder_share(None, None) == 0
    assert remainder_share(20, 24) == 20
    assert remainder_share(20, None) == 20  # refused with the request: no delay


@pytest.mark.parametrize(
    ("request_", "field", "words"),
    [
        (CampaignRequest(message="A", remainder_pct=50, winner_after_hours=4), "variant",
         "au moins une variante"),
        (CampaignRequest(message="A", variants=("B",), remainder_pct=30), "winner_after",
         "de 1 à 720 heures"),
        (CampaignRequest(message="A", variants=("B",), remainder_pct=50,
                         winner_after_hours=721), "winner_after", "de 1 à 720 heures"),
        (CampaignRequest(message="A", variants=("B",), remainder_pct=95,
                         winner_after_hours=4), "remainder", "95 %"),
        (CampaignRequest(message="A", variants=("B", "C", "D", "E")), "variant", "5 textes"),
    ],
)  # fmt: skip
def test_a_bad_ab_test_is_refused_naming_its_field(
    request_: CampaignRequest, field: str, words: str
) -> None:
    with pytest.raises(UserError) as refused:
        validate_request(request_, Settings(), clock=lambda: NOW)
    assert refused.value.field == field and words in refused.value.message
    assert "\n" not in refused.value.message


def test_the_command_line_shows_the_same_lines_before_asking(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dsn, segment = newsletter_shop(tmp_path, 40)
    at = next_slot(datetime.now(PARIS) + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    args = ["campaign", "send", str(segment), "--message", TEXTS[0], "--variant", TEXTS[1]]
    args += ["--winner-after", "12", "--shop-db", dsn.url(), "--at", at]
    assert main(args) == 1  # not confirmed (no terminal): nothing sent
    out = capsys.readouterr().out
    assert "Test A/B, destinataires tirés au hasard pour chaque texte : texte A : " in out
    assert "Gardés pour le texte gagnant : " in out and "au plus tôt 12 h après" in out
    assert f"Texte B : « {TEXTS[1]} »" in out
    assert sms_log(sandbox) == []
