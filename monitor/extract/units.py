"""Units of a figure: ISO 4217 currency codes, "percent", or a counted noun in the singular."""

from __future__ import annotations

import re

from monitor.extract.lexicon import IRREGULAR_PLURALS, NOT_PLURAL, gate_lower

_SYMBOLS = {
    "us$": "USD", "u.s.$": "USD", "$": "USD", "s$": "SGD", "a$": "AUD", "au$": "AUD", "hk$": "HKD",
    "nz$": "NZD", "c$": "CAD", "ca$": "CAD", "nt$": "TWD", "r$": "BRL", "€": "EUR", "£": "GBP",
    "₹": "INR", "₱": "PHP", "฿": "THB", "₩": "KRW", "₫": "VND", "₽": "RUB", "₺": "TRY", "rp": "IDR",
    "rp.": "IDR", "rm": "MYR", "rs": "INR", "rs.": "INR", "rmb": "CNY", "¥": "JPY", "ksh": "KES", "kshs": "KES",
    "ksh.": "KES", "gh¢": "GHS", "gh₵": "GHS", "₵": "GHS", "₦": "NGN", "r": "ZAR",
    "qr": "QAR", "sr": "SAR", "tk": "BDT", "tk.": "BDT", "৳": "BDT", "s/": "PEN", "s/.": "PEN", "dh": "AED",
    "dhs": "AED", "e£": "EGP", "₸": "KZT", "₴": "UAH", "₪": "ILS",
}
CODES = frozenset("""
USD EUR GBP JPY CNY SGD IDR MYR THB VND PHP KRW INR AUD NZD CAD HKD TWD CHF AED SAR QAR KWD BHD OMR
RUB TRY BRL MXN ZAR EGP PKR BDT LKR NGN KES TZS UGX ETB NOK SEK DKK PLN CZK HUF RON KZT MMK KHR LAK
BND FJD PGK ILS JOD MAD ARS CLP COP PEN GHS ZMW UZS TND DZD XOF XAF UAH AZN GEL AMD KGS TJS TMT MNT BYN
MDL RSD BAM MKD ISK IRR IQD LBP AFN NPR MVR MUR MWK MZN AOA BWP RWF SDG DJF GMD GNF LRD CDF XPF VUV WST SBD
BOB PYG UYU CRC GTQ HNL NIO PAB DOP JMD TTD LYD MGA
""".split())
_PREFIX = re.compile(
    r"(US\$|U\.S\.\s?\$|S\$|A\$|AU\$|HK\$|NZ\$|C\$|CA\$|NT\$|R\$|\$|€|£|¥|₹|₱|฿|₩|₫|₽|₺|Rp\.?|RM|Rs\.?|KShs?\.?"
    r"|RMB|GH¢|GH₵|₵|₦|(?<![\w$.])R|QR|SR|Tk\.?|৳|S/\.?|Dhs?|E£|₸|₴|₪|(?<![A-Za-z])[A-Z]{3})\s?$"
)
_DOLLAR_OWNERS = {
    "us": "USD", "u.s.": "USD", "american": "USD", "singapore": "SGD", "australian": "AUD",
    "hong kong": "HKD", "new zealand": "NZD", "canadian": "CAD", "taiwan": "TWD", "brunei": "BND",
    "fiji": "FJD", "namibian": "NAD",
}
# whose dollar a bare "$" is in a release from that country
_COUNTRY_DOLLARS = {"canada": "CAD", "australia": "AUD", "new zealand": "NZD", "singapore": "SGD", "hong kong": "HKD",
                    "taiwan": "TWD", "fiji": "FJD", "brunei": "BND", "brunei darussalam": "BND"}
_DOLLAR_CODES = frozenset("USD SGD AUD HKD NZD CAD TWD BND FJD NAD".split())
# A statement-wide note on what "$" means: "All figures are in Australian dollars unless otherwise
# stated", "$ refers to Singapore dollars", "Unless otherwise indicated, amounts are in NZD".
_DECLARED_DOLLAR = re.compile(
    r"(?:\ball\s+(?:dollar\s+)?(?:figures|amounts|sums|values|prices|numbers)\b"
    r"|\bunless\s+otherwise\s+(?:stated|specified|indicated|noted)\b|\$\s?(?:refers?\s+to|denotes|means)\b)"
    r"[^.\n]{0,40}?\b(?:(" + "|".join(re.escape(owner) for owner in _DOLLAR_OWNERS) + r")\s+dollars?\b"
    r"|(" + "|".join(sorted(_DOLLAR_CODES)) + r")\b)",
    re.IGNORECASE,
)
# What any such note must contain, loosened to a case-sensitive pattern for lowercased text that
# starts with plain letters: the engine scans for those, many times faster than for _DECLARED_DOLLAR.
_DECLARED_HINT = re.compile(r"all\s+(?:dollar\s+)?(?:figures|amounts|sums|values|prices|numbers)"
                            r"|unless\s+otherwise|\$\s?(?:refers?|denotes|means)")
