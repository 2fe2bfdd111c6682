"""Content-addressed store of raw bytes: `<root>/<sha[:2]>/<sha>.<ext>`; versions are just other hashes."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "txt": ".txt"}


class RawStore:
    """Files named by the sha256 of their bytes, written atomically, never overwritten."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def ensure_stored(self, data: bytes, fmt: str | None = None) -> tuple[str, Path]:
        """Store bytes if they are not there yet; return their sha256 and path."""
        sha = hashlib.sha256(data).hexdigest()
        existing = self.path_for(sha)
        if existing is not None:
            return sha, existing
        path = self.root / sha[:2] / (sha + EXTENSIONS.get(fmt or "", ".bin"))
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so an interrupted harvest never leaves a half file under a valid hash.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha, path

    def path_for(self, sha: str) -> Path | None:
        """The stored file with this sha256, whatever its extension, or None."""
        folder = self.root / sha[:2]
        if not folder.is_dir():
            return None
        for candidate in folder.glob(sha + "*"):
            if candidate.name == sha or candidate.name.startswith(sha + "."):
                return candidate
        return None

    def read(self, sha: str) -> bytes | None:
        """The bytes stored under this sha256, or None."""
        path = self.path_for(sha)
        return path.read_bytes() if path else None
