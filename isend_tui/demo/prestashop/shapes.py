"""What a table of the demo shop is: its columns in MySQL's types, its keys and indexes.

The catalogue (tables.py) is written with these; ddl.py turns them into CREATE TABLE for
MySQL/MariaDB or SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Col:
    name: str
    type: str  # MySQL type, e.g. "int(10) unsigned"
    null: bool = False
    default: str | None = None  # SQL literal, e.g. "0", "'-1'", "NULL"


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Col, ...]
    pk: tuple[str, ...]
    auto_increment: bool = True
    indexes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unique: tuple[tuple[str, tuple[str, ...]], ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


# The MySQL types PrestaShop uses most, named once.
U10 = "int(10) unsigned"
U11 = "int(11) unsigned"
TINY = "tinyint(1) unsigned"
STINY = "tinyint(1)"
DT = "datetime"
DEC = "decimal(20,6)"
RATE = "decimal(13,6)"


def col(name: str, type_: str, default: str | None = None, *, null: bool = False) -> Col:
    """A column, NOT NULL unless `null`."""
    return Col(name, type_, null, default)


def nullable(name: str, type_: str, default: str | None = "NULL") -> Col:
    """A NULL column, NULL by default."""
    return Col(name, type_, True, default)
