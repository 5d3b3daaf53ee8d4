"""The text of a vCard file made readable (pure): its bytes decoded, its cards cut out
with the line each starts on, and each card's lines cleaned the way Android tolerates
them before vobject reads them (vcard.py). Nothing here knows what a card means."""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator


class CardError(ValueError):
    """A card that cannot be read; `line` is where it starts in the file, `code` what
    is wrong (unclosed | outside | empty | syntax), `reason` the parser's words."""

    def __init__(self, line: int, reason: str, code: str = "syntax") -> None:
        super().__init__(f"line {line}: {reason}")
        self.line, self.reason, self.code = line, reason, code


def looks_like_vcard(data: bytes) -> bool:
    head = data[:2048]
    if _utf16(head):
        head = head.decode(_utf16(head), errors="ignore").encode()
    return head.lstrip(b"\xef\xbb\xbf\r\n\t ").upper().startswith(b"BEGIN:VCARD")


def _utf16(data: bytes) -> str:
    """The UTF-16 of a file without its BOM ("" for any other file): every other byte
    of "BEGIN" is zero."""
    if data[1:2] == b"\x00" and data[:1] in (b"B", b"b"):
        return "utf-16-le"
    if data[:1] == b"\x00" and data[1:2] in (b"B", b"b"):
        return "utf-16-be"
    return ""


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16, else cp932 — not shift_jis: phones write
    ①, ㈱ and vendor characters that only cp932 knows."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if _utf16(data):
        return data.decode(_utf16(data), errors="replace")
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Some writers fold a long line inside a UTF-8 character (at 75 bytes): joined
    # again, the file is UTF-8. (Its folded lines no longer count in line numbers.)
    try:
        return re.sub(rb"\r?\n[ \t]", b"", data).decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Line by line: two address books pasted together may be one UTF-8, one cp932
    # (a cp932 character never holds a line-feed byte, so the split is safe).
    return "\n".join(_decode_line(line) for line in data.split(b"\n"))


_LINE_CHARSET = re.compile(rb"^[^:]*?;\s*CHARSET\s*=\s*\"?([\w.-]+)", re.I)


