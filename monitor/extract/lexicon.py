"""Closed word classes the extraction rules lean on: function words, titles, and noun classes.

Each set answers one question a rule asks ("can this word be part of a person's title?",
"is this noun a duration, so its number is no figure?"). They are general English and
general diplomatic vocabulary, never phrases copied from a particular statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


def alternation(words: Iterable[str]) -> str:
    """A pattern matching any of `words`, the longest first, factored by shared prefixes
    ("J(?:an(?:uary)?|u(?:ly?|ne?))"): several times faster than a plain list of alternatives,
    which the regular-expression engine would try one by one at every position."""
    tree: dict[str, dict[str, Any]] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")" if branches else ""
        return f"(?:{body})?" if "" in node and body else body

    return "(?:" + emit(tree) + ")"


# Characters outside ASCII that a case-insensitive pattern matches to an ASCII letter but that
# str.lower() leaves alone or turns into two characters: "İ", "ı", "ſ" and the Kelvin sign.
_ODD_CASE = ("\u0130", "\u0131", "\u017f", "\u212a")


def gate_lower(text: str) -> str | None:
    """`text` lowercased, for a cheap case-sensitive test of what a case-insensitive pattern needs
    before running it; None when such a test could miss a match (a character of _ODD_CASE)."""
    if not text.isascii() and any(char in text for char in _ODD_CASE):
        return None
    return text.lower()


# Words that end a noun phrase when scanning for a counted noun or a name.
FUNCTION_WORDS = _words("""
the a an of in on at to for from by with without within into onto over under about above below across
after before since until till during through throughout between among amongst against toward towards
per via as than and or nor but so yet if while whereas because although though that which who whom
whose what where when why how this these those it its their our his her my your them they we he she
i you is are was were be been being has have had do does did will would shall should can could may
might must not no also only both each every all any some such other another more most less least
very too up out off down again further then there here once just still even already around nearly
almost about approximately roughly some several many much few fewer
""")

# Core words of a person's title; a title chain must contain one of them.
TITLE_CORE = _words("""
President Vice-President Premier Minister Ministers Secretary Secretary-General Councilor Councillor
Chancellor King Queen Prince Princess Emir Sultan Sheikh Ambassador Envoy Commissioner Director
Director-General Chairman Chairwoman Chairperson Chair Governor Mayor Speaker Senator Congressman
Congresswoman Representative Spokesperson Spokesman Spokeswoman Admiral General Commander Colonel
Captain Lieutenant Consul Consul-General Attaché Chief Head Leader Undersecretary Under-Secretary
Administrator Counsellor Counselor Officer Vice-Minister Vice-Premier Vice-Chairman Deputy
Prime Chief-of-Staff Justice Judge Pope Crown Dean Rector Professor Treasurer Commissioner-General Adviser Advisor
""")

# Honorifics written before a name; they may stand alone in front of it ("Mr. KISHIMOTO Hiroshi").
HONORIFICS = _words("""
Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. H.E. HE Hon Hon. Rt Rt. Honourable Honorable Excellency
His Her Majesty Highness Royal Sir Dame Lord Lady Baroness Baron Dato' Dato Datuk Datin Seri Sri Tun
Tengku Tunku Raja Haji Hajjah Puan Encik Pak Bapak Ibu Madam Madame Mme Monsieur Shri Smt Sayyid
Ambassador-at-large Excellencies Sheikh Sheikha
""")

# Qualifiers that sit inside a title chain ("Coordinating Minister for Maritime Affairs").
TITLE_QUALIFIERS = _words("""
Foreign Affairs Coordinating Senior Deputy Vice Executive Special Permanent Assistant State Acting
Trade Industry Investment Economy Economic Economics Finance Financial Defence Defense Home Interior
Justice Health Education Culture Tourism Agriculture Fisheries Forestry Energy Mineral Minerals
Resources Environment Maritime Transport Transportation Infrastructure Communications Communication
Information Digital Technology Science Labour Labor Manpower Development Planning National
International Commerce Public Works Housing Social Welfare Security Affairs Religious Sports Youth
Women Children Immigration Customs Treasury Budget Cooperation Cooperatives Enterprises Legal Law
Political Strategic Regional Global Bilateral Multilateral Negotiations Negotiator Chief Trade-related
Human Rights Land Tourism Creative Villages Rural Urban Water Climate Change Ocean Oceans Policy
Relations Overseas Commonwealth Indo-Pacific Asia Asian Pacific Europe European Americas African
Middle East Unification Veterans Employment Pensions Business Small Medium Micro Research Innovation
Higher Primary Secondary General Principal Parliamentary Cabinet Federal Provincial Municipal
Councilor Councillor Administrative Operations Policy Protocol Press Media Chief-of-Staff Staff
First Second Third High Supreme Joint Armed Forces Army Navy Air Force Guard Coast Police
Ministry Department Office Commission Council Spokesperson's Diaspora Export Promotion Exports Imports
Industries Entrepreneurship Green Gender Disaster Emergency Heritage Arts Mining Petroleum Oil Gas
Extraordinary Plenipotentiary Management Dyke Prevention Natural Resilience
""")

# Role nouns that may follow a name in an appositive ("Zhang Jie, director of ...").
APPOSITIVE_ROLES = _words("""
president minister secretary ambassador envoy director chairman chairwoman chair chairperson head chief
spokesperson spokesman spokeswoman researcher professor analyst expert scholar official adviser advisor
fellow lecturer economist member senator governor mayor founder dean editor commissioner deputy
coordinator representative negotiator leader premier chancellor king queen prince counsellor counselor
consul attaché administrator officer ceo vice-president vice-minister general-secretary secretary-general
special executive senior coordinating
""")

# Words that mark a capitalised sequence as an organisation, event or document, not a person.
NON_PERSON_WORDS = _words("""
ministry department agency bank council committee commission corporation company university institute
association organization organisation forum summit conference meeting meetings agreement partnership
initiative plan declaration statement office house hall palace government parliament congress assembly
union nations republic kingdom states state province city island islands sea ocean road belt street
centre center fund group forces army navy guard corps party bureau administration authority service
foundation trust network project railway port station airport zone region area strategy program
programme framework treaty protocol memorandum charter convention dialogue mechanism expo exhibition
fair week year day news times post daily agency reporter press media television tv radio channel
court tribunal award consensus vision outlook community cooperation relations development economic
trade investment security affairs international national global regional joint ltd inc co group
holdings chamber chambers commerce industry exchange embassy consulate mission delegation secretariat
continent prize cup games olympics festival hotel resort museum library school college academy
holds meets visits signs attends receives calls talks speaks hosts welcomes leads pays chairs delivers
opens launches concludes discusses congratulates
mosque temple church cathedral pagoda shrine memorial mausoleum monument cemetery tomb grand stadium
""")

MONTH_AND_DAY_WORDS = _words("""
January February March April May June July August September October November December Jan Feb Mar Apr
Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today
Yesterday Tomorrow
""")

# Counted nouns whose number is a span of time or an age: never a figure.
DURATION_NOUNS = _words("""
year years month months week weeks day days hour hours minute minutes second seconds decade decades
century centuries night nights quarter quarters semester semesters term terms fortnight fortnights
yr yrs hr hrs min mins sec secs millennium millennia weekend weekends morning mornings evening evenings
""")

# Abstract nouns of rhetorical counts ("one main task, two key directions, three areas").
ABSTRACT_NOUNS = _words("""
direction directions area areas field fields goal goals task tasks aspect aspects point points pillar
pillars principle principles priority priorities step steps dimension dimensions stage stages front
fronts side sides way ways key keys consensus consensuses outcome outcomes result results achievement
achievements highlight highlights characteristic characteristics feature features theme themes topic
topics issue issues question questions proposal proposals suggestion suggestions idea ideas concept
concepts vision visions word words approach approaches pathway pathways track tracks focus objective
objectives mission missions purpose purposes value values spirit belief beliefs level levels layer
layers component components element elements cornerstone cornerstones must musts hope hopes wish wishes
commitment commitments expectation expectations opportunity opportunities challenge challenges
dimension lesson lessons message messages pledge pledges camp camps circle circles corridor corridors
homeland homelands major majors sector sectors domain domains respect respects regard regards part parts
announcement announcements copy copies original originals language languages text texts version versions
sea seas continent continents ocean oceans civilisation civilisations civilization civilizations
thing things
""")

# Nouns of groups whose small counts are references ("the two countries", "both sides").
GROUP_NOUNS = _words("""
country countries nation nations state states side sides party parties peoples leader leaders head
heads government governments economy economies region regions continent continents neighbour
neighbours neighbor neighbors partner partners member members minister ministers president presidents
capital capitals city cities foreign ministers sister sisters power powers entity entities ocean oceans
""")

# Capitalised words after which a number is a reference, not a quantity ("Article 5").
REFERENCE_WORDS = _words("""
article articles section sections paragraph paragraphs para chapter chapters clause clauses annex
annexes appendix resolution resolutions no no. nos nos. number phase phases round level grade class
terminal gate line route room block lot unit platform item items rule rules point points page pages
figure table version vision agenda plan pillar track stage tier batch volume vol issue series model
flight highway road street district zone sector region group team squad number
""")
# Of those, the words that may also be verbs or plain nouns before a quantity ("developers plan 1,500 MW",
# "a team 40 strong"): a reference only when capitalised ("Plan 2", "Route 66").
REFERENCE_IF_CAPITALISED = _words("""
plan track line route level point points model block team group zone flight highway road street district
sector region squad agenda vision series lot unit class grade stage
""")

# Words ending in "s" that are not plural nouns.
NOT_PLURAL = _words("""
this thus has was is its his hers ours yours theirs us as yes plus less unless bus gas news series
species politics economics physics mathematics always perhaps whereas across various previous famous
serious numerous does goes says means includes remains reaches covers stands continues makes takes
gives shows accounts amounts represents marks comes becomes seems needs aims lies applies focuses
ensures helps brings puts sets gets runs seeks holds keeps leads meets welcomes notes calls hopes
besides afterwards towards downwards upwards overseas whereabouts sometimes nevertheless
""")

# Plural nouns that do not end in "s", mapped to their singular.
IRREGULAR_PLURALS = {
    "people": "person", "persons": "person", "children": "child", "men": "man", "women": "woman",
    "staff": "staff", "personnel": "personnel", "police": "police", "cattle": "cattle",
    "livestock": "livestock", "aircraft": "aircraft", "fish": "fish", "sheep": "sheep", "deer": "deer",
    "feet": "foot", "teeth": "tooth", "geese": "goose", "mice": "mouse", "crew": "crew",
    "youth": "youth", "data": "data", "criteria": "criterion", "media": "medium", "indices": "index",
    "alumni": "alumnus", "faculty": "faculty", "equipment": "equipment", "memoranda": "memorandum",
    "phenomena": "phenomenon",
}

# Measurement units counted in the singular as well as the plural ("a 130 ton engine").
MEASURE_UNITS = _words("""
ton tons tonne tonnes t kg kilogram kilograms kilo kilos gram grams km kilometre kilometres kilometer
kilometers metre metres meter meters mile miles hectare hectares ha acre acres litre litres liter
liters barrel barrels bpd cubic square mw gw kw kwh mwh gwh twh megawatt megawatts gigawatt gigawatts
kilowatt kilowatts teu teus mbps gbps tb gb kl kilolitre kilolitres megalitre megalitres
""")

# Nouns naming people, so that "meet captains of industry" is a meeting and "meet the needs" is not.
PEOPLE_NOUNS = _words("""
representatives representative members member leaders leader officials official delegation delegations
counterpart counterparts ministers minister executives executive captains ceos chairmen chairman
businessmen businesspeople business community diaspora students journalists investors entrepreneurs
staff officers people ambassador ambassadors envoy envoys president prime secretary premier king queen
chancellor governor mayor head heads chief chiefs experts scholars lawmakers legislators parliamentarians
senators delegates participants youth women farmers workers employees citizens nationals community
communities groups group association associations chamber company companies firms families victims
veterans volunteers teachers doctors
""")


# Verbs a title-case headline capitalises: "Kenya and Germany Sign Joint Declaration of Intent".
HEADLINE_VERBS = frozenset(
    "Sign Signs Signed Adopt Adopts Adopted Conclude Concludes Concluded Launch Launches Launched Ink Inks Inked "
    "Renew Renews Renewed Extend Extends Extended Welcome Welcomes Ratify Ratifies Ratified Agree Agrees "
    "Announce Announces Exchange Exchanges Hold Holds Reach Reaches Signing Adoption".split())
