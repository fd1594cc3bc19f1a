"""What every command and the TUI start from: paths, the local store and the settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from isend_tui import i18n
from isend_tui.config import Settings, load_settings, save_settings
from isend_tui.paths import AppPaths, resolve_paths
from isend_tui.private import protect_process, tightened_notice
from isend_tui.store import Store, open_store

# Where a command's warnings go (set by the CLI: one line each on stderr); the TUI shows
# `AppContext.warnings` as toasts instead.
warning_sink: Callable[[str], None] | None = None


@dataclass
class AppContext:
    paths: AppPaths
    store: Store
    settings: Settings
    warnings: list[str] = field(default_factory=list)
    demo: bool = False

    def reload_settings(self) -> Settings:
        self.settings, self.warnings = load_settings(self.store, self.paths)
        return self.settings

    def save_settings(self, settings: Settings) -> None:
        save_settings(self.store, self.paths, settings)
        self.reload_settings()

    def close(self) -> None:
        self.store.close()


def open_context(data_dir: str | Path | None = None, *, demo: bool = False) -> AppContext:
    protect_process()
    paths = resolve_paths(data_dir).ensure()
    tightened = paths.make_private()
    store = open_store(paths.store_file)
    settings, warnings = load_settings(store, paths)
    i18n.use_saved_language(settings.language)
    if tightened:
        warnings.insert(0, tightened_notice(tightened))
    if warning_sink is not None:
        for warning in warnings:
            warning_sink(warning)
    return AppContext(paths, store, settings, warnings, demo=demo)
