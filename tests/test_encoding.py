from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from monitor.encoding import PRESCAN_BYTES, decode_html, lookup_codec

SITES = Path(__file__).parent / "sites"


def page(meta: str = "", body: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("utf-8", "utf-8"),
        ("UTF8", "utf-8"),
        ("unicode-1-1-utf-8", "utf-8"),
        (" gb2312 ", "gb18030"),
        ("GBK", "gb18030"),
        ("x-gbk", "gb18030"),
        ("gb_2312-80", "gb18030"),
        ("iso-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("'windows-1252'", "cp1252"),
        ("iso-8859-9", "cp1254"),
        ("tis-620", "cp874"),
        ("big5", "big5hkscs"),
        ("shift_jis", "cp932"),
        ("Shift-JIS", "cp932"),
        ("euc-kr", "cp949"),
        ("ks_c_5601-1987", "cp949"),
        ("utf-16", "utf-16-le"),
        ("iso-2022-kr", None),  # WHATWG "replacement": treated as no information
        ("x-user-defined", None),
        ("klingon", None),
        ("", None),
    ],
)
def test_labels_map_to_the_decoder_browsers_use(label: str, codec: str | None) -> None:
    assert lookup_codec(label) == codec


def test_every_codec_in_the_table_exists() -> None:
    labels = ["utf-8", "ibm866", "iso-8859-2", "iso-8859-16", "koi8-u", "macintosh", "x-mac-cyrillic",
              "windows-1258", "gb18030", "euc-jp", "iso-2022-jp", "utf-16be"]
    for label in labels:
        codec = lookup_codec(label)
        assert codec is not None, label
        codecs.lookup(codec)


def test_byte_order_mark_beats_header_and_meta() -> None:
    body = page('<meta charset="gb2312">', "Café — 中国").encode("utf-8")
    text = decode_html(codecs.BOM_UTF8 + body, "text/html; charset=iso-8859-1")
    assert "Café — 中国" in text
    assert not text.startswith("\ufeff")


def test_utf16_byte_order_mark() -> None:
    body = codecs.BOM_UTF16_LE + page(body="Kuala Lumpur — 吉隆坡").encode("utf-16-le")
    assert "Kuala Lumpur — 吉隆坡" in decode_html(body, None)


def test_http_charset_beats_meta() -> None:
    body = page('<meta charset="utf-8">', "Jérôme").encode("cp1252")
    assert "Jérôme" in decode_html(body, 'text/html; charset="ISO-8859-1"')


def test_unknown_http_label_falls_through_to_meta() -> None:
    body = page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "外交部").encode("gb2312")
    assert "外交部" in decode_html(body, "text/html; charset=bogus-charset")


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="gb2312">',
        "<meta charset=gb2312>",
        '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB2312">',
        "<meta content='text/html;charset=gb2312' http-equiv='content-type'>",
    ],
)
def test_meta_declarations(meta: str) -> None:
    assert "大使馆" in decode_html(page(meta, "大使馆").encode("gb2312"), "text/html")


def test_gb2312_label_with_characters_outside_gb2312() -> None:
    # 镕 and € are GBK-only; sites that declare gb2312 write them anyway and browsers cope.
    text = "朱镕基 €12 million"
    with pytest.raises(UnicodeEncodeError):
        text.encode("gb2312")
    body = page('<meta charset="gb2312">', text).encode("gb18030")
    assert text in decode_html(body, None)


def test_latin1_label_decodes_as_windows_1252() -> None:
    body = page('<meta charset="iso-8859-1">', "\u201cquoted\u201d").encode("cp1252")
    assert "\u201cquoted\u201d" in decode_html(body, None)


def test_utf16_in_meta_means_utf8() -> None:
    body = page('<meta charset="utf-16">', "Hà Nội").encode("utf-8")
    assert "Hà Nội" in decode_html(body, None)


def test_xml_declaration_is_read() -> None:
    body = '<?xml version="1.0" encoding="gb2312"?><rss><title>新闻</title></rss>'.encode("gb2312")
    assert "新闻" in decode_html(body, None)


def test_meta_beyond_the_prescan_window_is_ignored() -> None:
    late = page("<!--" + "x" * PRESCAN_BYTES + '--><meta charset="gb2312">', "plain ascii")
    assert decode_html(late.encode("ascii"), None) == late


def test_invalid_bytes_are_replaced_not_raised() -> None:
    body = page('<meta charset="utf-8">', "ok").encode("utf-8").replace(b"ok", b"o\xff\xfek")
    text = decode_html(body, None)
    assert "o\ufffd\ufffdk" in text


def test_undeclared_utf8_is_sniffed() -> None:
    assert "Nguyễn Phú Trọng" in decode_html(page(body="Nguyễn Phú Trọng").encode("utf-8"), None)


def test_utf8_cut_inside_a_character_is_still_utf8() -> None:
    cut = "<html><body><p>Phnom Penh — 金边".encode()[:-1]  # a size limit cut 边 in half
    assert "Phnom Penh — 金" in decode_html(cut, None)


def test_undeclared_legacy_bytes_are_sniffed() -> None:
    sentence = "Le ministre des Affaires étrangères a déclaré que la coopération régionale était essentielle. "
    text = decode_html(page(body=sentence * 20).encode("cp1252"), None)
    assert "Affaires étrangères a déclaré" in text


def test_undeclared_gbk_is_sniffed() -> None:
    sentence = "中国同印度尼西亚外长举行会谈，双方就双边关系和共同关心的国际地区问题交换意见。"
    text = decode_html(page(body=sentence * 10).encode("gb18030"), None)
    assert sentence in text


def test_embassy_fixture_declared_gb2312_decodes() -> None:
    expected = json.loads((SITES / "expected/embassy/t20210210_9866355.json").read_text(encoding="utf-8"))
    text = decode_html((SITES / expected["file"]).read_bytes(), expected["content_type"])
    assert "Ambassador João Pereira of Timor-Leste" in text
    assert "金镕" in text
    assert "€12 million" in text
    assert "\ufffd" not in text
