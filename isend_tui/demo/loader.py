"""Helper process of the demo generator: LOAD DATA LOCAL INFILE of the files it is sent.

Run as ``python -m isend_tui.demo.loader``. Loading in a separate process lets the
generator (pure Python, bound by the GIL) and the load (socket and server work) use two
cores. Protocol, one JSON object per line:
- stdin, first line: {"url": <shop URL with password>}  (never on the command line)
- stdin, then: {"table": <prefixed table>, "path": <TSV file>, "columns": [...]}
- stdout, one line per file: {"ok": true} or {"error": "<message>"}; the file is deleted
  either way. End of stdin: the loader closes its connection and exits.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from typing import Any

LOAD_SQL = (
    "LOAD DATA LOCAL INFILE %s INTO TABLE `{table}` CHARACTER SET utf8mb4 "
    "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ({columns})"
)


def load_file(raw: Any, table: str, path: str, columns: list[str]) -> None:
    cols = ", ".join(f"`{c}`" for c in columns)
    with raw.cursor() as cur:
        cur.execute(LOAD_SQL.format(table=table, columns=cols), (path,))
    raw.commit()


def main() -> int:
    from isend_tui.demo.prestashop.writer import ShopWriter

    first = sys.stdin.readline()
    if not first:
        return 1
    writer = ShopWriter.open(json.loads(first)["url"])
    try:
        for line in sys.stdin:
            if not line.strip():
                break
            task = json.loads(line)
            try:
                load_file(writer.raw, task["table"], task["path"], task["columns"])
                reply: dict[str, Any] = {"ok": True}
            except Exception as exc:  # reported to the generator, which raises it
                reply = {"error": f"{type(exc).__name__}: {exc}"}
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(task["path"])
            sys.stdout.write(json.dumps(reply) + "\n")
            sys.stdout.flush()
    finally:
        writer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
