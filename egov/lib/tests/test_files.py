"""Files recognised by their bytes, refused with a reason, named safely, stored at random."""

from __future__ import annotations

import io
import math
import struct
import zipfile
from collections.abc import Sequence

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from egov.lib.files import (
    DOC,
    DOCX,
    GIF,
    HWP,
    HWPX,
    JPEG,
    MAX_ATTACHMENT_BYTES,
    PDF,
    PNG,
    PPT,
    PPTX,
    WEBP,
    XLS,
    XLSX,
    FileKind,
    RandomPath,
    display_name,
    download_name,
    random_path,
    validate_attachment,
    validate_attachments,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN, FREE, FAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def ole_file(names: Sequence[str], *, sector_shift: int = 9, fat_in_difat: bool = False) -> bytes:
    """A minimal compound file (MS-CFB): one FAT sector, then the directory's sectors.

    With ``fat_in_difat`` the FAT sector is listed in a DIFAT sector rather than
    the header, as in files too big for the header's 109 slots.
    """
    sector_size = 1 << sector_shift
    entries = [("Root Entry", 5), *((name, 2) for name in names)]
    directory_sectors = math.ceil(len(entries) / (sector_size // 128))
    difat_sector = 1 + directory_sectors
    fat = [FAT_SECTOR]
    fat += [number + 2 for number in range(directory_sectors - 1)] + [END_OF_CHAIN]
    if fat_in_difat:
        fat.append(0xFFFFFFFC)  # the DIFAT sector itself
    fat += [FREE] * (sector_size // 4 - len(fat))

    header = bytearray(sector_size)
    header[:8] = OLE_MAGIC
    struct.pack_into(
        "<HHHHH", header, 0x18, 0x3E, 3 if sector_shift == 9 else 4, 0xFFFE, sector_shift, 6
    )
    struct.pack_into("<III", header, 0x2C, 1, 1, 0)  # one FAT sector; directory at sector 1
    struct.pack_into("<IIIII", header, 0x38, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
    header_difat = [FREE] * 109 if fat_in_difat else [0] + [FREE] * 108
    struct.pack_into("<109I", header, 0x4C, *header_difat)
    if fat_in_difat:
        struct.pack_into("<II", header, 0x44, difat_sector, 1)

    directory = b""
    for name, kind in entries:
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\0\0"
        entry[: len(encoded)] = encoded
        struct.pack_into("<H", entry, 0x40, len(encoded))
        entry[0x42] = kind
        directory += bytes(entry)
    directory = directory.ljust(directory_sectors * sector_size, b"\0")
    data = bytes(header) + struct.pack(f"<{sector_size // 4}I", *fat) + directory
    if fat_in_difat:
        slots = [0] + [FREE] * (sector_size // 4 - 2) + [END_OF_CHAIN]
        data += struct.pack(f"<{sector_size // 4}I", *slots)
    return data


def zip_file(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types/>'
ACCEPTED: list[tuple[str, bytes, FileKind]] = [
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", PDF),
    ("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", PNG),
    ("photo.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0", JPEG),
    ("anim.gif", b"GIF89a\x01\0\x01\0\0\0\0", GIF),
    ("photo.webp", b"RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0", WEBP),
    (
        "letter.docx",
        zip_file({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b""}),
        DOCX,
    ),
    ("sheet.xlsx", zip_file({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b""}), XLSX),
    (
        "slides.pptx",
        zip_file({"[Content_Types].xml": CONTENT_TYPES, "ppt/slides/1.xml": b""}),
        PPTX,
    ),
    (
        "민원.hwpx",
        zip_file({"mimetype": b"application/hwp+zip", "Contents/section0.xml": b""}),
        HWPX,
    ),
    ("old.doc", ole_file(["WordDocument", "1Table", "\x05SummaryInformation"]), DOC),
    ("old.xls", ole_file(["Workbook"]), XLS),
    ("old95.xls", ole_file(["Book"]), XLS),
    ("old.ppt", ole_file(["PowerPoint Document", "Current User"]), PPT),
    ("민원.hwp", ole_file(["FileHeader", "DocInfo", "BodyText", "\x05HwpSummaryInformation"]), HWP),
]


@pytest.mark.parametrize(("name", "content", "kind"), ACCEPTED, ids=[row[0] for row in ACCEPTED])
def test_it_recognises_every_accepted_type_by_its_bytes(
    name: str, content: bytes, kind: FileKind
) -> None:
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    assert validate_attachment(upload) == kind
    assert upload.tell() == 0  # left ready to be stored


def test_the_browsers_word_and_the_files_name_do_not_matter() -> None:
    png = SimpleUploadedFile("notes.txt", ACCEPTED[1][1], content_type="text/plain")
    assert validate_attachment(png) == PNG


def test_it_finds_a_stream_in_the_second_directory_sector() -> None:
    names = ["\x05SummaryInformation", "\x05DocumentSummaryInformation", "1Table", "WordDocument"]
    upload = SimpleUploadedFile("long.doc", ole_file(names))
    assert validate_attachment(upload) == DOC


def test_it_reads_files_with_4096_byte_sectors_and_a_difat_chain() -> None:
    assert (
        validate_attachment(SimpleUploadedFile("v4.xls", ole_file(["Workbook"], sector_shift=12)))
        == XLS
    )
    difat = SimpleUploadedFile("difat.ppt", ole_file(["PowerPoint Document"], fat_in_difat=True))
    assert validate_attachment(difat) == PPT


REFUSED: list[tuple[str, bytes]] = [
    ("invoice.pdf", b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"),  # a Windows program, renamed
    ("page.html", b"<!DOCTYPE html><script>alert(1)</script>"),
    ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
    ("archive.zip", zip_file({"readme.txt": b"hello"})),
    ("app.jar", zip_file({"META-INF/MANIFEST.MF": b"Main-Class: X"})),
    ("setup.doc", ole_file(["\x05SummaryInformation", "Binary.Icon"])),  # an installer-like OLE
    ("broken.doc", OLE_MAGIC + b"\0" * 100),
    ("fake.docx", b"PK\x03\x04 not really a zip"),
]


@pytest.mark.parametrize(("name", "content"), REFUSED, ids=[row[0] for row in REFUSED])
def test_it_refuses_anything_else_and_says_what_it_accepts(name: str, content: bytes) -> None:
    with pytest.raises(ValidationError) as error:
        validate_attachment(SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert error.value.code == "file_type"
    assert "Attach a PDF, an image" in error.value.messages[0]


def test_an_ole_directory_that_loops_is_refused() -> None:
    data = bytearray(ole_file(["WordDocument"]))
    # Point the directory sector's FAT entry at itself.
    struct.pack_into("<I", data, 512 + 4, 1)
    with pytest.raises(ValidationError):
        validate_attachment(SimpleUploadedFile("loop.doc", bytes(data)))


def test_a_file_over_10_mb_is_refused_with_its_size() -> None:
    big = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * MAX_ATTACHMENT_BYTES)
    with pytest.raises(ValidationError) as error:
        validate_attachment(big)
    assert error.value.code == "file_too_large"
    assert "10.0\xa0MB" in error.value.messages[0]


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError, match="is empty"):
        validate_attachment(SimpleUploadedFile("empty.pdf", b""))


def test_a_count_over_five_is_refused_before_any_file_is_read() -> None:
    unreadable = SimpleUploadedFile("never-read.pdf", b"")
    with pytest.raises(ValidationError, match="at most 5 files") as error:
        validate_attachments([unreadable], existing=5)
    assert error.value.code == "too_many_attachments"
    assert validate_attachments([], existing=5) == []


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("scan.pdf", "scan.pdf"),
        ("../../etc/내 사진.txt", "내 사진.txt"),
        ("C:\\Users\\kim\\민원.hwp", "민원.hwp"),
        ("  spaced out.pdf  ", "spaced out.pdf"),
        ("bell\x07and\u202enewline\n.pdf", "bellandnewline.pdf"),
        ("", "attachment"),
        (None, "attachment"),
        ("folder/", "attachment"),
        ("\x00\x01", "attachment"),
    ],
)
def test_a_shown_name_has_no_folders_and_no_control_characters(
    given: str | None, shown: str
) -> None:
    assert display_name(given) == shown


def test_a_shown_name_keeps_its_last_200_characters_and_so_its_extension() -> None:
    name = display_name("x" * 300 + ".pdf")
    assert len(name) == 200
    assert name.endswith("x.pdf")


def test_a_download_is_named_for_what_the_file_really_is() -> None:
    assert download_name("내 사진.txt", "png") == "내 사진.png"
    assert download_name("report", "pdf") == "report.pdf"
    assert download_name("archive.tar.gz", "pdf") == "archive.tar.pdf"
    assert download_name(".hidden", "pdf") == "attachment.pdf"


def test_a_random_path_keeps_nothing_of_the_files_name() -> None:
    upload_to = random_path("permits")
    first = upload_to(object(), "../../내 사진.exe")
    second = upload_to(object(), "../../내 사진.exe")
    assert first != second
    prefix, folder, name = first.split("/")
    assert prefix == "permits"
    assert len(name) == 32
    assert set(name) <= set("0123456789abcdef")
    assert folder == name[:2]


def test_a_random_path_can_be_written_into_a_migration() -> None:
    upload_to = random_path("complaints")
    assert upload_to.deconstruct() == ("egov.lib.files.RandomPath", ("complaints",), {})
    assert upload_to == RandomPath("complaints")
    assert upload_to != RandomPath("permits")


@pytest.mark.parametrize("prefix", ["", "a/b", "..", ".hidden"])
def test_a_random_path_prefix_is_one_plain_folder(prefix: str) -> None:
    with pytest.raises(ValueError, match="one folder name"):
        random_path(prefix)
