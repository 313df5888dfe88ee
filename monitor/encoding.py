"""Turn fetched bytes into text the way a browser would.

Order of evidence, as in the WHATWG Encoding Standard and HTML's "determine the
character encoding": a byte-order mark, then the HTTP ``charset``, then a
``<meta>`` (or XML) declaration near the top, then a sniff. Labels are mapped to
the decoders browsers really use, which are supersets of what pages declare:
a page labelled gb2312 is decoded as gb18030, latin1 as windows-1252, because
that is what the author's browser showed them. Decoding never raises.
"""

from __future__ import annotations

import codecs
import re

# Browsers look at the first 1024 bytes; many official sites put a long <title>
# or inline styles first, so look a little further.
PRESCAN_BYTES = 4096

# charset_normalizer is slow on large inputs and a sample says as much.
SNIFF_BYTES = 64 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG label -> Python codec. Labels for the "replacement" encoding
# (iso-2022-kr, hz-gb-2312, ...) and x-user-defined are deliberately absent:
# an unknown label falls through to the next source of evidence.
_LABELS: dict[str, tuple[str, ...]] = {
    "utf-8": ("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"),
    "cp866": ("866", "cp866", "csibm866", "ibm866"),
    "iso8859-2": ("csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
                  "iso_8859-2:1987", "l2", "latin2"),
    "iso8859-3": ("csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3",
                  "iso_8859-3:1988", "l3", "latin3"),
    "iso8859-4": ("csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4",
                  "iso_8859-4:1988", "l4", "latin4"),
    "iso8859-5": ("csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595",
                  "iso_8859-5", "iso_8859-5:1988"),
    "iso8859-6": ("arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114",
                  "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596",
                  "iso_8859-6", "iso_8859-6:1987"),
    "iso8859-7": ("csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126",
                  "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"),
    "iso8859-8": ("csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138",
                  "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual", "csiso88598i",
                  "iso-8859-8-i", "logical"),
    "iso8859-10": ("csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"),
    "iso8859-13": ("iso-8859-13", "iso8859-13", "iso885913"),
    "iso8859-14": ("iso-8859-14", "iso8859-14", "iso885914"),
    "iso8859-15": ("csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"),
    "iso8859-16": ("iso-8859-16",),
    "koi8-r": ("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"),
    "koi8-u": ("koi8-ru", "koi8-u"),
    "mac-roman": ("csmacintosh", "mac", "macintosh", "x-mac-roman"),
    "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    "cp1250": ("cp1250", "windows-1250", "x-cp1250"),
    "cp1251": ("cp1251", "windows-1251", "x-cp1251"),
    "cp1252": ("ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
               "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
               "us-ascii", "windows-1252", "x-cp1252"),
    "cp1253": ("cp1253", "windows-1253", "x-cp1253"),
    "cp1254": ("cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9",
               "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"),
    "cp1255": ("cp1255", "windows-1255", "x-cp1255"),
    "cp1256": ("cp1256", "windows-1256", "x-cp1256"),
    "cp1257": ("cp1257", "windows-1257", "x-cp1257"),
    "cp1258": ("cp1258", "windows-1258", "x-cp1258"),
    "mac-cyrillic": ("x-mac-cyrillic", "x-mac-ukrainian"),
    # WHATWG decodes every GBK label with the gb18030 decoder: pages labelled
    # gb2312 routinely contain GBK-only characters (镕, €).
    "gb18030": ("chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
                "iso-ir-58", "x-gbk", "gb18030", "cp936"),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "euc-jp": ("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"),
    "iso2022-jp": ("csiso2022jp", "iso-2022-jp"),
    "cp932": ("csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"),
    "cp949": ("cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
              "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"),
    "utf-16-be": ("unicodefffe", "utf-16be"),
    "utf-16-le": ("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"),
}
_CODEC_BY_LABEL: dict[str, str] = {label: codec for codec, labels in _LABELS.items() for label in labels}

_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';,\s]+)""", re.IGNORECASE)
_META = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def decode_html(content: bytes, content_type: str | None) -> str:
    """Decode an HTML or XML body as a browser would; undecodable bytes become U+FFFD."""
    for bom, codec in _BOMS:
        if content.startswith(bom):
            return content[len(bom):].decode(codec, errors="replace")
    codec = (
        _charset_from_header(content_type)
        or _charset_from_markup(content[:PRESCAN_BYTES])
        or _sniff_charset(content)
    )
    return content.decode(codec, errors="replace")


def lookup_codec(label: str) -> str | None:
    """The Python codec a browser would use for an encoding label, or None for an unknown label."""
    key = label.strip().strip("\"'").strip().lower()
    return _CODEC_BY_LABEL.get(key) or _CODEC_BY_LABEL.get(key.replace("_", "-"))


def _charset_from_header(content_type: str | None) -> str | None:
    match = _HTTP_CHARSET.search(content_type or "")
    return lookup_codec(match.group(1)) if match else None


def _charset_from_markup(head: bytes) -> str | None:
    declaration = _XML_DECLARATION.match(head)
    if declaration:
        codec = lookup_codec(declaration.group(1).decode("ascii", errors="replace"))
        if codec:
            return codec
    for meta in _META.finditer(head):
        match = _META_CHARSET.search(meta.group(0))
        if match is None:
            continue
        codec = lookup_codec(match.group(1).decode("ascii", errors="replace"))
        if codec:
            # A declaration we could read as ASCII cannot be UTF-16 (HTML spec: use UTF-8).
            return "utf-8" if codec.startswith("utf-16") else codec
    return None


def _sniff_charset(content: bytes) -> str:
    if _is_utf8(content):
        return "utf-8"
    guessed = _guess_with_charset_normalizer(content[:SNIFF_BYTES])
    return guessed or "cp1252"


def _is_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as error:
        # A body cut by a size limit may end inside a multi-byte character.
        return error.reason == "unexpected end of data" and error.start >= len(content) - 3
    return True


def _guess_with_charset_normalizer(sample: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # comes with trafilatura; decoding must work without it
        return None
    matches = list(from_bytes(sample))
    if not matches:
        return None
    best = matches[0]
    tied = [m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    # Western text often fits cp1250 as well as cp1252; browsers' default for it is cp1252.
    name = "cp1252" if "cp1252" in tied else best.encoding
    # Prefer the browser's superset (gb2312 -> gb18030); else trust Python's codec name.
    return lookup_codec(name) or _known_codec(name)


def _known_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
