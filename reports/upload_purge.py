"""Deleting report files nobody will ever use (see `manage.py purge_report_uploads`, or a bulk job in the admin).

Two kinds, anywhere under REPORT_FILES_ROOT:
- files held for report drafts that were never sent (tmp/<draft>/...), older than `hours`;
- files with no Attachment row (the server died while saving a report, or a row was deleted without its file),
  older than `orphan_minutes`, so a report being saved right now keeps its files.

Files are looked up in the database 500 at a time (one short query each, no transaction held); `progress(done,
total)` is called after each group.
"""

import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .models import Attachment
from .uploads import TMP_FOLDER

BATCH = 500


class UnsafeRoot(ValueError):
    """REPORT_FILES_ROOT points somewhere that must never be purged."""


@dataclass
class PurgeResult:
    root: Path
    drafts: int = 0
    orphans: int = 0
    kept: int = 0


def files_root():
    root = Path(settings.REPORT_FILES_ROOT).resolve()
    if root == Path(root.anchor) or Path(settings.BASE_DIR).resolve().is_relative_to(root):
        raise UnsafeRoot(f"REPORT_FILES_ROOT is {root}; refusing to purge a folder that holds the site.")
    return root


def count_files(root):
    return sum(len(files) for _folder, _subfolders, files in os.walk(root))


def purge_uploads(hours=24, orphan_minutes=60, dry_run=False, say=None, progress=None):
    """Delete (or with dry_run only list) the unused files; returns a PurgeResult. `say(line)` gets one line
    per file."""
    root = files_root()
    result = PurgeResult(root)
    if not root.is_dir():
        return result
    total = count_files(root) if progress else 0
    now = time.time()
    draft_cutoff = now - hours * 3600
    orphan_cutoff = now - orphan_minutes * 60
    verb = "Would delete" if dry_run else "Deleted"
    done = 0
    for folder, _subfolders, files in os.walk(root, topdown=False):
        folder = Path(folder)
        relative_folder = folder.relative_to(root).as_posix()
        in_tmp = relative_folder == TMP_FOLDER or relative_folder.startswith(f"{TMP_FOLDER}/")
        for start in range(0, len(files), BATCH):
            names = files[start : start + BATCH]
            stored = {(folder / name).relative_to(root).as_posix(): folder / name for name in names}
            known = set() if in_tmp else set(Attachment.objects.filter(file__in=stored).values_list("file", flat=True))
            for name, path in stored.items():
                if name in known:
                    result.kept += 1
                    continue
                try:
                    modified = path.lstat().st_mtime
                except FileNotFoundError:
                    continue
                kind, cutoff = ("drafts", draft_cutoff) if in_tmp else ("orphans", orphan_cutoff)
                if modified >= cutoff:
                    result.kept += 1
                    continue
                reason = "unsent draft" if in_tmp else "no report points to it"
                if say:
                    say(f"{verb} {name} ({reason}, {(now - modified) / 3600:.1f} hours old)")
                if not dry_run:
                    path.unlink(missing_ok=True)
                setattr(result, kind, getattr(result, kind) + 1)
            done += len(names)
            if progress:
                progress(done, max(total, done))
        if folder != root and not dry_run and not any(folder.iterdir()):
            folder.rmdir()
    return result
