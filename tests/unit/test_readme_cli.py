"""README's command table and `--help` agree: every option the table shows exists, and
every option of every command is in the table (or, for the options many commands share,
in the paragraph above it; for the sandbox's fault options, in its own section)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

from isend_tui.cli import build_parser

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
SECTION = README.split("\n## Command line", 1)[1].split("\n## ", 1)[0]
INTRO, TABLE = SECTION.split("| command | what |", 1)
SANDBOX = README.split("\n## The sandbox", 1)[1].split("\n## ", 1)[0]
COMMON = ("--data-dir", "--lang", "--verbose")
SHOP = ("--shop-db", "--shop-db-file")
OPTION = re.compile(r"--[a-z][a-z0-9-]*")

Path_ = tuple[str, ...]


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _walk(
    parser: argparse.ArgumentParser, path: Path_ = ()
) -> Iterator[tuple[Path_, argparse.ArgumentParser]]:
    yield path, parser
    for name, sub in _subcommands(parser).items():
        yield from _walk(sub, (*path, name))


def _options(parser: argparse.ArgumentParser) -> list[tuple[str, ...]]:
    """Each option's spellings (an alias documented documents the option)."""
    return [
        tuple(o for o in a.option_strings if o.startswith("--"))
        for a in parser._actions
        if a.option_strings and "--help" not in a.option_strings
    ]


ROOT = build_parser()
PARSERS = dict(_walk(ROOT))


def _resolve(words: list[str], start: Path_) -> Path_:
    path = start
    for word in words:
        if word not in _subcommands(PARSERS[path]):
            break
        path = (*path, word)
    return path


def _rows() -> list[tuple[Path_, set[str]]]:
    """(command path, options mentioned) for each command of each table row: a cell may
    hold several (`settings show` / `settings set NAME VALUE`, `rules list\\|add EVENT…`);
    other alternatives (`--marketing\\|--transactional`) belong to the command before."""
    found: list[tuple[Path_, set[str]]] = []
    for line in TABLE.splitlines():
        if not line.startswith("| `isend-tui"):
            continue
        cell = line.split(" | ")[0]
        for code in re.findall(r"`([^`]*)`", cell):
            for piece in code.split("\\|"):
                words = piece.split()
                if words and words[0] == "isend-tui":
                    found.append((_resolve(words[1:], ()), set()))
                elif words and _resolve(words, ()) != ():  # "settings set …"
                    found.append((_resolve(words, ()), set()))
                elif (
                    words
                    and found
                    and found[-1][0]
                    and (words[0] in _subcommands(PARSERS[found[-1][0][:-1]]))
                ):  # "add EVENT…" after "rules list": a sibling command
                    found.append((_resolve(words, found[-1][0][:-1]), set()))
                found[-1][1].update(OPTION.findall(piece))
    return found


ROWS = _rows()


def _documented(path: Path_) -> set[str]:
    """Options the table shows for `path`: on its own row or on an ancestor's
    (`notifications rules list\\|add EVENT… [--text T]`)."""
    shown: set[str] = set()
    for row, options in ROWS:
        if row == path or (row and path[: len(row)] == row):
            shown |= options
    return shown


def test_every_option_the_table_shows_exists() -> None:
    wrong = []
    for path, mentioned in ROWS:
        known = {
            spelling
            for sub_path, parser in PARSERS.items()
            if sub_path[: len(path)] == path
            for spellings in _options(parser)
            for spelling in spellings
        }
        wrong += [f"isend-tui {' '.join(path)} {o}" for o in sorted(mentioned - known)]
    assert wrong == [], "README shows options --help does not have"


def test_every_command_and_option_of_the_help_is_in_the_readme() -> None:
    top = {path[0] for path, _opts in ROWS if path}
    assert set(_subcommands(ROOT)) <= top, "commands missing from README's table"
    missing = []
    for path, parser in PARSERS.items():
        if _subcommands(parser):
            continue  # a group: its commands carry the options
        for spellings in _options(parser):
            if set(spellings) & set(COMMON):
                continue  # checked in the paragraph below
            if set(spellings) & set(SHOP):
                named = f"`{' '.join(path)}`" in INTRO
                if not named:
                    missing.append(f"{' '.join(path)} {spellings[0]} (not in the paragraph)")
                continue
            if path == ("sandbox",) and any(s in SANDBOX for s in spellings):
                continue  # "[fault options]": each one in the sandbox's section
            if not set(spellings) & _documented(path):
                missing.append(f"isend-tui {' '.join(path)} {spellings[0]}")
    assert missing == [], "--help has options README's table does not show"
    for option in COMMON:
        assert f"`{option}" in INTRO


def test_the_shop_file_option_is_promised_only_where_it_exists() -> None:
    with_file = {
        " ".join(path)
        for path, parser in PARSERS.items()
        if any("--shop-db-file" in spellings for spellings in _options(parser))
    }
    promised = INTRO.split("take `--shop-db URL` or", 1)[0].rsplit("(", 1)[1]
    assert set(re.findall(r"`([^`]+)`", promised)) == with_file