_WORD_CURRENCIES = {
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "yen": "JPY", "euro": "EUR", "euros": "EUR",
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "rupiah": "IDR", "ringgit": "MYR", "baht": "THB",
    "won": "KRW", "peso": "PHP", "pesos": "PHP", "dong": "VND", "rupee": "INR", "rupees": "INR",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "franc": "CHF", "francs": "CHF",
    "dirham": "AED", "dirhams": "AED", "riyal": "SAR", "riyals": "SAR", "lira": "TRY", "rand": "ZAR",
    "reais": "BRL", "real": "BRL", "taka": "BDT", "naira": "NGN", "kip": "LAK", "riel": "KHR", "shillings": "KES",
    "shilling": "KES", "rial": "OMR", "rials": "OMR",
    "kyat": "MMK", "cedi": "GHS", "cedis": "GHS", "kwacha": "ZMW", "birr": "ETB", "zloty": "PLN", "tenge": "KZT",
    "manat": "AZN", "soum": "UZS", "soums": "UZS", "lari": "GEL", "dram": "AMD", "somoni": "TJS",
    "tugrik": "MNT", "hryvnia": "UAH", "hryvnias": "UAH", "forint": "HUF", "koruna": "CZK",
    "krone": "NOK", "kroner": "NOK", "kronor": "SEK", "krona": "SEK", "kronur": "ISK",
}
# whose peso, rupee, riyal…: "Mexican pesos" are MXN, "Philippine pesos" PHP
_OWNED_CURRENCIES = {
    ("mexican", "peso"): "MXN", ("philippine", "peso"): "PHP", ("argentine", "peso"): "ARS",
    ("chilean", "peso"): "CLP", ("colombian", "peso"): "COP", ("kenyan", "shilling"): "KES",
    ("tanzanian", "shilling"): "TZS", ("ugandan", "shilling"): "UGX", ("indian", "rupee"): "INR",
    ("pakistani", "rupee"): "PKR", ("sri lankan", "rupee"): "LKR", ("saudi", "riyal"): "SAR",
    ("qatari", "riyal"): "QAR", ("omani", "rial"): "OMR", ("turkish", "lira"): "TRY", ("emirati", "dirham"): "AED",
    ("uae", "dirham"): "AED", ("moroccan", "dirham"): "MAD", ("south african", "rand"): "ZAR",
    ("korean", "won"): "KRW", ("japanese", "yen"): "JPY", ("chinese", "yuan"): "CNY", ("brazilian", "real"): "BRL",
    ("egyptian", "pound"): "EGP", ("nigerian", "naira"): "NGN", ("norwegian", "krone"): "NOK",
    ("norwegian", "kroner"): "NOK", ("danish", "krone"): "DKK", ("danish", "kroner"): "DKK",
    ("swedish", "krona"): "SEK", ("swedish", "kronor"): "SEK", ("cfa", "franc"): "XOF",
}
_SUFFIX = re.compile(
    r"\s?(?:(US|U\.S\.|American|Singapore|Australian|Hong Kong|New Zealand|Canadian|Taiwan|Brunei|Fiji"
    r"|Namibian|Mexican|Philippine|Argentine|Chilean|Colombian|Kenyan|Tanzanian|Ugandan|Indian|Pakistani"
    r"|Sri Lankan|Saudi|Qatari|Omani|Turkish|Emirati|UAE|Moroccan|South African|Korean|Japanese|Chinese"
    r"|Brazilian|Egyptian|Nigerian|Norwegian|Danish|Swedish|CFA)\s+)?(dollars?|yuan|renminbi|RMB|yen|euros?|pounds?(?:\s+sterling)?|sterling|rupiah"
    r"|ringgit|baht|won|pesos?|dong|rupees?|roubles?|rubles?|(?:Swiss\s+)?francs?|dirhams?|riyals?|rials?|lira"
    r"|rand|reais|taka|naira|kip|riel|kyat|shillings?|cedis?|kwacha|birr|zloty|tenge|manat|soums?|lari|dram|somoni"
    r"|tugrik|hryvnias?|forint|koruna|kroner|krone|kronor|krona|kronur|[A-Z]{3})\b"
)
_CODE = re.compile(r"[A-Z]{3}")
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")
_YUAN_HINT = re.compile(r"\b(?:yuan|RMB|renminbi|China|Chinese)\b")
_O_PLURALS = frozenset("cargo potato tomato hero echo veto volcano torpedo mango embargo".split())
_PERCENT = re.compile(r"\s?(?:%|percent\b|per\s?cent\b|pct\b|percentage\s+points?\b)", re.IGNORECASE)


