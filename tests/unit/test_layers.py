"""The import directions of ../shared/architecture.md, enforced.

- The contracts in pyproject.toml ([tool.importlinter]): the layers, sms pure, shop
  read-only, the gateway apart from its simulator, the store apart from the engines,
  Textual only in the UI, no SQL or HTTP library in the UI.
- No import circle, counting the imports made only for type checking.
- The core never loads Textual at run time: checked in a fresh interpreter.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import grimp
from importlinter import configuration
from importlinter.application import use_cases

import isend_tui

ROOT = Path(__file__).resolve().parents[2]
UI_MODULES = ("isend_tui.app", "isend_tui.ui", "isend_tui.commands.tui")

# Circles known when the contracts were written; each entry goes when its step lands.
KNOWN_CIRCLES: list[set[str]] = []


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(isend_tui.__path__, "isend_tui."):
        if info.name.startswith(UI_MODULES) or info.name == "isend_tui.__main__":
            continue
        names.append(info.name)
    return names


def test_import_contracts_hold() -> None:
    """`lint-imports` passes; its report (printed above a failure) names the broken
    contract and the import chain."""
    configuration.configure()
    kept = use_cases.lint_imports(
        config_filename=str(ROOT / "pyproject.toml"), cache_dir=None, no_logo=True
    )
    assert kept, "an import contract is broken: see the report above"


def _circles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & graph.modules) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for start in modules:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if child < len(edges[node]):
                work.append((node, child + 1))
                nxt = edges[node][child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            for nxt in edges[node]:
                if nxt in on_stack:
                    low[node] = min(low[node], low[nxt])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def test_no_import_circle() -> None:
    graph = grimp.build_graph("isend_tui", exclude_type_checking_imports=False)
    circles = _circles(graph)
    unexpected = [sorted(c) for c in circles if c not in KNOWN_CIRCLES]
    assert not unexpected, f"import circles: {unexpected}"


def test_the_circle_finder_finds_a_circle() -> None:
    graph = grimp.ImportGraph()
    for name in ("a", "a.x", "a.y", "a.z"):
        graph.add_module(name)
    graph.add_import(importer="a.x", imported="a.y")
    graph.add_import(importer="a.y", imported="a.x")
    graph.add_import(importer="a.z", imported="a.x")
    assert _circles(graph) == [{"a.x", "a.y"}]


def test_known_circles_are_still_there() -> None:
    """A circle removed must leave KNOWN_CIRCLES too, so it cannot come back unnoticed."""
    graph = grimp.build_graph("isend_tui", exclude_type_checking_imports=False)
    circles = _circles(graph)
    assert [sorted(c) for c in KNOWN_CIRCLES if c not in circles] == []


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
