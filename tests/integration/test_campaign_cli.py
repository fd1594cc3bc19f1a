"""The `campaign` and `suppression` commands against the sandbox on a localhost port.

The commands use the real clock, so sends are scheduled at the next allowed slot two days
ahead: whatever the day and hour the tests run, the date is in the future and in the window.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.sandbox import sms_log

from isend_tui.campaigns.service import (
    CampaignRequest,
    Contact,
    confirm,
    create_and_prepare,
    list_campaigns,
)
from isend_tui.campaigns.window import PARIS, next_slot
from isend_tui.cli import main
from isend_tui.context import open_context
from isend_tui.gateway.sandbox.server import SandboxThread


def future_slot() -> datetime:
    return next_slot(datetime.now(PARIS) + timedelta(days=2)).replace(second=0, microsecond=0)


def test_resume_show_list_from_the_command_line(
    sandbox: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    at = future_slot()
    ctx = open_context()
    people = [Contact("33612345601", "Alice", "Martin"), Contact("33612345602", "Benoît", "Roy")]
    campaign_id = create_and_prepare(
        ctx.store,
        people,
        CampaignRequest(message="Bonjour {client_surname}", scheduled_for=at, label="CLI"),
        settings=ctx.settings,
    )
    confirm(ctx.store, campaign_id)
    ctx.close()
    assert main(["campaign", "resume", str(campaign_id)]) == 0
    out = capsys.readouterr().out
    assert "Fin de l'envoi (programmée) : 2 envoyés, 0 refusé, 0 exclu, 0 incertain" in out
    log = sms_log(sandbox)
    assert {(r["num"], r["date_envoi"], r["gmt_zone"]) for r in log} == {
        ("33612345601", at.strftime("%Y-%m-%d %H:%M"), "Europe/Brussels"),
        ("33612345602", at.strftime("%Y-%m-%d %H:%M"), "Europe/Brussels"),
    }
    assert main(["campaign", "list"]) == 0
    assert "— 2 envoyés, 0 refusé, 0 incertain, 0 en attente" in capsys.readouterr().out
    assert main(["campaign", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["id"] == campaign_id and listed[0]["state"] == "scheduled"
    assert main(["campaign", "show", str(campaign_id)]) == 0
    assert "Programmée le" in capsys.readouterr().out
    assert main(["campaign", "show", "999"]) == 1
    assert "introuvable" in capsys.readouterr().err


def test_show_lists_every_recipient_by_state_or_search(
    sandbox: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    at = future_slot()
    sandbox.account.mark_unassigned("33600001500")
    ctx = open_context()
    people = [Contact(f"336{i:08d}", "Client", f"Nom{i}") for i in range(2500)]
    people[10] = Contact("33699999999", "Hélène", "Dupré")
    campaign_id = create_and_prepare(
        ctx.store,
        people,
        CampaignRequest(message="Bonjour {client_surname}", scheduled_for=at),
        settings=ctx.settings,
    )
    confirm(ctx.store, campaign_id)
    ctx.close()
    sandbox.account.set_credit(1000)
    assert main(["campaign", "resume", str(campaign_id)]) == 0
    capsys.readouterr()
    assert main(["campaign", "show", str(campaign_id), "--recipients"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2500  # beyond one page of the query
    assert lines[10].split("\t")[:3] == ["33699999999", "Hélène Dupré", "envoyé"]
    assert main(["campaign", "show", str(campaign_id), "--recipients", "--state", "refused"]) == 0
    refused = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in refused] == ["33600001500"]
    args = ["campaign", "show", str(campaign_id), "--recipients", "--search", "06 99 99"]
    assert main(args) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == ["33699999999"]
    assert main([*args[:-1], "personne"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "Aucun destinataire" in captured.err


def test_resolve_rejects_a_batch_that_is_not_uncertain(
    sandbox: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["campaign", "resolve", "1", "--batch", "3", "--as", "sent"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("isend-tui: ") and "campaign show 1" in err and err.count("\n") == 1


def test_suppression_commands(sandbox: SandboxThread, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suppression", "add", "06 12 34 56 78", "--note", "STOP reçu"]) == 0
    assert "33612345678" in capsys.readouterr().out
    assert main(["suppression", "add", "+33612345678"]) == 1
    assert "déjà" in capsys.readouterr().err
    assert main(["suppression", "add", "bonjour"]) == 1
    capsys.readouterr()
    sandbox.account.blacklist_add("0798765432")
    assert main(["suppression", "import"]) == 0
    # the manual addition was pushed, so the account's blacklist holds it too: 1 new
    assert "2 numéros lus, 1 ajouté à la liste d'exclusion, 1 déjà présent." in (
        capsys.readouterr().out
    )
    assert main(["suppression", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    entries = {e["number"]: e["source"] for e in listed["numbers"]}
    assert entries == {"33612345678": "manual", "33798765432": "blacklist_import"}
    # the manual addition reached the account's blacklist; the imported one was not pushed
    pushes = {e["number"]: e["push"] for e in listed["numbers"]}
    assert pushes["33612345678"]["state"] == "pushed" and pushes["33798765432"] is None
    assert sandbox.account.blacklist_edits == [("add", "33612345678"), ("add", "33798765432")]
    assert main(["suppression", "remove", "0612345678", "--note", "client revenu"]) == 0
    assert main(["suppression", "remove", "0612345678"]) == 1
    assert "33612345678" not in {n for n, _d in sandbox.account.blacklist()}
    capsys.readouterr()
    # the proof stays: added, then withdrawn by whom and why
    assert main(["suppression", "history", "0612345678", "--json"]) == 0
    lines = json.loads(capsys.readouterr().out)
    assert [(x["action"], x["note"]) for x in lines] == [
        ("added", "STOP reçu"),
        ("removed", "client revenu"),
    ]
    assert lines[1]["actor"].startswith("cli:")


def _segment_file(tmp_path: Path) -> Path:
    path = tmp_path / "tous.json"
    path.write_text(json.dumps({"version": 1, "name": "tous", "criteria": []}), "utf-8")
    return path


def _shop(tmp_path: Path) -> str:
    from support.shop_builder import ShopBuilder, sqlite_shop_dsn

    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn).create() as shop:
        for first, last, phone in [
            ("Alice", "Martin", "06 12 34 56 01"),
            ("Benoît", "Lefèvre", "+33 6 12 34 56 02"),
        ]:
            customer = shop.customer(firstname=first, lastname=last, newsletter=1)
            shop.address(customer, phone_mobile=phone)
    return dsn.url()


def test_the_confirmation_reads_figures_in_the_merchants_language(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """English groups with commas and puts the euro first; French groups with a no-break
    space (a number never wraps) and puts it after; dates in Paris time either way."""
    pytest.importorskip("isend_tui.segments.counting")
    sandbox.account.set_credit("100.15")  # 2 003 SMS at 0,05 € each
    shop = _shop(tmp_path)
    segment = _segment_file(tmp_path)
    slot = future_slot()
    args = ["campaign", "send", str(segment), "--message", "Bonjour {client_surname} !"]
    args += ["--shop-db", shop, "--at", slot.strftime("%Y-%m-%d %H:%M"), "--sender", "MaBoutique"]

    assert main(["--lang", "en", *args]) == 1  # not confirmed: nothing is sent
    out = capsys.readouterr().out
    assert "Available credit: €100.15, that is 2,003 SMS in France." in out
    assert "Estimated cost: €0.10 at the France price (€0.05 per SMS)." in out
    assert 'Campaign "' in out and ": 2 recipients." in out
    assert slot.strftime("%Y-%m-%d %H:%M") in out

    assert main(args) == 1
    out = capsys.readouterr().out
    nbsp = "\u00a0"
    assert f"Crédit disponible : 100,15{nbsp}€, soit 2{nbsp}003 SMS en France." in out
    assert f"Coût estimé : 0,10{nbsp}€ au tarif France (0,05{nbsp}€ le SMS)." in out
    assert slot.strftime("%d/%m/%Y %H:%M") in out
    assert sms_log(sandbox) == []


def test_send_needs_a_confirmation_when_not_on_a_terminal(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("isend_tui.segments.counting")
    shop = _shop(tmp_path)
    segment = _segment_file(tmp_path)
    at = future_slot().strftime("%Y-%m-%d %H:%M")
    args = ["campaign", "send", str(segment), "--message", "Bonjour {client_surname} !"]
    args += ["--shop-db", shop, "--at", at, "--sender", "MaBoutique"]
    assert main(args) == 1  # stdin is not a terminal under pytest
    captured = capsys.readouterr()
    assert "Campagne" in captured.out and "2 destinataires" in captured.out
    assert "--yes" in captured.err
    assert sms_log(sandbox) == []
    ctx = open_context()
    assert list_campaigns(ctx.store) == []  # the unconfirmed draft is dropped
    ctx.close()
    assert main([*args, "--yes"]) == 0
    texts = sorted(row["text"] for row in sms_log(sandbox))
    assert texts == ["Bonjour Alice !", "Bonjour Benoit !"]
    assert main(["campaign", "send", str(segment), "--message", "{prenom}", "--shop-db", shop]) == 1
    assert "{prenom}" in capsys.readouterr().err


def test_send_keeps_the_basis_and_its_proof_shows_on_the_command_line(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("isend_tui.segments.counting")
    shop = _shop(tmp_path)
    at = future_slot().strftime("%Y-%m-%d %H:%M")
    args = ["campaign", "send", str(_segment_file(tmp_path)), "--message", "Promo"]
    args += ["--shop-db", shop, "--at", at, "--sender", "MaBoutique", "--yes"]
    assert main([*args, "--basis", "transactional-only"]) == 1
    assert "n'est pas du marketing" in capsys.readouterr().err
    assert main([*args, "--basis", "customer"]) == 1  # nobody ordered: nobody to text
    assert "Exclus, sans consentement : 2." in capsys.readouterr().out
    assert main(args) == 0  # consent by default: both subscribed to the newsletter
    out = capsys.readouterr().out
    assert "Base légale : consentement" in out
    ctx = open_context()
    campaign = list_campaigns(ctx.store)[0].id
    ctx.close()
    proof = tmp_path / "preuve.csv"
    assert main(["campaign", "proof", str(campaign), "--csv", str(proof)]) == 0
    out = capsys.readouterr().out
    assert "base légale consentement" in out and "« inscription à la newsletter » : 2" in out
    assert proof.read_text("utf-8-sig").count("newsletter") == 2


def test_send_refuses_nothing_to_send_first_then_a_short_credit(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from support.shop_builder import ShopBuilder, sqlite_shop_dsn

    pytest.importorskip("isend_tui.segments.counting")
    empty = sqlite_shop_dsn(tmp_path, name="empty.sqlite3")
    with ShopBuilder(empty).create():
        pass
    sandbox.account.set_credit("0.05")  # one SMS to France
    args = ["campaign", "send", str(_segment_file(tmp_path)), "--message", "Promo", "--yes"]
    assert main([*args, "--shop-db", empty.url()]) == 1
    assert "Aucun destinataire" in capsys.readouterr().err
    assert main([*args, "--shop-db", _shop(tmp_path)]) == 1
    assert "n'en couvre que 1" in capsys.readouterr().err
    assert sms_log(sandbox) == []
    ctx = open_context()
    assert list_campaigns(ctx.store) == []  # both drafts dropped
    ctx.close()


def test_export_from_the_command_line(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("isend_tui.segments.counting")
    shop = _shop(tmp_path)
    args = ["campaign", "export", str(_segment_file(tmp_path)), "--name", "Clients"]
    assert main([*args, "--shop-db", shop]) == 0
    assert "2 contacts ajoutés" in capsys.readouterr().out
    contacts = dict(sandbox.account.directory_contacts(1))
    assert contacts == {"33612345601": {1: "Alice Martin"}, "33612345602": {1: "Benoît Lefèvre"}}


def test_cancel_gives_up_what_was_never_sent_and_nothing_else(
    sandbox: SandboxThread, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from isend_tui.campaigns.service import interrupted_campaigns

    ctx = open_context()
    people = [Contact("33612345601", "Alice", "Martin"), Contact("33612345602", "Benoît", "Roy")]
    stopped = create_and_prepare(
        ctx.store, people, CampaignRequest(message="Promo", label="Arrêtée"), settings=ctx.settings
    )
    confirm(ctx.store, stopped)  # confirmed, then the process stopped before sending
    assert [c.id for c in interrupted_campaigns(ctx.store)] == [stopped]
    ctx.close()

    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["campaign", "cancel", str(stopped)]) == 1
    assert "--yes" in capsys.readouterr().err
    assert main(["campaign", "cancel", str(stopped), "--yes"]) == 0
    assert "2 destinataires ne recevront rien" in capsys.readouterr().out

    ctx = open_context()
    assert interrupted_campaigns(ctx.store) == []  # no longer offered at start
    (row,) = [c for c in list_campaigns(ctx.store) if c.id == stopped]
    assert row.state == "cancelled"
    ctx.close()
    assert main(["campaign", "resume", str(stopped)]) == 1  # refused: cancelled
    assert "annulée" in capsys.readouterr().err
    assert main(["campaign", "cancel", str(stopped), "--yes"]) == 1
    assert "déjà annulée" in capsys.readouterr().err
    assert sms_log(sandbox) == []  # nothing ever left

    # A campaign iSendPro accepted (here, scheduled) has nothing left to cancel.
    ctx = open_context()
    at = future_slot()
    sent = create_and_prepare(
        ctx.store, people, CampaignRequest(message="Promo", scheduled_for=at), settings=ctx.settings
    )
    confirm(ctx.store, sent)
    ctx.close()
    assert main(["campaign", "resume", str(sent)]) == 0
    capsys.readouterr()
    assert main(["campaign", "cancel", str(sent), "--yes"]) == 1
    assert "ne peut pas être annulé" in capsys.readouterr().err
    assert len(sms_log(sandbox)) == 2


def test_resolve_all_settles_every_uncertain_batch_in_one_command(
    sandbox: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    from isend_tui.gateway.sandbox.faults import FaultKind

    assert main(["settings", "set", "batch_size", "2"]) == 0
    assert main(["settings", "set", "max_in_flight", "1"]) == 0
    ctx = open_context()
    people = [Contact(f"3361234560{i}", "Client", f"Nom{i}") for i in range(1, 7)]
    request = CampaignRequest(message="Promo", scheduled_for=future_slot(), label="Tous")
    campaign_id = create_and_prepare(ctx.store, people, request, settings=ctx.settings)
    confirm(ctx.store, campaign_id)
    ctx.close()
    sandbox.faults.fail_next(FaultKind.SERVER_ERROR, 2, paths=("/smsmulti",))  # processed
    assert main(["campaign", "resume", str(campaign_id)]) == 4  # some batches uncertain
    capsys.readouterr()
    assert main(["campaign", "resolve", str(campaign_id), "--all", "--as", "check"]) == 0
    out = capsys.readouterr().out
    assert out.count("vérifié dans le rapport iSendPro : 2 trouvés, envoyés") == 2
    assert main(["campaign", "list", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert (listed["state"], listed["sent"], listed["uncertain"]) == ("scheduled", 6, 0)
    assert sorted(r["num"] for r in sms_log(sandbox)) == [p.number for p in people]
    assert main(["campaign", "resolve", str(campaign_id), "--all", "--as", "sent"]) == 0
    assert "aucun lot incertain" in capsys.readouterr().out
    assert main(["campaign", "resolve", "77", "--all", "--as", "sent"]) == 1
    assert "introuvable" in capsys.readouterr().err


def test_a_transient_credit_failure_after_the_plan_leaves_a_resumable_campaign(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("isend_tui.segments.counting")
    shop = _shop(tmp_path)
    # seed 94: the plan's credit check passes, then the one before sending fails 4 times
    # in a row (its 3 retries included): iSendPro is momentarily unavailable
    sandbox.faults.configure(unavailable_rate=0.5, paths=("/credit",), seed=94)
    at = future_slot().strftime("%Y-%m-%d %H:%M")
    args = ["campaign", "send", str(_segment_file(tmp_path)), "--message", "Promo", "--yes"]
    assert main([*args, "--shop-db", shop, "--at", at, "--sender", "MaBoutique"]) == 5
    err = capsys.readouterr().err
    assert "Rien n'a été envoyé" in err and "campaign resume 1" in err and err.count("\n") == 1
    assert sms_log(sandbox) == []
    sandbox.faults.reset()
    assert main(["campaign", "list", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert (listed["state"], listed["pending"]) == ("failed", 2)
    assert main(["campaign", "resume", "1"]) == 0
    assert sorted(row["num"] for row in sms_log(sandbox)) == ["33612345601", "33612345602"]


def test_bad_options_are_refused_in_one_line_before_anything_happens(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("isend_tui.segments.counting")
    shop = _shop(tmp_path)
    args = ["campaign", "send", str(_segment_file(tmp_path)), "--message", "Promo", "--yes"]
    assert main([*args, "--shop-db", shop, "--at", ""]) == 1  # an unset $WHEN in cron
    err = capsys.readouterr().err
    assert "--at est vide" in err and err.count("\n") == 1
    assert sms_log(sandbox) == []
    ctx = open_context()
    assert list_campaigns(ctx.store) == []
    ctx.close()
    for bad in (
        ["campaign", "show", "99999999999999999999999"],
        ["campaign", "resume", "-3"],
        ["campaign", "resolve", "1", "--batch", "1e9", "--as", "sent"],
        [*args, "--shop-db", shop, "--timeout", "nan"],
    ):
        with pytest.raises(SystemExit) as exit:
            main(bad)
        assert exit.value.code == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("isend-tui")


def test_campaign_csv_export_is_private_inert_and_refuses_a_folder(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx = open_context()
    people = [Contact("33612345601", '=HYPERLINK("http://evil.example","x")', "@SUM(1+1)")]
    request = CampaignRequest(message="Promo", scheduled_for=future_slot())
    campaign_id = create_and_prepare(ctx.store, people, request, settings=ctx.settings)
    ctx.close()
    assert main(["campaign", "show", str(campaign_id), "--csv", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "est un dossier" in err and err.count("\n") == 1
    target = tmp_path / "out.csv"
    assert main(["campaign", "show", str(campaign_id), "--csv", str(target)]) == 0
    assert target.stat().st_mode & 0o777 == 0o600
    (line,) = target.read_text(encoding="utf-8-sig").splitlines()[1:]
    cells = line.split(";")
    assert cells[2].startswith("\"'=HYPERLINK") and cells[3] == "'@SUM(1+1)"


def test_message_size_is_bounded_before_anything_is_prepared(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("isend_tui.segments.counting")
    shop = _shop(tmp_path)
    segment = str(_segment_file(tmp_path))
    at = ["--at", future_slot().strftime("%Y-%m-%d %H:%M"), "--yes", "--shop-db", shop]
    seven_parts = "Promo " * 160  # 960 characters: 7 parts without any variable
    assert main(["campaign", "send", segment, "--message", seven_parts, *at]) == 1
    err = capsys.readouterr().err
    assert "trop long : 960 caractères, soit 7 SMS" in err and err.count("\n") == 1
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 10_000_000)
    assert main(["campaign", "send", segment, "--message-file", str(big), *at]) == 1
    err = capsys.readouterr().err
    assert "plus de 64 Ko" in err and err.count("\n") == 1
    ctx = open_context()
    assert list_campaigns(ctx.store) == []
    data_dir = ctx.paths.data_dir
    ctx.close()
    store_size = sum(f.stat().st_size for f in data_dir.glob("*.sqlite3*"))
    assert store_size < 2_000_000  # the store did not grow
    assert sms_log(sandbox) == []


def test_campaign_commands_read_the_shop_address_from_a_file(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("isend_tui.segments.counting")
    address = tmp_path / "shop-db.txt"
    address.write_text("# the shop, password included\n" + _shop(tmp_path) + "\n", "utf-8")
    address.chmod(0o600)
    segment = str(_segment_file(tmp_path))
    export = ["campaign", "export", segment, "--name", "Clients"]
    assert main([*export, "--shop-db-file", str(address)]) == 0
    assert "2 contacts ajoutés" in capsys.readouterr().out
    at = future_slot().strftime("%Y-%m-%d %H:%M")
    send = ["campaign", "send", segment, "--message", "Promo", "--at", at, "--yes"]
    assert main([*send, "--sender", "MaBoutique", "--shop-db-file", str(address)]) == 0
    assert len(sms_log(sandbox)) == 2
    assert main([*send, "--shop-db-file", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert "missing.txt" in err and err.count("\n") == 1
