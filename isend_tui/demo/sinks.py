"""Where the demo generator's rows go: a SQLite file, or MySQL/MariaDB through LOAD DATA.

Rows are buffered per table and written in batches of 20,000, so memory stays flat
whatever the size of the shop.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from isend_tui.demo.prestashop.writer import ShopWriter
from isend_tui.demo.rows import Row


class Sink:
    """Buffers rows per table (lists the generator appends to) and writes them in batches."""

    def __init__(self, columns: dict[str, tuple[str, ...]], batch: int) -> None:
        self.columns = columns
        self.batch = batch
        self.buffers: dict[str, list[Row]] = {name: [] for name in columns}

    def maybe_flush(self) -> None:
        batch = self.batch
        for name, buf in self.buffers.items():
            if len(buf) >= batch:
                self.flush(name)

    def flush(self, table: str) -> None:
        buf = self.buffers[table]
        if buf:
            rows = buf[:]
            buf.clear()  # the same list: the generator keeps its bound append
            self.write(table, rows)

    def flush_all(self) -> None:
        for name in self.columns:
            self.flush(name)

    def write(self, table: str, rows: list[Row]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.flush_all()


class SqliteSink(Sink):
    def __init__(self, writer: ShopWriter, columns: dict[str, tuple[str, ...]]) -> None:
        super().__init__(columns, 20000)
        self.writer = writer
        self.sql = {
            name: f"INSERT INTO {writer.table(name)} ("
            + ", ".join(f'"{c}"' for c in cols)
            + ") VALUES ("
            + ", ".join("?" * len(cols))
            + ")"
            for name, cols in columns.items()
        }

    def write(self, table: str, rows: list[Row]) -> None:
        self.writer.raw.executemany(self.sql[table], rows)


_NULL = "\\N"


def _tsv(rows: list[Row]) -> str:
    """Rows as LOAD DATA text. Generated values never hold a tab, newline or backslash."""
    null = _NULL
    return "\n".join(["\t".join([null if v is None else str(v) for v in row]) for row in rows])


class MysqlSink(Sink):
    """TSV files loaded by a helper process (loader.py) with LOAD DATA LOCAL INFILE.

    The generator formats and writes the files; the helper process loads them, so both
    cores work. At most `max_pending` files wait on disk. Without LOCAL INFILE on the
    server, rows go in with multi-row INSERTs from this process instead.
    """

    def __init__(
        self, writer: ShopWriter, columns: dict[str, tuple[str, ...]], *, max_pending: int = 3
    ) -> None:
        super().__init__(columns, 20000)
        self.writer = writer
        self.max_pending = max_pending
        self.pending = 0
        self.counter = 0
        self.proc: subprocess.Popen[str] | None = None
        self.tmpdir = ""
        infile = writer.query("SELECT @@GLOBAL.local_infile")
        if infile and int(infile[0][0] or 0) and writer.dsn is not None:
            self.tmpdir = tempfile.mkdtemp(prefix="isend-demo-")
            env = dict(os.environ)
            root = str(Path(__file__).resolve().parents[2])  # where isend_tui is importable
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "isend_tui.demo.loader"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                env=env,
            )
            self._send({"url": writer.dsn.url(with_password=True)})

    def _send(self, message: dict[str, Any]) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(message) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise RuntimeError("the demo loader process stopped") from None

    def _ack(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the demo loader process stopped")
        self.pending -= 1
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"loading the demo shop failed: {reply['error']}")

    def write(self, table: str, rows: list[Row]) -> None:
        cols = self.columns[table]
        if self.proc is None:
            col_list = ", ".join(f"`{c}`" for c in cols)
            marks = ", ".join(["%s"] * len(cols))
            with self.writer.raw.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO {self.writer.table(table)} ({col_list}) VALUES ({marks})", rows
                )
            self.writer.raw.commit()
            return
        self.counter += 1
        path = os.path.join(self.tmpdir, f"{table}-{self.counter}.tsv")
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(_tsv(rows))
            fh.write("\n")
        while self.pending >= self.max_pending:
            self._ack()
        self._send({"table": self.writer.prefix + table, "path": path, "columns": list(cols)})
        self.pending += 1

    def close(self) -> None:
        try:
            self.flush_all()
            while self.proc is not None and self.pending > 0:
                self._ack()
        finally:
            if self.proc is not None:
                with contextlib.suppress(OSError):
                    assert self.proc.stdin is not None
                    self.proc.stdin.close()
                try:
                    self.proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
                if self.proc.stdout is not None:
                    self.proc.stdout.close()
            if self.tmpdir:
                shutil.rmtree(self.tmpdir, ignore_errors=True)
