"""The local store: one SQLite file shared by the TUI and the headless watcher."""

from isend_tui.store.db import Store, open_store

__all__ = ["Store", "open_store"]
