"""Reading transcript files: size and binary checks, encoding detection, text repair.

Everything a parser needs before it looks at the words: bytes become one normalised `str`
(LF line endings, no-break spaces as plain spaces, mojibake repaired, control characters
dropped). Bad input raises `InputError` with a one-line message.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from search_index.controls import without_controls
from search_index.errors import InputError

#: Files larger than this are refused rather than read into memory.
MAX_BYTES = 256 * 1024 * 1024
#: How much of a file encoding detection looks at.
_DETECT_BYTES = 512 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document: export or copy its text first"),
    (b"PK\x03\x04", "a ZIP archive or Office document: export its text first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document: export its text first"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Encodings charset-normalizer may choose between when a file is not UTF-8.
_CANDIDATES = ["cp1252", "gb18030", "big5", "shift_jis", "euc_kr", "cp1251", "iso8859_15"]
_CJK = {"gb18030", "gb2312", "gbk", "big5", "shift_jis", "cp932", "euc_kr", "euc_jp", "cp949"}

# UTF-8 text that was decoded as cp1252/latin-1 somewhere on its way ("â€œ", "Ã©", "Â ").
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00e2\u00c5][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)
_HAN = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]")
_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Normalised text and the encoding it was read in."""

    text: str
    encoding: str
    repaired: bool = False


def read_text(path: Path | str) -> DecodedText:
    """Read a transcript file from disk and decode it; raises `InputError` for bad input."""
    return decode_bytes(read_file(path), name=str(path))


def read_file(path: Path | str) -> bytes:
    """The bytes of a transcript file; `InputError` for anything but a readable regular file.

    Named pipes, devices and sockets are refused before they are opened (reading one may
    block forever or never end). The size limit is checked on the opened file (fstat) and
    no more than the limit is ever read, so a file that grows meanwhile is refused too.
    """
    path = Path(path)
    try:
        _require_regular_file(path, os.stat(path).st_mode)
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        missing = "a broken symbolic link" if os.path.islink(path) else "no such file"
        raise InputError(f"{path}: {missing}") from None
    except OSError as error:
        raise InputError(f"{path}: {unreadable_reason(error)}") from error
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        _require_regular_file(path, status.st_mode)
        _check_size(status.st_size, str(path))
        try:
            data = stream.read(MAX_BYTES + 1)
        except OSError as error:
            raise InputError(f"{path}: {unreadable_reason(error)}") from error
    _check_size(len(data), str(path))
    return data


def read_stream(stream: BinaryIO, name: str = "<stdin>") -> bytes:
    """Everything on `stream` (standard input), refusing more than the size limit."""
    data = stream.read(MAX_BYTES + 1)
    _check_size(len(data), name)
    return data


#: Opening never waits for a writer (a named pipe) nor takes a terminal as controlling one.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)

