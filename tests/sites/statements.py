"""The statements of the fixture sites: our own realistic texts, plus the shared corpus texts.

People and events here are invented for testing; the corpus statements (seed-000/001/003)
are real texts as a reader sees them, cut free of their boilerplate by `corpus_statements`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True, kw_only=True)
class Statement:
    site: str
    path: str  # URL path on the site
    title: str
    published: date | None
    paragraphs: tuple[str, ...]
    subtitle: str = ""
    captions: tuple[tuple[str, str], ...] = ()  # (caption, credit) of the statement's own photos
    table: tuple[tuple[str, ...], ...] = ()  # a data table inside the body (first row: header)
    must: tuple[str, ...] = ()  # further text that must survive extraction
    options: frozenset[str] = field(default_factory=frozenset)  # template switches, see build.py

    @property
    def name(self) -> str:
        return self.path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]


EMBASSY = (
    Statement(
        site="embassy", path="/eng/zgyw/t20210113_9866021.htm", published=date(2021, 1, 13),
        title="Embassy Hands Over Second Batch of Medical Supplies to the Indonesian Red Cross",
        paragraphs=(
            "On 12 January, Minister-Counsellor Zhou Hang of the Chinese Embassy in Indonesia handed over the "
            "second batch of medical supplies donated by the Chinese Government to the Indonesian Red Cross "
            "(PMI) at its warehouse in Jakarta. Secretary General of PMI Sudirman Hadi received the supplies "
            "on behalf of the organisation.",
            "Minister-Counsellor Zhou said that China and Indonesia have stood together since the outbreak of "
            "COVID-19. The supplies handed over today include 200,000 surgical masks, 20,000 protective suits "
            "and 50 ventilators, and will be distributed to hospitals in West Java, Central Java and Papua.",
            "Secretary General Sudirman thanked China for its timely support and said the Indonesian Red "
            "Cross will make sure that the supplies reach the front line as soon as possible.",
        ),
        table=(("Item", "Quantity"), ("Surgical masks", "200,000"), ("Protective suits", "20,000"),
               ("Ventilators", "50")),
        must=("Protective suits",),
        options=frozenset({"br"}),
    ),
    Statement(
        site="embassy", path="/eng/zgyw/t20210210_9866355.htm", published=date(2021, 2, 10),
        title="Chargé d'Affaires Attends Lunar New Year Reception for the Diplomatic Corps",
        paragraphs=(
            "On 9 February, Chargé d'Affaires Zhou Hang attended an online reception marking the Lunar New "
            "Year, hosted by the Embassy for members of the diplomatic corps in Jakarta. Ambassador João "
            "Pereira of Timor-Leste, Dean of the Diplomatic Corps, and more than 60 diplomats joined.",
            "Zhou Hang said that the Year of the Ox stands for diligence and perseverance. He noted that the "
            "European Union's €12 million connectivity facility and China's own cooperation projects in the "
            "region can complement each other for the benefit of ASEAN countries.",
            "Guests enjoyed a performance by the calligraphy group Jin Rong (金镕), which wrote New Year "
            "couplets for the participating missions.",
        ),
        must=("Ambassador João Pereira of Timor-Leste", "€12 million", "Jin Rong (金镕)"),
    ),
    Statement(
        site="embassy", path="/eng/zgyw/t20210302_9866741.htm", published=date(2021, 3, 2),
        title="Ambassador Meets Governor of Central Java on Trade and Investment Cooperation",
        paragraphs=(
            "On 1 March, the Chinese Ambassador to Indonesia met with Governor of Central Java Bambang "
            "Wiratmaja in Semarang. The two sides exchanged views on trade, investment and people-to-people "
            "exchanges between China and Central Java.",
            "The Ambassador said that Chinese enterprises have invested in 37 projects in Central Java, "
            "creating more than 12,000 local jobs. He encouraged both sides to make good use of the Kendal "
            "Industrial Park and to expand the export of Central Java's coffee and furniture to China.",
            "Governor Bambang welcomed more Chinese investment in manufacturing and renewable energy, and "
            "invited Chinese companies to the Central Java Investment Business Forum to be held in May.",
        ),
    ),
    Statement(
        site="embassy", path="/eng/zgyw/t20210323_9867102.htm", published=date(2021, 3, 23),
        title="Statement of the Chinese Embassy on the Safety of Chinese Citizens in Indonesia",
        paragraphs=(
            "The Chinese Embassy in Indonesia has noted recent reports of online fraud targeting Chinese "
            "citizens in Jakarta and Surabaya, in which criminals pose as embassy staff or police officers.",
            "The Embassy reminds Chinese citizens that it never asks for personal bank details by telephone. "
            "Anyone who receives such a call should hang up and report it to the local police and to the "
            "Embassy's consular hotline.",
            "The Embassy will continue to work with the Indonesian authorities to protect the safety and "
            "legitimate rights and interests of Chinese citizens in Indonesia.",
        ),
        options=frozenset({"br", "undated"}),
    ),
    Statement(
        site="embassy", path="/eng/zgyw/t20210406_9867455.htm", published=date(2021, 4, 6),
        title="Embassy Spokesperson's Remarks on a Report Concerning Chinese Workers in Sulawesi",
        paragraphs=(
            "Q: A local newspaper recently reported that Chinese workers at an industrial park in Sulawesi "
            "entered Indonesia without proper permits. What is your comment?",
            "A: The Chinese Embassy has taken note of the report. According to the information we have, all "
            "of the 46 Chinese technicians concerned hold valid work permits issued by the Indonesian "
            "Ministry of Manpower, and their entry followed Indonesia's health protocols.",
            "We hope that the media will report on China-Indonesia cooperation in an objective manner, and "
            "we welcome journalists to visit the park.",
        ),
    ),
)

MINISTRY = (
    Statement(
        site="ministry", path="/eng/xw/zyxw/202309/t20230906_11138888.html", published=date(2023, 9, 6),
        title="Foreign Minister Han Jing Holds Talks with Indonesian Foreign Minister Sari Wulandari",
        paragraphs=(
            "On September 6, 2023, Foreign Minister Han Jing held talks with Indonesian Foreign Minister Sari "
            "Wulandari in Jakarta.",
            "Han Jing said that China and Indonesia are comprehensive strategic partners. Bilateral trade "
            "reached 149 billion US dollars last year, and the Jakarta-Bandung High-Speed Railway will soon "
            "start operation. China is ready to work with Indonesia to implement the Action Plan for "
            "Strengthening the Comprehensive Strategic Partnership (2022-2026).",
            "Sari Wulandari said that Indonesia values its relations with China and supports closer "
            "cooperation in green energy, the digital economy and maritime affairs.",
            "After the talks, the two foreign ministers witnessed the signing of a memorandum of "
            "understanding on cooperation in vocational education and an agreement on mutual visa exemption "
            "for holders of diplomatic and service passports.",
        ),
        options=frozenset({"pubdate-meta"}),
    ),
    Statement(
        site="ministry", path="/eng/xw/zyxw/202309/t20230907_11139022.html", published=date(2023, 9, 7),
        title="Foreign Minister Han Jing Meets with Malaysian Foreign Minister Azlan Hashim",
        paragraphs=(
            "On September 7, 2023, Foreign Minister Han Jing met with Malaysian Foreign Minister Azlan Hashim "
            "on the sidelines of the foreign ministers' meetings on East Asia cooperation in Jakarta.",
            "Han Jing said that next year marks the 50th anniversary of diplomatic relations between China "
            "and Malaysia. The two sides should make good preparations for the celebrations and advance the "
            "East Coast Rail Link project, which is now more than 60 percent complete.",
            "Azlan Hashim said that Malaysia is willing to deepen cooperation with China in trade, "
            "investment and education, and to work for an early conclusion of the negotiations on a code of "
            "conduct in the South China Sea.",
        ),
        options=frozenset({"canonical-elsewhere"}),
    ),
    Statement(
        site="ministry", path="/eng/xw/zyxw/202308/t20230818_11128704.html", published=date(2023, 8, 18),
        title="Joint Press Statement on the Third Meeting of the China-Thailand Joint Committee on Cooperation",
        paragraphs=(
            "The Third Meeting of the China-Thailand Joint Committee on Cooperation was held in Bangkok on "
            "August 17, 2023, co-chaired by Foreign Minister Han Jing and Thai Deputy Prime Minister and "
            "Foreign Minister Prasert Chaiyaporn.",
            "The two sides reviewed the implementation of the Joint Action Plan on China-Thailand Strategic "
            "Cooperation (2022-2026) and agreed on the following:",
            "To speed up the construction of the China-Thailand Railway and connect it with the China-Laos "
            "Railway.",
            "To sign a protocol on the export of Thai durian by rail before the end of the year.",
            "To hold the next meeting of the Joint Committee in China in 2024.",
        ),
        options=frozenset({"list"}),
        must=("To hold the next meeting of the Joint Committee in China in 2024.",),
    ),
    Statement(
        site="ministry", path="/eng/xw/zyxw/202308/t20230802_11121390.html", published=date(2023, 8, 2),
        title="Vice Foreign Minister Attends Reception Celebrating the National Day of Singapore",
        paragraphs=(
            "On August 1, 2023, Vice Foreign Minister Tang Rui attended a reception held by the Embassy of "
            "Singapore in Beijing to celebrate the 58th National Day of Singapore.",
            "Tang Rui said that China-Singapore relations have kept a sound momentum. The China-Singapore "
            "(Chongqing) Connectivity Initiative has launched 1,200 cross-border projects worth a total of "
            "29 billion US dollars.",
        ),
        options=frozenset({"rss-query"}),
    ),
    Statement(
        site="ministry", path="/eng/xw/zyxw/202307/t20230721_11116502.html", published=date(2023, 7, 21),
        title="Foreign Ministry Spokesperson's Remarks on the Joint Maritime Exercise in the South China Sea",
        paragraphs=(
            "Question: It is reported that several countries will hold a joint maritime exercise near the "
            "Second Thomas Shoal next week. What is China's comment?",
            "Answer: China has taken note of the reports. We urge the countries concerned to respect the "
            "efforts of regional countries to maintain peace and stability, and to refrain from actions "
            "that may complicate the situation.",
            "China and ASEAN countries are fully implementing the Declaration on the Conduct of Parties in "
            "the South China Sea and are working for an early conclusion of a code of conduct.",
        ),
    ),
    Statement(
        site="ministry", path="/eng/xw/zyxw/202307/t20230710_11110873.html", published=date(2023, 7, 10),
        title="Foreign Minister Han Jing Speaks with Cambodian Deputy Prime Minister Sok Vannak on the Phone",
        paragraphs=(
            "On July 10, 2023, Foreign Minister Han Jing spoke with Cambodian Deputy Prime Minister and "
            "Minister of Foreign Affairs and International Cooperation Sok Vannak on the phone.",
            "Han Jing said that China supports Cambodia in holding its general election smoothly and is ready "
            "to keep working with Cambodia to build the Phnom Penh-Sihanoukville Expressway economic belt.",
            "Sok Vannak thanked China for donating 300,000 doses of vaccines last year and said Cambodia "
            "firmly adheres to the one-China policy.",
        ),
    ),
)

PORTAL = (
    Statement(
        site="portal", path="/world/2024/04/15/indonesia-singapore-agree-to-expand-cross-border-payments.html",
        published=date(2024, 4, 15),
        title="Indonesia, Singapore agree to expand cross-border payment links",
        paragraphs=(
            "JAKARTA — Indonesia and Singapore on Monday agreed to expand the link between their QR-code "
            "payment systems to cover bank transfers, central bank officials said after a meeting in Jakarta.",
            "The two central banks signed a memorandum of understanding that will let customers in both "
            "countries send up to S$5,000 a day in local currency. About 1.2 million tourists from each "
            "country used the QR link last year, officials said.",
            "The agreement is part of an ASEAN-wide plan to connect payment systems by 2025.",
        ),
        captions=(("Officials of the two central banks at the signing ceremony in Jakarta on April 15, 2024.",
                   "Photo: Bank Indonesia"),),
    ),
    Statement(
        site="portal", path="/world/2024/04/12/malaysian-fm-urges-restraint-in-south-china-sea.html",
        published=date(2024, 4, 12),
        title="Malaysian FM urges restraint in South China Sea during Manila visit",
        paragraphs=(
            "MANILA — Malaysian Foreign Minister Azlan Hashim on Friday called on all parties in the South "
            "China Sea to exercise restraint, during talks with his Philippine counterpart Teresa Lim in Manila.",
            "The two ministers agreed to set up a working group on maritime cooperation and to hold its first "
            "meeting in Kuala Lumpur in June.",
            "Azlan said ASEAN must speak with one voice as negotiations on a code of conduct continue.",
        ),
        options=frozenset({"time-only"}),
    ),
    Statement(
        site="portal", path="/world/2024/04/10/viet-nam-japan-launch-clean-energy-partnership-talks.html",
        published=date(2024, 4, 10),
        title="Viet Nam, Japan launch clean energy partnership talks",
        paragraphs=(
            "HANOI — Viet Nam and Japan on Wednesday launched talks on a clean energy partnership that "
            "officials said could bring up to US$2.4 billion in Japanese financing for offshore wind and "
            "grid projects.",
            "Vietnamese Deputy Prime Minister Tran Minh Duc and Japanese Minister of Economy Kenji Morita "
            "agreed to hold the first round of expert talks in Tokyo in May.",
            "The partnership would help Viet Nam reach its target of 6 gigawatts of offshore wind capacity by "
            "2030.",
        ),
        options=frozenset({"json-ld-only"}),
    ),
    Statement(
        site="portal", path="/opinion/why-ports-matter-more-than-pledges-for-asean-connectivity.html",
        published=None,
        title="Why ports matter more than pledges for ASEAN connectivity",
        paragraphs=(
            "Every summit season brings a new round of pledges on regional connectivity. The region would be "
            "better served by a plain list of ports, rail links and customs posts that actually open.",
            "Take the port of Kuantan: its new berths cut waiting times for container ships from three days "
            "to under one, and did more for trade with China than any communique.",
            "Governments should publish, each year, which connectivity projects opened and which slipped.",
        ),
        options=frozenset({"undated"}),
    ),
)


def corpus_statements(corpus: Path) -> dict[str, Statement]:
    """The three shared corpus texts, cut free of their boilerplate, placed on the fixture sites."""
    out: dict[str, Statement] = {}
    seed0 = _paragraphs(corpus / "seed-000.txt")
    title_at = seed0.index("Strengthen Mutual Support and Create A Better Future Together")
    out["seed-000"] = Statement(
        site="embassy", path="/eng/zgyw/t20210118_9866187.htm", published=date(2021, 1, 18),
        title=seed0[title_at], subtitle=seed0[title_at + 1],
        paragraphs=tuple(seed0[title_at + 2 : seed0.index("Suggest to a friend")]),
        must=(seed0[title_at + 1],),
    )
    seed1 = _paragraphs(corpus / "seed-001.txt")
    out["seed-001"] = Statement(
        site="portal", path="/world/2020/10/10/china-indonesia-to-enhance-covid-19-vaccine-cooperation.html",
        published=date(2020, 10, 10), title=seed1[0],
        captions=(("", seed1[1]),),  # the page shows only a credit under its photo
        paragraphs=tuple(seed1[2 : seed1.index("Global Times")]),
        options=frozenset({"comments"}),
    )
    seed3 = _paragraphs(corpus / "seed-003.txt")
    body_from = next(i for i, p in enumerate(seed3) if p.startswith("This year is the second year"))
    body_to = next(i for i, p in enumerate(seed3) if p.endswith("jointly create a better future.")) + 1
    captions = tuple(_split_credit(p) for p in seed3[2:body_from])
    out["seed-003"] = Statement(
        site="portal", path="/world/2024/04/16/china-and-asean-have-vast-space-for-high-quality-cooperation.html",
        published=date(2024, 4, 16), title=seed3[0], paragraphs=tuple(seed3[body_from:body_to]),
        captions=captions, must=(captions[1][0],),
        options=frozenset({"release-time", "teasers-after"}),
    )
    return out


def corpus_teasers(corpus: Path) -> tuple[tuple[str, str], ...]:
    """The (headline, summary) teasers that follow seed-003's article on its page."""
    seed3 = _paragraphs(corpus / "seed-003.txt")
    start = next(i for i, p in enumerate(seed3) if p.endswith("jointly create a better future.")) + 1
    rest = seed3[start:]
    teasers = []
    for i in range(0, len(rest) - 2, 3):
        if rest[i] == rest[i + 1]:
            teasers.append((rest[i], rest[i + 2]))
    return tuple(teasers)


def _paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _split_credit(caption: str) -> tuple[str, str]:
    text, _, credit = caption.rpartition(" Photo by ")
    return (text, "Photo by " + credit) if text else (caption, "")
