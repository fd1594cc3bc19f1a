"""The core never imports Textual: checked in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import isend_tui

UI_MODULES = ("isend_tui.app", "isend_tui.ui", "isend_tui.commands.tui")


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(isend_tui.__path__, "isend_tui."):
        if info.name.startswith(UI_MODULES) or info.name == "isend_tui.__main__":
            continue
        names.append(info.name)
    return names


def test_core_modules_do_not_load_textual() -> None:
    modules = core_modules()
    assert "isend_tui.config" in modules and "isend_tui.sms.encoding" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "", f"textual loaded by the core: {result.stdout}"
