"""File attachments for every service: what a file really is, whether it may be kept, where.

A file is recognised by its bytes, never by its name or the browser's word for
it. ``validate_attachment`` is pure (it reads the file and returns what it is,
or raises ValidationError); a form calls it for a clear message next to the
field (``egov.lib.forms.AttachmentsField``), and the service's action calls it
again so that no other path stores a bad file.

What a person called the file is kept only to show it (``display_name``); the
file system sees a random name (``random_path``), and a download is offered
under the shown name with the extension of what the file really is
(``download_name``).
"""

from __future__ import annotations

import secrets
import struct
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
# The longest name shown for a file; a model keeps it in a CharField this long.
DISPLAY_NAME_MAX_LENGTH = 200
# What a file picker offers first (its ``accept``); the bytes decide what is accepted.
ACCEPTED_EXTENSIONS = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.hwp,.hwpx"


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str


PDF = FileKind("application/pdf", "pdf")
PNG = FileKind("image/png", "png")
JPEG = FileKind("image/jpeg", "jpg")
GIF = FileKind("image/gif", "gif")
WEBP = FileKind("image/webp", "webp")
DOCX = FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
PPTX = FileKind("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")
DOC = FileKind("application/msword", "doc")
XLS = FileKind("application/vnd.ms-excel", "xls")
PPT = FileKind("application/vnd.ms-powerpoint", "ppt")
HWP = FileKind("application/x-hwp", "hwp")
HWPX = FileKind("application/hwp+zip", "hwpx")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# Sector numbers at or above this mark the end of a chain or a special sector.
_OLE_LAST_REGULAR_SECTOR = 0xFFFFFFFA


def display_name(name: str | None) -> str:
    """The name to show: no folders, no control characters, at most 200 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    visible = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return visible[-DISPLAY_NAME_MAX_LENGTH:] or "attachment"


def download_name(shown_name: str, extension: str) -> str:
    """The shown name with the extension of what the file really is."""
    stem = shown_name.rsplit(".", 1)[0] or "attachment"
    return f"{stem}.{extension}"


class RandomPath:
    """An ``upload_to`` that stores every file under a random name below ``prefix``.

    ``FileField(upload_to=random_path("complaints"))`` keeps files at
    ``complaints/3f/3f9c...`` (32 hex digits, no extension): the name a person
    gave the file never reaches the file system.
    """

    def __init__(self, prefix: str) -> None:
        if not prefix or "/" in prefix or prefix.startswith("."):
            raise ValueError("a path prefix is one folder name")
        self.prefix = prefix

    def __call__(self, instance: object, filename: str) -> str:
        token = secrets.token_hex(16)
        return f"{self.prefix}/{token[:2]}/{token}"

    def deconstruct(self) -> tuple[str, tuple[str], dict[str, Any]]:
        """How a migration writes it: ``egov.lib.files.RandomPath("complaints")``."""
        return ("egov.lib.files.RandomPath", (self.prefix,), {})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomPath) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash((RandomPath, self.prefix))


def random_path(prefix: str) -> RandomPath:
    """The ``upload_to`` of a service's file field: random names below ``prefix``."""
    return RandomPath(prefix)


def validate_attachment_count(*, existing: int, adding: int) -> None:
    if existing + adding > MAX_ATTACHMENTS:
        raise ValidationError(
            _("You can attach at most %(max)d files.") % {"max": MAX_ATTACHMENTS},
            code="too_many_attachments",
        )


def validate_attachments(files: Sequence[File[Any]], *, existing: int = 0) -> list[FileKind]:
    """Check a whole upload: the count first, then every file."""
    validate_attachment_count(existing=existing, adding=len(files))
    return [validate_attachment(file) for file in files]


def validate_attachment(file: File[Any]) -> FileKind:
    """What the file really is, or a ValidationError saying why it cannot be accepted."""
    size = file.size or 0
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("%(name)s is %(size)s; a file can be at most %(max)s.")
            % {
                "name": file.name,
                "size": filesizeformat(size),
                "max": filesizeformat(MAX_ATTACHMENT_BYTES),
            },
            code="file_too_large",
        )
    if size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": file.name}, code="empty_file")
    file.seek(0)
    try:
        kind = sniff(file)
    finally:
        file.seek(0)
    if kind is None:
        raise ValidationError(
            _(
                "%(name)s is not a file type we accept. Attach a PDF, an image (PNG, JPEG, "
                "GIF, WEBP), a Word, Excel or PowerPoint document, or a Hangul (HWP, HWPX) "
                "document."
            )
            % {"name": file.name},
            code="file_type",
        )
    return kind


