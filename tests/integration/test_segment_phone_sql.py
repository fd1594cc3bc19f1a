"""The phone SQL agrees with check_mobile, in the database, on SQLite and on MariaDB.

Corpus: every number of a small demo shop, plus numbers generated from the phonenumbers
metadata (mobiles, landlines, special numbers, random digits) written in every format
customers use (national, +CC, 00CC, CC without +, (0), separators, blanks), for the
countries of the shops we serve. Two checks per value:
- the database gives exactly what the Python mirror of the rules gives (SQL dialect);
- the mirror gives what check_mobile gives (the rules), except for the documented
  divergences (tabs or line breaks inside a number, text around it).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from phonenumbers import PhoneMetadata
from support.shop_builder import ShopBuilder, new_shop_dsn

from isend_tui.demo.build import generate_demo_shop
from isend_tui.segments.phones import country_rules, mirror, regex_tree
from isend_tui.segments.phones.sql import phone_class_sql
from isend_tui.sms.phone import PhoneRejection, check_mobile

BACKENDS = ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)]
REGIONS = ("FR", "BE", "CH", "LU", "ES", "DE", "IT", "NL", "PT", "GB", "AT", "MC", "US")
TYPES = (
    "mobile",
    "fixed_line",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "general_desc",
)


def expected(raw: str | None, iso: str | None) -> str:
    """check_mobile's verdict in the SQL's encoding."""
    result = check_mobile(raw, iso)
    if result.number is not None:
        return country_rules.USABLE + result.number.gateway
    if result.rejection is PhoneRejection.EMPTY:
        return country_rules.EMPTY
    if result.rejection is PhoneRejection.LANDLINE:
        return country_rules.LANDLINE
    return country_rules.INVALID


def documented_divergence(raw: str | None) -> bool:
    """Inputs where the SQL is knowingly more lenient than check_mobile (see segments/phones)."""
    if raw is None:
        return False
    inner = raw.strip()
    return any(ch in inner for ch in "\t\n\r") or any(ch.isalpha() for ch in inner)


# --------------------------------------------------------------------------- corpus


def _sample(seq: regex_tree.Seq, rng: random.Random) -> str:
    return "".join(_sample_node(node, rng) for node in seq)


def _sample_node(node: regex_tree.Node, rng: random.Random) -> str:
    op, av = node
    chars = regex_tree._node_chars(node)
    if chars is not None:
        return rng.choice(sorted(chars))
    c = regex_tree._c
    if op is c.AT:
        return ""
    if op is c.SUBPATTERN:
        return _sample(av[-1], rng)
    if op is c.BRANCH:
        return _sample(rng.choice(av[1]), rng)
    low, high = int(av[0]), regex_tree._max(av[1])
    return "".join(_sample(av[2], rng) for _ in range(rng.randint(low, high)))


def national_numbers(region: str, rng: random.Random, per_type: int) -> list[str]:
    md = PhoneMetadata.metadata_for_region(region)
    out: list[str] = []
    for name in TYPES:
        desc = getattr(md, name, None)
        if desc is None or not desc.national_number_pattern:
            continue
        seq = regex_tree.parse(desc.national_number_pattern)
        out += [_sample(seq, rng) for _ in range(per_type)]
    return out


def written_forms(region: str, nsn: str, rng: random.Random) -> list[str]:
    md = PhoneMetadata.metadata_for_region(region)
    cc, np = str(md.country_code), md.national_prefix or ""

    def groups(text: str) -> list[str]:
        out, i = [], 0
        while i < len(text):
            k = rng.choice((1, 2, 2, 3, 4))
            out.append(text[i : i + k])
            i += k
        return out

    sep = rng.choice((" ", ".", "-", "/", "\u00a0", "", " - "))
    return [
        np + nsn,
        nsn,
        f"+{cc}{nsn}",
        f"+{cc}{np}{nsn}",
        f"00{cc}{nsn}",
        f"{cc}{nsn}",
        f"{cc}{np}{nsn}",
        f"+{cc} ({np}){nsn}",
        f"({np}){nsn}",
        f"00{cc}{np}{nsn}",
        f"{cc}{np}{np}{nsn}",
        f"+{np}{nsn}",
        f"+00{cc}{nsn}",
        f"++{cc}{nsn}",
        f"{np}{np}{nsn}",
        f"00{nsn}",
        sep.join(groups(np + nsn)),
        f"+{cc} " + sep.join(groups(nsn)),
        f"  {np}{nsn} ",
        f"{np}{nsn}\n",
        nsn[:-1],
        nsn + rng.choice("0123456789"),
        np + nsn[1:],
        f"+{cc}{nsn[:-2]}",
    ]


def corpus(region: str, seed: int, per_type: int) -> list[str | None]:
    rng = random.Random(f"{region}-{seed}")
    values: list[str | None] = []
    for nsn in national_numbers(region, rng, per_type):
        values += written_forms(region, nsn, rng)
    values += [
        "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 16))) for _ in range(60)
    ]
    values += [None, "", " ", "\t", "\u00a0", "-", "N/A", "+", "+33", "0", "00", "06 XX XX XX XX"]
    return values


# --------------------------------------------------------------------------- checks


@pytest.fixture(params=BACKENDS)
def shop(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ShopBuilder]:
    dsn = new_shop_dsn(request.param, tmp_path, request)
    with ShopBuilder(dsn).create() as builder:
        yield builder


def classify_in_database(
    shop: ShopBuilder, values: list[tuple[str | None, str]]
) -> list[tuple[str | None, str, str]]:
    """Insert (raw, iso) as addresses and classify them with the SQL: (raw, iso, code)."""
    cid = shop.customer()
    country = {iso: shop.country_id(iso) for _raw, iso in values}
    cols = ["id_country", "id_customer", "alias", "lastname", "firstname", "address1"]
    cols += ["city", "phone", "date_add", "date_upd"]
    rows = [
        (
            country[iso],
            cid,
            "x",
            "x",
            "x",
            "x",
            "x",
            raw,
            "2025-01-01 00:00:00",
            "2025-01-01 00:00:00",
        )
        for raw, iso in values
    ]
    for start in range(0, len(rows), 2000):
        shop.w.insert("address", cols, rows[start : start + 2000])
    with shop.connect() as conn:
        by_id = {
            int(i): str(iso)
            for i, iso in conn.query(f"SELECT id_country, iso_code FROM {conn.table('country')}")
        }
        expr = phone_class_sql("a.phone", "a.id_country", list(by_id.items()), conn.backend)
        rows_out = conn.query(
            f"SELECT a.phone, a.id_country, {expr.sql} FROM {conn.table('address')} a "
            "ORDER BY a.id_address",
            expr.params,
        )
    return [(raw, by_id[int(c)], str(code)) for raw, c, code in rows_out]


def test_generated_numbers_in_every_format(shop: ShopBuilder) -> None:
    values = [(raw, iso) for iso in REGIONS for raw in corpus(iso, seed=1, per_type=12)]
    results = classify_in_database(shop, values)
    assert len(results) == len(values)
    sql_vs_mirror = [
        (raw, iso, code) for raw, iso, code in results if code != mirror.classify(raw, iso)
    ]
    assert sql_vs_mirror == []
    exact = {"FR", "BE", "CH", "LU", "ES", "IT", "NL", "PT", "GB", "MC", "US"}
    mismatches = [
        (raw, iso, code, expected(raw, iso))
        for raw, iso, code in results
        if iso in exact and not documented_divergence(raw) and code != expected(raw, iso)
    ]
    assert mismatches == []


def test_overseas_numbers_on_french_addresses(shop: ShopBuilder) -> None:
    """A Réunion or Guadeloupe customer filed under France, with his 0692… or 0690…:
    the SQL reads it as check_mobile does, a mobile of the department."""
    rng = random.Random("overseas")
    values = [
        (raw, "FR")
        for region in ("RE", "YT", "GP", "MQ", "GF")
        for nsn in national_numbers(region, rng, 8)
        for raw in written_forms(region, nsn, rng)
    ]
    results = classify_in_database(shop, values)
    assert [(raw, code) for raw, _iso, code in results if code != mirror.classify(raw, "FR")] == []
    mismatches = [
        (raw, code, expected(raw, "FR"))
        for raw, _iso, code in results
        if not documented_divergence(raw) and code != expected(raw, "FR")
    ]
    assert mismatches == []
    codes = {code[1:4] for _raw, _iso, code in results if code.startswith(country_rules.USABLE)}
    assert {"262", "590", "596", "594"} <= codes


def abroad_forms(region: str, nsn: str, rng: random.Random) -> list[str]:
    """A number of `region` written with its country code, every way."""
    md = PhoneMetadata.metadata_for_region(region)
    cc, np = str(md.country_code), md.national_prefix or ""
    sep = rng.choice((" ", ".", "-", "/", "\u00a0", " - "))
    half = len(nsn) // 2
    return [
        f"+{cc}{nsn}",
        f"+{cc} {nsn[:half]}{sep}{nsn[half:]}",
        f"00{cc}{nsn}",
        f"00 {cc} {nsn[:half]}{sep}{nsn[half:]}",
        f"+{cc} ({np}){nsn}",
        f"+{cc}{np}{nsn}",
        f"00{cc}{np}{nsn}",
        f"++{cc}{nsn}",
        f"+00{cc}{nsn}",
        f"{cc}{nsn}",  # no + nor 00: read with the address's country
        f"+{cc}{nsn[:-1]}",
    ]


def test_numbers_from_abroad_in_every_format(shop: ShopBuilder) -> None:
    """Cross-border numbers: a number of one country on an address of another."""
    rng = random.Random("abroad")
    exact = ("FR", "BE", "CH", "LU", "ES", "IT", "NL", "PT", "GB", "MC")
    values: list[tuple[str | None, str]] = []
    for region in (*exact, "DE", "US"):
        for nsn in national_numbers(region, rng, per_type=4):
            for raw in abroad_forms(region, nsn, rng):
                values.append((raw, rng.choice([r for r in REGIONS if r != region])))
    results = classify_in_database(shop, values)
    assert len(results) == len(values)
    sql_vs_mirror = [
        (raw, iso, code) for raw, iso, code in results if code != mirror.classify(raw, iso)
    ]
    assert sql_vs_mirror == []
    mismatches = [
        (raw, iso, code, expected(raw, iso))
        for raw, iso, code in results
        if iso in exact and code != expected(raw, iso)
    ]
    assert mismatches == []
    usable = [code for _raw, _iso, code in results if code.startswith(country_rules.USABLE)]
    assert len(usable) > len(values) // 10


def test_germany_and_austria_differ_only_on_landlines_written_with_the_bare_country_code(
    shop: ShopBuilder,
) -> None:
    values = [(raw, iso) for iso in ("DE", "AT") for raw in corpus(iso, seed=2, per_type=15)]
    results = classify_in_database(shop, values)
    for raw, iso, code in results:
        if documented_divergence(raw) or code == expected(raw, iso):
            continue
        cc = "49" if iso == "DE" else "43"
        # "4930…": the parser's viability checks on the bare country code are not all
        # reproduced; it says invalid, the SQL landline. Never a usable number.
        assert (expected(raw, iso), code) == (country_rules.INVALID, country_rules.LANDLINE), raw
        assert mirror.clean(raw or "").startswith(cc), raw


def test_every_number_of_a_demo_shop(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    for backend in ("sqlite", "mysql"):
        if backend == "mysql":
            try:
                request.getfixturevalue("mariadb_server")
            except pytest.skip.Exception:
                continue
        dsn = new_shop_dsn(backend, tmp_path, request, prefix=f"d{backend[0]}_")
        generate_demo_shop(dsn, customers=1500, seed=7)
        with ShopBuilder(dsn) as shop, shop.connect() as conn:
            by_id = {
                int(i): str(iso)
                for i, iso in conn.query(
                    f"SELECT id_country, iso_code FROM {conn.table('country')}"
                )
            }
            checked = 0
            for column in ("phone", "phone_mobile"):
                expr = phone_class_sql(
                    f"a.{column}", "a.id_country", list(by_id.items()), conn.backend
                )
                rows = conn.query(
                    f"SELECT a.{column}, a.id_country, {expr.sql} FROM {conn.table('address')} a",
                    expr.params,
                )
                for raw, country, code in rows:
                    iso = by_id[int(country)]
                    if not documented_divergence(raw):
                        assert code == expected(raw, iso), (backend, raw, iso)
                    checked += 1
            assert checked > 2000
