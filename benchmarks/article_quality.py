"""Main-text extraction quality: trafilatura alone, the density heuristic alone, parse_article, selectors.

Pages: the fixture statements of tests/sites (their expected JSON says what must and must not
appear), and each shared corpus text (../shared/corpus) wrapped into each fixture site's
template, where every paragraph of the statement must appear and the site's chrome, teaser
figures and photo credits must not.

    recall   share of must-appear passages found in the extracted text
    leakage  share of must-not strings found in it (menus, teasers' figures and names, credits)
    clean    pages with full recall and no leakage
    ms/page  mean time per page

The "+tidy" rows apply parse_article's line clean-up (chrome lines, datelines, photo credits)
to an extractor's raw output, separating the choice of region from the clean-up. Two last sets
repeat every page followed by an unmarked reader-comment thread longer than the statement
(the largest text block is then not the statement), and with class and id attributes
removed, to show how much rests on them.

Run: python benchmarks/article_quality.py [--corpus ../shared/corpus] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor.article import (  # noqa: E402
    extract_by_density,
    extract_by_trafilatura,
    parse_article,
    tidy_paragraphs,
)
from monitor.encoding import decode_html  # noqa: E402
from monitor.records import Selectors  # noqa: E402
from tests.sites.build import SITES  # noqa: E402
from tests.sites.statements import corpus_statements, corpus_teasers  # noqa: E402

SITES_DIR = ROOT / "tests" / "sites"
_MARKS = re.compile(r"""\s(?:class|id)=("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Case:
    name: str
    site: str
    url: str
    title: str
    html: str
    must: tuple[str, ...]
    must_not: tuple[str, ...]


Method = Callable[[Case], str]
METHODS: dict[str, Method] = {
    "trafilatura": lambda c: "\n\n".join(extract_by_trafilatura(c.html, c.url)),
    "trafilatura+tidy": lambda c: "\n\n".join(tidy_paragraphs(extract_by_trafilatura(c.html, c.url), c.title)),
    "heuristics": lambda c: "\n\n".join(extract_by_density(c.html)),
    "heuristics+tidy": lambda c: "\n\n".join(tidy_paragraphs(extract_by_density(c.html), c.title)),
    "combined": lambda c: parse_article(c.html, c.url).text,
    "selectors": lambda c: parse_article(c.html, c.url, selectors=Selectors(**SITES[c.site].selectors)).text,
}


def fixture_cases() -> list[Case]:
    cases = []
    for path in sorted((SITES_DIR / "expected").glob("*/*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        html = decode_html((SITES_DIR / expected["file"]).read_bytes(), expected["content_type"])
        cases.append(Case(f"fixture {path.parent.name}/{path.stem}", path.parent.name, expected["url"],
                          expected["title"], html, tuple(expected["must_contain"]),
                          tuple(expected["must_not_contain"])))
    return cases


def corpus_cases(corpus: Path) -> list[Case]:
    """Every corpus statement on every site's template: all its paragraphs must come through."""
    teasers = corpus_teasers(corpus)
    facts = ("Yu Zhou", "3300 seconds", "Chen Qiao'en", "26.55 billion yuan", "Five Eyes Alliance")
    cases = []
    for doc, statement in corpus_statements(corpus).items():
        for name, site in SITES.items():
            placed = replace(statement, site=name)
            extra = teasers if "teasers-after" in statement.options else ()
            html = site.article(placed, extra) if extra else site.article(placed)
            credits = tuple(credit for _, credit in statement.captions if credit)
            must = (*statement.paragraphs, *(text for text, _ in statement.captions if text))
            cases.append(Case(f"corpus {doc}@{name}", name, site.root + statement.path, statement.title, html,
                              must, (*site.chrome, *credits, *(facts if extra else ()))))
    return cases


def with_comment_thread(cases: list[Case]) -> list[Case]:
    """The pages followed by an unmarked reader-comment thread longer than the statement itself."""
    out = []
    for case in cases:
        words = sum(len(m.split()) for m in case.must)
        comment = ("Readers keep arguing that the region needs fewer summits and more ferries, "
                   "and this commenter has a great deal more to say about it. ")
        thread = "".join(f"<div><b>reader{i}</b><p>{comment * 3}</p></div>" for i in range(words // 40 + 2))
        html = case.html.replace("</body>", f"<div><h4>Reader views</h4>{thread}</div></body>")
        out.append(replace(case, name=case.name + " (+comments)", html=html,
                           must_not=(*case.must_not, "more ferries")))
    return out


def unmarked(cases: list[Case]) -> list[Case]:
    """The same pages without class and id attributes: only tags, headings and text to go by."""
    return [replace(c, name=c.name + " (unmarked)", html=_MARKS.sub("", c.html)) for c in cases]


def score(method: Method, cases: list[Case], show_misses: bool) -> dict[str, float]:
    found = wanted = leaked = checked = clean = 0
    started = time.perf_counter()
    method(cases[0])  # imports and caches are not the method's speed
    warm_up = time.perf_counter() - started
    for case in cases:
        text = " ".join(method(case).split())
        missing = [m for m in case.must if " ".join(m.split()) not in text]
        leaks = [m for m in case.must_not if m in text]
        found += len(case.must) - len(missing)
        wanted += len(case.must)
        leaked += len(leaks)
        checked += len(case.must_not)
        clean += not missing and not leaks
        if show_misses and (missing or leaks):
            print(f"    {case.name}: missing {[m[:50] for m in missing]} leaked {leaks}")
    elapsed = time.perf_counter() - started - warm_up
    return {"recall": found / wanted, "leakage": leaked / checked, "clean": clean,
            "pages": len(cases), "ms": 1000 * elapsed / len(cases)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    sets = {"fixture pages": fixture_cases()}
    if (args.corpus / "seed-000.txt").exists():
        sets["corpus in templates"] = corpus_cases(args.corpus)
    else:
        print(f"(no corpus at {args.corpus}: fixture pages only)")
    every = [c for cases in sets.values() for c in cases]
    sets["all of the above + a long unmarked comment thread"] = with_comment_thread(every)
    sets["all of the above, class/id removed"] = unmarked(every)
    for label, cases in sets.items():
        print(f"\n{label} ({len(cases)} pages)")
        print(f"  {'method':<17} {'recall':>7} {'leakage':>8} {'clean':>7} {'ms/page':>8}")
        for name, method in METHODS.items():
            scored = [c for c in cases if c.site in SITES] if name == "selectors" else cases
            if not scored or (name == "selectors" and "all of" in label):
                continue  # the selectors name classes and ids; recorded pages may have none
            if args.show_misses:
                print(f"  {name}:")
            result = score(method, scored, args.show_misses)
            print(f"  {name:<17} {result['recall']:7.1%} {result['leakage']:8.1%} "
                  f"{int(result['clean']):>3}/{int(result['pages']):<3} {result['ms']:8.1f}")


if __name__ == "__main__":
    main()