def _decode_line(line: bytes) -> str:
    """UTF-8, else the charset the line names (a 2.1 property's CHARSET=ISO-8859-1 in
    raw bytes), else cp932."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    found = _LINE_CHARSET.match(line)
    charset = _charset(found[1].decode("ascii")) if found else "cp932"
    return line.decode(charset, errors="replace")


_BEGIN = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.I)
_END = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.I)
_AGENT = re.compile(r"^(?:[\w-]+\.)?AGENT(?:;[^:]*)?:\s*$", re.I)


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """(line of BEGIN, the card's text made readable) for each card; text outside
    cards is ignored when blank, an error otherwise."""
    start, lines, nested = 0, [], 0
    # iOS 6 ended lines with CR CR LF: one line break, not a blank line that would end
    # a folded photo.
    for number, line in enumerate(re.split(r"\r*\n|\r", text), 1):
        if not lines:
            if _BEGIN.match(line):
                start, lines = number, [line]
            elif line.strip():
                raise CardError(number, "text outside a card (BEGIN:VCARD expected)", "outside")
            continue
        if _BEGIN.match(line) and not lines[-1].rstrip().endswith("="):
            # A 2.1 AGENT holds another person's card inside this one (Windows Mobile
            # writes it): skipped, as Android does. Any other BEGIN means the card
            # before it was never closed.
            if not nested and not _AGENT.match(lines[-1]):
                raise CardError(start, "the card has no END:VCARD", "unclosed")
            nested += 1
            continue
        if nested:
            nested -= 1 if _END.match(line) else 0
            continue
        lines.append(line)
        if _END.match(line):
            yield start, "\r\n".join(_readable(lines)) + "\r\n"
            lines = []
    if lines:
        raise CardError(start, "the card has no END:VCARD", "unclosed")


def _head(line: str) -> tuple[str, str, int] | None:
    """(NAME, ;params, where the value starts) of a property line: the name without
    its group, the colon found outside quoted parameter values; None for a line
    without one."""
    colon = line.find(":")
    if colon < 0:
        return None
    if '"' in line[:colon]:  # a quoted parameter value may hold a colon
        quoted, colon = False, -1
        for i, char in enumerate(line):
            if char == '"':
                quoted = not quoted
            elif char == ":" and not quoted:
                colon = i
                break
        if colon < 0:
            return None
    name, sep, params = line[:colon].partition(";")
    return name.rpartition(".")[2].strip().upper(), sep + params, colon + 1


_BINARY = re.compile(r";\s*(?:ENCODING\s*=\s*)?(?:B|BASE64)\s*(?:;|$)", re.I)
_QP = re.compile(r";\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(?=;|$)", re.I)
_CHARSET = re.compile(r';\s*CHARSET\s*=\s*"?([^;:"]*)"?', re.I)


def _readable(lines: list[str]) -> list[str]:
    """The card's lines as vobject can read them, the way Android tolerates them:
    a photo, logo or sound in base64 (never kept) is left out — in 2.1 its lines may
    not be indented; lines starting with "#" are comments; quoted-printable values
    are decoded here with their CHARSET, Shift_JIS read as cp932 (①, ㈱) and a broken
    byte replaced rather than losing the whole file."""
    out: list[str] = []
    heads: list[tuple[str, str, int] | None] = []  # of each line of `out`, found once
    qp: list[bool] = []
    skipping = False
    for line in lines:
        soft = bool(out) and qp[-1] and out[-1].endswith("=")
        continues = line[:1] in (" ", "\t") or soft
        if skipping:
            if continues or (line.strip() and ":" not in line):
                continue
            skipping = False
            if not line.strip():
                continue
        if continues and out:
            # A soft line break of quoted-printable, or a folded line.
            out[-1] = out[-1][:-1] + line if soft else out[-1] + line[1:]
            continue
        head = _head(line)
        if head is None and line.lstrip().startswith("#"):
            continue
        if head is not None and _BINARY.search(head[1] + ";"):
            skipping = True
            continue
        out.append(line)
        heads.append(head)
        qp.append(head is not None and _QP.search(head[1]) is not None)
    for i, head in enumerate(heads):
        if qp[i] and head is not None:
            out[i] = _decoded(out[i], head)
            head = _head(out[i])
        if head is not None:
            out[i] = _commas(out[i], head)
    return out


_LISTS = {"N", "CATEGORIES", "NICKNAME"}


def _commas(line: str, head: tuple[str, str, int]) -> str:
    """A comma in a value escaped where it is text: vobject cuts FN, NOTE and TITLE at
    the first bare comma ("Manager, Sales" → "Manager"), but 2.1 never escapes
    commas and many 3.0 writers do not either. N, CATEGORIES and NICKNAME keep their
    commas: there they separate values."""
    name, _params, start = head
    if name in _LISTS or "," not in line[start:]:
        return line
    return line[:start] + re.sub(r"(\\.)|,", lambda m: m[1] or "\\,", line[start:])


def _decoded(line: str, head: tuple[str, str, int]) -> str:
    """A quoted-printable property as a plain one (CHARSET and ENCODING removed)."""
    name_and_params, value = line[: head[2] - 1], line[head[2] :]
    found = _CHARSET.search(name_and_params)
    charset = _charset(found[1] if found else "utf-8")
    if not value.isascii():  # already text: the file itself was in that charset
        text = value
    else:
        text = quopri.decodestring(value.encode("ascii")).decode(charset, errors="replace")
    prefix = _CHARSET.sub("", _QP.sub("", name_and_params)) + ":"
    return prefix + re.sub(r"\r\n|\r|\n", r"\\n", text)


def _charset(name: str) -> str:
    key = name.strip().lower().replace("-", "_")
    if key in ("shift_jis", "sjis", "x_sjis", "shiftjis", "ms_kanji", "windows_31j", "cp932"):
        return "cp932"
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return "utf-8"