_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def special_file_reason(mode: int) -> str | None:
    """Why a file of this mode is never read (a pipe, a device...); None for a regular file
    or a folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    what = next((name for test, name in _SPECIAL_FILES if test(mode)), "a special file")
    return f"not a regular file ({what}); only files are read"


def _require_regular_file(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a folder, not a transcript file")
    reason = special_file_reason(mode)
    if reason is not None:
        raise InputError(f"{path}: {reason}")


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise InputError(
            f"{name}: too large ({size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB)"
        )


def unreadable_reason(error: OSError) -> str:
    """Why a file could not be opened or read, in a few words."""
    if error.errno == errno.ELOOP:
        return "a symbolic link loop"
    if isinstance(error, PermissionError):
        return "cannot be read (permission denied)"
    return f"cannot be read ({error.strerror or error})"


def decode_bytes(data: bytes, name: str = "<input>") -> DecodedText:
    """Decode raw bytes (UTF-8/16/32, cp1252, GB18030 and more) into normalised text."""
    _check_size(len(data), name)
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    text, encoding = _decode(data, name)
    text, repaired = _normalise(text)
    if not text.strip():
        raise InputError(f"{name}: the file holds no text")
    _reject_garbage(text, name)
    return DecodedText(text=text, encoding=encoding, repaired=repaired)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise InputError(
                    f"{name}: starts with a {encoding} mark but is not {encoding} text"
                ) from error
    head = data[:_DETECT_BYTES]
    utf16 = _utf16_without_bom(head)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: not a text file ({what})")
    if b"\x00" in head:
        raise InputError(f"{name}: not a text file (binary data)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    legacy = _guess_legacy_encoding(head)
    if legacy is None:
        raise InputError(
            f"{name}: cannot tell the text encoding (tried UTF-8, UTF-16, cp1252, GB18030)"
        )
    try:
        return data.decode(legacy), legacy
    except UnicodeDecodeError:
        # The head decoded cleanly but a later part does not: keep the text, mark the damage.
        return data.decode(legacy, errors="replace"), legacy


def _utf16_without_bom(head: bytes) -> str | None:
    """utf-16-le/-be when the zero bytes fall on one parity, as in mostly-ASCII UTF-16."""
    sample = head[: 64 * 1024]
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    even_zeros = even.count(0) / len(even)
    odd_zeros = odd.count(0) / len(odd)
    if odd_zeros > 0.3 and even_zeros < 0.02:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.02:
        return "utf-16-be"
    return None


def _guess_legacy_encoding(head: bytes) -> str | None:
    """Choose between legacy encodings for bytes that are not UTF-8."""
    # Cut at a line end so that a multi-byte character is not split.
    cut = head.rfind(b"\n")
    sample = head[: cut + 1] if 0 < cut < len(head) - 1 else head
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=_CANDIDATES).best()
    guess = best.encoding if best is not None else None
    if guess in _CJK and _decodes(sample, guess):
        # Short Chinese passages in GB encodings are also valid EUC-KR: keep Korean only
        # when the bytes read as more Hangul than they read as Chinese characters in GB18030.
        if guess in {"euc_kr", "cp949"} and _decodes(sample, "gb18030"):
            hangul = len(_HANGUL.findall(sample.decode(guess)))
            if len(_HAN.findall(sample.decode("gb18030"))) > hangul:
                return "gb18030"
        return guess
    # Mostly-ASCII text with a few high bytes fools statistical detection: decide by shape.
    # Double-byte CJK text read as cp1252 gives runs of accented letters; real cp1252 text
    # has isolated high characters (é, –, “ ”).
    if _decodes(sample, "gb18030") and _looks_double_byte(sample):
        return "gb18030"
    if _decodes(sample, "cp1252"):
        return "cp1252"
    return guess


def _decodes(data: bytes, encoding: str | None) -> bool:
    if encoding is None:
        return False
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _looks_double_byte(data: bytes) -> bool:
    """True when most high bytes pair up as lead and trail bytes of a CJK double-byte code."""
    high = paired = 0
    i, end = 0, len(data)
    while i < end:
        byte = data[i]
        if byte < 0x80:
            i += 1
            continue
        trail = data[i + 1] if i + 1 < end else 0
        # GB2312 characters have both bytes in 0xA1–0xFE; an accented letter before an
        # ASCII letter ("ï" in "naïve") is not a pair.
        if 0xA1 <= byte <= 0xFE and 0xA1 <= trail <= 0xFE:
            high += 2
            paired += 2
            i += 2
            continue
        high += 1
        i += 1
    return high > 0 and paired / high >= 0.5


def _normalise(text: str) -> tuple[str, bool]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    repaired = False
    # Mojibake, odd spaces and invisible characters are all outside ASCII: plain ASCII text
    # (most English transcripts) is not searched for them, character by character.
    if not text.isascii():
        if _MOJIBAKE.search(text):
            text = _repair_mojibake(text)
            repaired = True
        text = _SPACES.sub(" ", text)
        text = _INVISIBLE.sub("", text)
    text = text.replace("\t", " ").replace("\f", "\n").replace("\v", "\n")
    text = without_controls(text)
    return unicodedata.normalize("NFC", text), repaired


def _repair_mojibake(text: str) -> str:
    """Fix mojibake line by line, touching only the lines that show it (ftfy is slow)."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_character_width=False,
        fix_line_breaks=False,
        normalization="NFC",
        explain=False,
    )
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _MOJIBAKE.search(line):
            lines[i] = ftfy.fix_text(line, config)
    return "\n".join(lines)


def _reject_garbage(text: str, name: str) -> None:
    sample = text[:_DETECT_BYTES]
    # Every ASCII character is assigned, none private or a surrogate: only the others are
    # looked up (one by one they took most of the time of reading an English transcript).
    bad = sample.count("\ufffd") + sum(
        1 for ch in _NON_ASCII.findall(sample) if unicodedata.category(ch) in {"Co", "Cn", "Cs"}
    )
    if bad / max(len(sample), 1) > 0.02:
        raise InputError(f"{name}: not readable text (undecodable bytes)")