def currency_before(text: str, start: int) -> tuple[str, int] | None:
    """The currency written right before a number, and where its symbol starts."""
    match = _PREFIX.search(text, max(0, start - 7), start)
    if not match:
        return None
    token = "".join(match.group(1).split()).lower()
    if token == "r" and match.end(1) != start:
        return None  # the rand's "R" is written against its number: "R177 billion"
    code = _SYMBOLS.get(token) or (token.upper() if token.upper() in CODES else None)
    if code == "JPY" and _YUAN_HINT.search(text):
        code = "CNY"
    return (code, match.start(1)) if code else None


def declared_dollar(text: str) -> str | None:
    """The currency a statement says its bare "$" amounts are in, if it says so."""
    lower = gate_lower(text)
    if lower is not None and not _DECLARED_HINT.search(lower):
        return None
    match = _DECLARED_DOLLAR.search(text)
    if not match:
        return None
    return _DOLLAR_OWNERS[match.group(1).lower()] if match.group(1) else match.group(2).upper()


def country_dollar(country: str) -> str:
    """The dollar of a country that has one ("Canada" -> CAD), else USD."""
    return _COUNTRY_DOLLARS.get(country.lower().removeprefix("the "), "USD")


def currency_after(text: str, end: int) -> tuple[str, int] | None:
    """The currency named right after a number ("380 billion US dollars", "50 billion yen")."""
    match = _SUFFIX.match(text, end)
    if not match:
        return None
    word = match.group(2)
    if _CODE.fullmatch(word):
        return (word, match.end()) if word in CODES else None
    owner = (match.group(1) or "").lower()
    if word.lower().startswith("dollar"):
        code = _DOLLAR_OWNERS.get(owner or "us")
        return (code, match.end()) if code else None  # "Mexican dollars" is no currency we know
    key = word.lower().split()[-1]
    if owner:
        code = _OWNED_CURRENCIES.get((owner, key.rstrip("s") if key not in ("reais",) else "real"))
        if code:
            return code, match.end()
    if key == "sterling" or key.startswith("pound"):
        return "GBP", match.end()
    code = _WORD_CURRENCIES.get(key)
    return (code, match.end()) if code else None


def percent_after(text: str, end: int) -> int | None:
    """Where a percent sign or word after a number ends."""
    match = _PERCENT.match(text, end)
    return match.end() if match else None


# "-men" nouns that are singular ("specimen") or no noun to count
_SINGULAR_MEN = frozenset("specimen abdomen regimen omen acumen yemen hymen stamen amen semen lumen bitumen albumen "
                          "dolmen germen".split())


def _is_men_plural(lower: str) -> bool:
    """"fishermen", "servicemen", "businessmen": compounds of "man" take its plural."""
    return lower.endswith("men") and len(lower) > 5 and lower not in _SINGULAR_MEN


def is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in IRREGULAR_PLURALS or _is_men_plural(lower):
        return True
    if lower in NOT_PLURAL or len(lower) < 3 or not lower.endswith("s") or "." in lower:
        return False
    return not lower.endswith(("ss", "us", "is", "ous", "'s", "’s"))


def singular(word: str) -> str:
    """The singular of a counted noun, lowercased unless it is an acronym ("TEUs" -> "TEU")."""
    if _ACRONYM_PLURAL.fullmatch(word):
        return word[:-1]
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[lower]
    if _is_men_plural(lower):
        return lower[:-3] + "man"
    if lower.endswith("oes") and lower[:-2] in _O_PLURALS:
        return lower[:-2]
    for suffix, replacement in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x")):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 1:
            return lower[: -len(suffix)] + replacement
    return lower[:-1] if lower.endswith("s") and not lower.endswith("ss") else lower
