"""Files holding personal data are readable by their owner only.

The store holds every campaign's recipients (numbers, names, emails, texts), the logs may
hold a number, the local shop copies hold the customer base. On a shared host any other
account could read them at the usual umask (0644 files, 0755 directories). So:

- the process's umask is 077 from the start (`protect_process`): every file it creates
  (store, WAL, logs, copies, locks, exports) is 0600 and every directory 0700, whatever
  the umask the merchant's shell has;
- files and directories made before that are tightened at start (`tighten_tree`), and the
  merchant is told once, in one line.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from isend_tui.i18n import _

log = logging.getLogger(__name__)

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_OTHERS = stat.S_IRWXG | stat.S_IRWXO


def protect_process() -> None:
    """From now on, files and directories this process creates are its owner's only."""
    os.umask(0o077)


def make_private_dir(path: Path) -> None:
    """Create `path` (and parents) as 0700 directories."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)


def tighten(path: Path) -> bool:
    """Take group and other permissions off `path`; True when they were there."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode) or not info.st_mode & _OTHERS:
        return False
    wanted = PRIVATE_DIR if stat.S_ISDIR(info.st_mode) else PRIVATE_FILE
    try:
        os.chmod(path, stat.S_IMODE(info.st_mode) & ~_OTHERS & 0o7777 | (wanted & 0o700))
    except OSError as exc:  # someone else's file in our folder: say so in the log only
        log.warning("cannot make %s private: %s", path, exc)
        return False
    return True


def tighten_tree(roots: Iterable[Path]) -> list[Path]:
    """Tighten every directory and file under `roots` (symlinks are left alone, never
    followed); the paths that were readable by others, in order."""
    changed: list[Path] = []
    for root in roots:
        if not root.is_dir() or root.is_symlink():
            continue
        if tighten(root):
            changed.append(root)
        for folder, dirs, files in os.walk(root):
            for name in (*dirs, *files):
                path = Path(folder) / name
                if tighten(path):
                    changed.append(path)
    return changed


def tightened_notice(changed: list[Path]) -> str:
    """The one line that tells the merchant what `tighten_tree` changed."""
    log.info("made private: %s", ", ".join(str(p) for p in changed))
    # Said only when something changed: 1 is the only singular, in French and English
    # (formatting.plural sits above this module).
    if len(changed) == 1:
        text = _(
            "{n} fichier ou dossier de données était lisible par d'autres utilisateurs : il ne "
            "l'est plus (lecture par vous seul)."
        )
    else:
        text = _(
            "{n} fichiers ou dossiers de données étaient lisibles par d'autres utilisateurs : "
            "ils ne le sont plus (lecture par vous seul)."
        )
    return text.format(n=len(changed))