def sniff(stream: IO[Any] | File[Any]) -> FileKind | None:
    """Recognise an accepted type from the first bytes (and, for containers, the inside)."""
    head = stream.read(16)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(_ZIP_MAGIC):
        return _sniff_zip(stream)
    if head.startswith(_OLE_MAGIC):
        return _sniff_ole(stream)
    return None


def _sniff_zip(stream: IO[Any] | File[Any]) -> FileKind | None:
    """Office Open XML names its parts in [Content_Types].xml; HWPX says so in ``mimetype``.

    Only the archive's directory and one tiny member are read, never the whole
    archive, so a zip bomb costs nothing here. Other zips (jar, apk...) are refused.
    """
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if (
                "mimetype" in names
                and archive.getinfo("mimetype").file_size < 100
                and archive.read("mimetype").strip() == b"application/hwp+zip"
            ):
                return HWPX
            if "[Content_Types].xml" not in names:
                return None
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    if any(name.startswith("word/") for name in names):
        return DOCX
    if any(name.startswith("xl/") for name in names):
        return XLSX
    if any(name.startswith("ppt/") for name in names):
        return PPTX
    return None


def _sniff_ole(stream: IO[Any] | File[Any]) -> FileKind | None:
    """Tell a Word, Excel, PowerPoint or HWP 5 file from other OLE files by its streams.

    Installers (.msi) and other executables are OLE files too; only a file
    whose directory names the streams of an accepted format is accepted.
    """
    names = _ole_stream_names(stream)
    if names is None:
        return None
    if {"FileHeader", "DocInfo"} <= names:
        return HWP
    if "WordDocument" in names:
        return DOC
    if names & {"Workbook", "Book"}:
        return XLS
    if "PowerPoint Document" in names:
        return PPT
    return None


def _ole_stream_names(stream: IO[Any] | File[Any]) -> set[str] | None:
    """The names in an OLE compound file's directory (MS-CFB), or None if it is malformed."""
    stream.seek(0)
    header = stream.read(512)
    if len(header) < 512:
        return None
    sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
    if sector_shift not in (9, 12):
        return None
    sector_size = 1 << sector_shift
    stream.seek(0, 2)
    sector_count = stream.tell() // sector_size
    first_directory_sector = struct.unpack_from("<I", header, 0x30)[0]
    first_difat, difat_count = struct.unpack_from("<2I", header, 0x44)

    def read_sector(number: int) -> bytes | None:
        if number >= sector_count:
            return None
        stream.seek((number + 1) * sector_size)
        data: bytes = stream.read(sector_size)
        return data if len(data) == sector_size else None

    # The FAT's own sectors: 109 listed in the header, the rest in a DIFAT chain.
    fat_sectors = list(struct.unpack_from("<109I", header, 0x4C))
    next_difat = first_difat
    for _step in range(min(difat_count, sector_count)):
        if next_difat >= _OLE_LAST_REGULAR_SECTOR:
            break
        data = read_sector(next_difat)
        if data is None:
            return None
        entries = struct.unpack(f"<{sector_size // 4}I", data)
        fat_sectors.extend(entries[:-1])
        next_difat = entries[-1]
    fat_sectors = [sector for sector in fat_sectors if sector < _OLE_LAST_REGULAR_SECTOR]
    per_fat_sector = sector_size // 4

    def next_in_chain(number: int) -> int | None:
        index, offset = divmod(number, per_fat_sector)
        if index >= len(fat_sectors):
            return None
        data = read_sector(fat_sectors[index])
        if data is None:
            return None
        following: int = struct.unpack_from("<I", data, offset * 4)[0]
        return following

    names: set[str] = set()
    visited: set[int] = set()
    sector: int | None = first_directory_sector
    # A chain that loops or runs off the file is a malformed (or hostile) file.
    while sector is not None and sector < _OLE_LAST_REGULAR_SECTOR:
        if sector in visited or len(visited) > sector_count:
            return None
        visited.add(sector)
        data = read_sector(sector)
        if data is None:
            return None
        for offset in range(0, sector_size, 128):
            entry = data[offset : offset + 128]
            name_length = struct.unpack_from("<H", entry, 0x40)[0]
            entry_type = entry[0x42]
            # 1 = storage, 2 = stream, 5 = root; names are UTF-16 with a terminating NUL.
            if entry_type in (1, 2, 5) and 2 <= name_length <= 64:
                names.add(entry[: name_length - 2].decode("utf-16-le", errors="replace"))
        sector = next_in_chain(sector)
    return names
