"""The manifest of a backup (manifest.json): written last, so a directory without one is not a finished backup."""

import json
from pathlib import Path

from .files import checksum

NAME = "manifest.json"
FORMAT = 1


class BackupProblem(Exception):
    """The backup directory cannot be restored as it is (missing, incomplete, changed since it was written)."""


def write(directory, manifest):
    path = Path(directory) / NAME
    path.write_text(json.dumps({"format": FORMAT, **manifest}, indent=2, sort_keys=True) + "\n")
    return path


def read(directory):
    path = Path(directory) / NAME
    if not path.is_file():
        raise BackupProblem(f"{directory} holds no {NAME}: it is not a backup, or the backup did not finish.")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupProblem(f"{path} is in format {manifest.get('format')!r}; this site reads format {FORMAT}.")
    return manifest


def verify(directory, manifest, progress=None):
    """Check the dump and every file against the manifest before anything is restored."""
    directory = Path(directory)
    expected = [(manifest["database"]["file"], manifest["database"]["sha256"])]
    for folder, files in manifest["files"].items():
        expected += [(f"files/{folder}/{entry['path']}", entry["sha256"]) for entry in files]
    problems = []
    for number, (relative, sha256) in enumerate(expected, start=1):
        path = directory / relative
        if not path.is_file():
            problems.append(f"{relative} is missing")
        elif checksum(path) != sha256:
            problems.append(f"{relative} has changed (its checksum differs)")
        if progress:
            progress(number, len(expected))
    if problems:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise BackupProblem(f"The backup in {directory} is damaged: {shown}.")
