"""Where an archive lives: a directory, or a zip file of the same tree (when the path ends in
".zip"). Writers build the archive beside its final place and move it there only when it is
complete, so a failed export leaves nothing behind; readers open members by name."""

import hashlib
import io
import secrets
import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol

from transfer.portable.layout import ArchiveError, safe_name

CHUNK = 1024 * 1024
# Fixed member times make two zips of the same archive identical byte for byte.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class HashingWriter(io.RawIOBase):
    """A binary stream that passes writes on and keeps their SHA-256 and byte count."""

    def __init__(self, target: BinaryIO) -> None:
        self.target, self.digest, self.size = target, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        self.target.write(data)
        self.digest.update(data)
        self.size += len(data)
        return len(data)

    @property
    def sha256(self) -> str:
        return self.digest.hexdigest()


def staging_path(path: Path) -> Path:
    """A hidden sibling of `path` to build the archive in (made with the usual permissions)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")


class Writer(Protocol):
    def open(self, name: str, *, compress: bool = True) -> BinaryIO: ...
    def finish(self) -> None: ...
    def abort(self) -> None: ...


class DirectoryWriter:
    def __init__(self, path: Path) -> None:
        if path.exists():
            raise ArchiveError(f"{path} already exists; choose a new directory.")
        self.path = path
        self.staging = staging_path(path)
        self.staging.mkdir()

    def open(self, name: str, *, compress: bool = True) -> BinaryIO:
        target = self.staging / safe_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target.open("wb")

    def finish(self) -> None:
        self.staging.rename(self.path)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


class ZipWriter:
    def __init__(self, path: Path) -> None:
        if path.exists():
            raise ArchiveError(f"{path} already exists; choose a new file name.")
        self.path = path
        self.staging = staging_path(path)
        self.zip = zipfile.ZipFile(self.staging, "x", allowZip64=True)

    def open(self, name: str, *, compress: bool = True) -> BinaryIO:
        info = zipfile.ZipInfo(safe_name(name), date_time=ZIP_TIME)
        # Images are compressed already; JSON Lines shrink about tenfold.
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        return self.zip.open(info, "w", force_zip64=True)  # type: ignore[return-value]

    def finish(self) -> None:
        self.zip.close()
        self.staging.rename(self.path)

    def abort(self) -> None:
        self.zip.close()
        self.staging.unlink(missing_ok=True)


def writer(path: Path) -> Writer:
    if not path.parent.is_dir():
        raise ArchiveError(f"{path.parent} is not a directory.")
    return ZipWriter(path) if path.suffix.lower() == ".zip" else DirectoryWriter(path)


class Reader(Protocol):
    def open(self, name: str) -> BinaryIO: ...
    def close(self) -> None: ...


class DirectoryReader:
    def __init__(self, path: Path) -> None:
        self.path = path

    def open(self, name: str) -> BinaryIO:
        try:
            return (self.path / safe_name(name)).open("rb")
        except FileNotFoundError:
            raise ArchiveError(f"The archive has no file {name}.") from None

    def close(self) -> None:
        pass


class ZipReader:
    def __init__(self, path: Path) -> None:
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise ArchiveError(f"{path} is not a readable zip file.") from None

    def open(self, name: str) -> BinaryIO:
        try:
            return self.zip.open(safe_name(name))  # type: ignore[return-value]
        except KeyError:
            raise ArchiveError(f"The archive has no file {name}.") from None

    def close(self) -> None:
        self.zip.close()


@contextmanager
def reader(path: Path) -> Iterator[Reader]:
    if path.is_dir():
        opened: Reader = DirectoryReader(path)
    elif path.is_file():
        opened = ZipReader(path)
    else:
        raise ArchiveError(f"There is no archive at {path}.")
    try:
        yield opened
    finally:
        opened.close()
