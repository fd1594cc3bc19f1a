"""What data retention costs a count with a lawful basis, side by side with the code before.

    .venv/bin/python bench/retention_bench.py --reference DIR [--customers 100000] [--reps 3]
                                              [--today 2025-06-16] [--mysql]

- The shop: a demo shop (seed 42, PrestaShop 8 schema, `--customers` customers) written
  once and reused: SQLite in /tmp/isend_retention_bench, or with `--mysql` the MariaDB
  database `isend_retention_bench_<customers>` on 127.0.0.1:3306 (root, no password),
  marked complete by a table `isend_bench_marker`.
- DIR: a checkout of the code to compare with (e.g. `git worktree add /tmp/ref main`);
  the current tree is the other side. Each side counts in its own subprocess, with its
  own local copy of the shop (built once per side, not timed).
- `--today`: the day counted on. On the demo's reference day (2025-06-16, the default)
  every customer joined in the last three years, so the account's date settles retention
  at once; two years later (2027-06-16) most customers need the whole chain of checks
  (orders, newsletter, psgdpr) and many are past retention.
- Each rep runs the reference, then this tree, one after the other: the `consent` basis
  on the local copy and on the shop itself (`count_recipients`), then the `customer` basis
  on the copy. The best time of each is kept; the counts are printed (this tree's have a
  `retention` column the reference's lack; the others must agree except where retention
  moves customers out of recipients).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path("/tmp/isend_retention_bench")

WORKER = textwrap.dedent(
    """
    import datetime as dt, json, sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from isend_tui.segments.basis import Basis, BasisRule
    from isend_tui.segments.counting import count_recipients
    from isend_tui.segments.local_copy.copy import LocalCopy, copy_path
    from isend_tui.segments.model import Segment
    from isend_tui.shop.dsn import ShopDsn
    from isend_tui.shop.info import open_shop

    dsn, copy_dir = ShopDsn.from_url(sys.argv[2]), Path(sys.argv[3])
    today, everyone = dt.date.fromisoformat(sys.argv[4]), Segment("Tous")
    copy = LocalCopy(copy_path(copy_dir, dsn), dsn)
    out = {}
    with open_shop(dsn) as conn:
        if copy.built_at() is None:
            copy.build(conn)
        for name, basis, where in (
            ("consent, copy", Basis.CONSENT, "copy"),
            ("consent, shop", Basis.CONSENT, "shop"),
            ("customer, copy", Basis.CUSTOMER, "copy"),
        ):
            rule = BasisRule.of(basis)
            started = time.perf_counter()
            if where == "copy":
                count = copy.count(everyone, today=today, basis=rule)
            else:
                count = count_recipients(conn, everyone, today=today, basis=rule)
            seconds = time.perf_counter() - started
            out[name] = [seconds, count.recipients, count.no_consent,
                         getattr(count, "retention", None)]
    print(json.dumps(out))
    """
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", required=True, type=Path)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--today", default="2025-06-16")
    parser.add_argument("--mysql", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from isend_tui.demo.build import generate_demo_shop
    from isend_tui.shop.dsn import ShopDsn

    WORK.mkdir(exist_ok=True)
    if args.mysql:
        shop = _mysql_shop(args.customers)
    else:
        path = WORK / f"shop-{args.customers}.sqlite3"
        if not path.exists():
            partial = path.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            generate_demo_shop(ShopDsn.sqlite(str(partial)), customers=args.customers, seed=42)
            partial.rename(path)
        shop = ShopDsn.sqlite(path).url(with_password=True)
    sides = {"reference": args.reference.resolve(), "retention": ROOT}
    best: dict[str, dict[str, list[float]]] = {side: {} for side in sides}
    for _rep in range(args.reps):
        for side, code in sides.items():
            command = [sys.executable, "-c", WORKER, str(code), shop]
            run = subprocess.run(
                [
                    *command,
                    str(WORK / f"copy-{side}-{'mysql' if args.mysql else 'sqlite'}"),
                    args.today,
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            for name, row in json.loads(run.stdout.splitlines()[-1]).items():
                kept = best[side].get(name)
                if kept is None or row[0] < kept[0]:
                    best[side][name] = row
    backend = "MariaDB" if args.mysql else "SQLite"
    print(f"{backend} shop, {args.customers:,} customers, today {args.today}, best of {args.reps}")
    print("| count | reference s | retention s | ratio | recipients ref → new | retention |")
    print("|---|---|---|---|---|---|")
    for name, (new_s, new_r, _new_nc, new_ret) in best["retention"].items():
        ref_s, ref_r, _ref_nc, _none = best["reference"][name]
        print(
            f"| {name} | {ref_s:.2f} | {new_s:.2f} | {new_s / ref_s:.2f} "
            f"| {ref_r:,} → {new_r:,} | {new_ret:,} |"
        )
    return 0


def _mysql_shop(customers: int) -> str:
    """The URL of the MariaDB demo shop, written first when missing or incomplete."""
    import pymysql

    from isend_tui.demo.build import generate_demo_shop
    from isend_tui.shop.dsn import ShopDsn

    database = f"isend_retention_bench_{customers}"
    url = f"mysql://root@127.0.0.1:3306/{database}?prefix=ps_"
    server = pymysql.connect(host="127.0.0.1", port=3306, user="root", autocommit=True)
    with server.cursor() as cur:
        cur.execute(f"CREATE DATABASE IF NOT EXISTS `{database}` CHARACTER SET utf8mb4")
        cur.execute(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s "
            "AND TABLE_NAME = 'isend_bench_marker'",
            (database,),
        )
        row = cur.fetchone()
        if not row or not row[0]:
            generate_demo_shop(ShopDsn.from_url(url), customers=customers, seed=42, replace=True)
            cur.execute(f"CREATE TABLE `{database}`.isend_bench_marker (done INT)")
    server.close()
    return url


if __name__ == "__main__":
    raise SystemExit(main())
