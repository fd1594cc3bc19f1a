"""CLI sub-commands, one module per area. Each module has register(subparsers, parents)."""

from __future__ import annotations

import argparse
import importlib
import logging

log = logging.getLogger(__name__)

# Order = order in `isend-tui --help`.
COMMAND_MODULES = (
    "settings",
    "gateway",
    "sms",
    "shop",
    "segments",
    "campaigns",
    "suppression",
    "consent",
    "notifications",
    "report",
    "automations",
    "health",
)


def register_all(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:  # an area still being written
            log.debug("command module %s unavailable: %s", name, exc)
            continue
        module.register(subparsers, parents)
