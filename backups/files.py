"""Copying a folder of files into a backup (and back), with the SHA-256 of every file."""

import hashlib
import os
import shutil
from pathlib import Path

CHUNK = 1024 * 1024


def copy_with_checksum(source, destination):
    """Copy one file, returning (size, sha256 of what was copied)."""
    digest = hashlib.sha256()
    size = 0
    destination.parent.mkdir(parents=True, exist_ok=True)
    with open(source, "rb") as reading, open(destination, "wb") as writing:
        while chunk := reading.read(CHUNK):
            digest.update(chunk)
            writing.write(chunk)
            size += len(chunk)
    shutil.copystat(source, destination)
    return size, digest.hexdigest()


def checksum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as reading:
        while chunk := reading.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def files_under(folder):
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def copy_folder(source, destination, progress=None):
    """Copy every file under `source` to `destination`: [{"path", "size", "sha256"}], paths relative to both."""
    source, destination = Path(source), Path(destination)
    paths = files_under(source)
    copied = []
    for number, path in enumerate(paths, start=1):
        relative = path.relative_to(source)
        size, sha256 = copy_with_checksum(path, destination / relative)
        copied.append({"path": relative.as_posix(), "size": size, "sha256": sha256})
        if progress:
            progress(number, len(paths))
    return copied


def is_empty(folder):
    folder = Path(folder)
    return not folder.exists() or not any(folder.iterdir())


def make_private(folder):
    """Report files: readable by the site's own account only (as reports/storage.py writes them)."""
    for root, _directories, files in os.walk(folder):
        os.chmod(root, 0o700)
        for name in files:
            os.chmod(os.path.join(root, name), 0o600)
