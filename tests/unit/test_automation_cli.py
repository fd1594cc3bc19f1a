"""`isend-tui automations …`: settings, their checks (nothing saved half-way), the list,
and a run on a small SQLite shop (the gateway is not reached: nothing is due)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.shop_builder import ShopBuilder, sqlite_shop_dsn

from isend_tui.cli import main


def _show(capsys: pytest.CaptureFixture[str], flow: str) -> dict[str, object]:
    capsys.readouterr()
    assert main(["automations", "show", flow, "--json"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_edit_then_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["automations", "edit", "abandoned_cart", "--delay", "2,24",
                 "--text", "{client_surname}, votre panier : {cart_url} {voucher}",
                 "--voucher", "PANIER5"]) == 0  # fmt: skip
    data = _show(capsys, "abandoned_cart")
    assert data["delays"] == [2, 24] and data["voucher"] == "PANIER5"
    assert data["enabled"] is False
    assert main(["automations", "enable", "abandoned_cart"]) == 0
    assert _show(capsys, "abandoned_cart")["enabled"] is True


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--text", "Bonjour {prenom}"], "{prenom}"),
        (["--delay", "-2"], "--delay"),
        (["--delay", "24,2"], "--delay"),
        (["--hour", "25"], "--hour"),
    ],
)
def test_bad_input_is_one_line_and_saves_nothing(
    capsys: pytest.CaptureFixture[str], args: list[str], field: str
) -> None:
    before = _show(capsys, "abandoned_cart" if "--hour" not in args else "birthday")
    flow = "birthday" if "--hour" in args else "abandoned_cart"
    assert main(["automations", "edit", flow, *args, "--voucher", "X1"]) == 1
    err = capsys.readouterr().err.strip()
    assert field in err and len(err.splitlines()) == 1
    assert _show(capsys, flow) == before  # not even the valid --voucher


def test_enable_needs_the_voucher_its_text_uses(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["automations", "enable", "birthday"]) == 1
    assert "--voucher" in capsys.readouterr().err
    assert main(["automations", "edit", "birthday", "--voucher", "ANNIV"]) == 0
    assert main(["automations", "enable", "birthday"]) == 0


def test_unknown_flow(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["automations", "show", "nothing"])
    assert "abandoned_cart" in capsys.readouterr().err


def test_back_in_stock_needs_emailalerts_and_list_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn).create() as shop:
        shop.drop_alerts_table()
    url = f"sqlite:///{dsn.path}"
    assert main(["automations", "enable", "back_in_stock", "--shop-db", url]) == 1
    err = capsys.readouterr().err
    assert "mailalert_customer_oos" in err and "emailalerts" in err
    assert main(["automations", "list", "--json", "--shop-db", url]) == 0
    flows = json.loads(capsys.readouterr().out)
    assert [f["flow"] for f in flows] == [
        "abandoned_cart", "birthday", "winback", "after_delivery", "back_in_stock"
    ]  # fmt: skip
    assert flows[-1]["enabled"] is False and "emailalerts" in flows[-1]["problem"]
    assert flows[0]["last_7_days"] == {
        "sent": 0, "not_sent": 0, "waiting": 0, "orders": 0, "revenue": "0.00"
    }  # fmt: skip
    assert main(["automations", "edit", "winback", "--voucher", "REVIENS"]) == 0
    assert main(["automations", "enable", "winback"]) == 0
    assert main(["automations", "run", "--once", "--shop-db", url]) == 0
    capsys.readouterr()
    assert main(["automations", "preview", "winback", "--json", "--shop-db", url]) == 0
    assert json.loads(capsys.readouterr().out) == []  # an empty shop: nobody
