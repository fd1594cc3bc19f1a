"""Writing an export (a CSV of recipients, of a campaign's results, of consent proofs):
safe to open in a spreadsheet, readable by its owner only, never half-written.

- every cell goes through `safe_text.csv_cell` (no formula runs, no control character);
- the file is written beside its target under a temporary name (mode 0600, whatever the
  umask), then renamed over it: a failure leaves the old file, or none, never a torn one;
- a target that is a folder, or in a folder that does not exist, is refused in one line.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.private import PRIVATE_FILE
from isend_tui.safe_text import csv_cell


class SafeCsvWriter:
    """csv.writer whose cells are made inert first."""

    def __init__(self, handle: IO[str], **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([csv_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def write_private_file(
    target: Path | str,
    write: Callable[[IO[str]], int],
    *,
    encoding: str = "utf-8",
    option: str = "csv",
) -> int:
    """Write `target` through `write(handle)` (which returns how many rows it wrote)."""
    path = Path(target)
    if path.is_dir():
        raise UserError(
            _("{path} est un dossier : donnez un nom de fichier, par exemple {example}.").format(
                path=path, example=path / "export.csv"
            ),
            field=option,
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
    except OSError as exc:
        raise UserError(
            _("Impossible d'écrire {path} : {detail}. Choisissez un autre fichier.").format(
                path=path, detail=exc.strerror or exc
            ),
            field=option,
        ) from None
    try:
        os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            count = write(handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def write_spreadsheet_csv(
    target: Path | str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> int:
    """A campaign's export for French spreadsheets: UTF-8 with BOM, ';', a header, empty
    cells for None, written as `write_private_file` does. Returns the lines written."""

    def write(handle: IO[str]) -> int:
        writer = SafeCsvWriter(handle, delimiter=";")
        writer.writerow(header)
        written = 0
        for row in rows:
            writer.writerow("" if value is None else value for value in row)
            written += 1
        return written

    return write_private_file(target, write, encoding="utf-8-sig")
