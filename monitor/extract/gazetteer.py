"""Countries, nationalities, cities and blocs: the proper names a statement is written around.

The lists are general world knowledge, not tuned to any corpus. Lookups are on lowercased,
whitespace-normalised strings; multi-word names are matched token by token by the callers.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _names(block: str) -> frozenset[str]:
    """The names of a block, keyed as `_key` looks them up ("The Hague" under "hague")."""
    names = (" ".join(n.lower().split()) for n in block.replace("\n", ";").split(";") if n.strip())
    return frozenset(n[4:] if n.startswith("the ") else n for n in names)


COUNTRIES = _names("""
United States; United States of America; U.S.; US; USA; America; United Kingdom; UK; U.K.; Britain;
Great Britain; Great Britain and Northern Ireland; United Kingdom of Great Britain and Northern Ireland;
Northern Ireland; England; Scotland; Wales; China; People's Republic of China; PRC; Indonesia;
Republic of Indonesia; Japan; Korea; South Korea; Republic of Korea; ROK; North Korea; DPRK; Viet Nam;
Vietnam; Lao PDR; Laos; Cambodia; Kingdom of Cambodia; Thailand; Kingdom of Thailand; Myanmar; Malaysia;
Singapore; Republic of Singapore; Philippines; the Philippines; Republic of the Philippines; Brunei;
Brunei Darussalam; Timor-Leste; East Timor; India; Pakistan; Bangladesh; Sri Lanka; Nepal; Bhutan;
Maldives; Afghanistan; Australia; New Zealand; Papua New Guinea; PNG; Fiji; Samoa; Tonga; Vanuatu;
Solomon Islands; Palau; Marshall Islands; Micronesia; Federated States of Micronesia; Kiribati; Tuvalu;
Nauru; Cook Islands; Niue; Canada; Mexico; Brazil; Argentina; Chile; Peru; Colombia; Venezuela; Ecuador;
Bolivia; Paraguay; Uruguay; Cuba; Costa Rica; Panama; Guatemala; Honduras; Nicaragua; El Salvador;
Dominican Republic; Jamaica; Haiti; Trinidad and Tobago; Barbados; Bahamas; Belize; Guyana; Suriname;
Russia; Russian Federation; Ukraine; Belarus; Germany; France; Italy; Spain; Portugal; Netherlands;
the Netherlands; Belgium; Luxembourg; Switzerland; Austria; Poland; Czech Republic; Czechia; Slovakia;
Hungary; Romania; Bulgaria; Greece; Turkey; Türkiye; Cyprus; Malta; Ireland; Iceland; Norway; Sweden;
Finland; Denmark; Estonia; Latvia; Lithuania; Serbia; Croatia; Slovenia; Bosnia and Herzegovina;
Montenegro; North Macedonia; Albania; Kosovo; Moldova; Georgia; Armenia; Azerbaijan; Kazakhstan;
Uzbekistan; Kyrgyzstan; Tajikistan; Turkmenistan; Mongolia; Iran; Iraq; Syria; Lebanon; Jordan; Israel;
Palestine; Saudi Arabia; Yemen; Oman; United Arab Emirates; UAE; Qatar; Bahrain; Kuwait; Egypt; Libya;
Tunisia; Algeria; Morocco; Sudan; South Sudan; Ethiopia; Eritrea; Djibouti; Somalia; Kenya; Uganda;
Tanzania; Rwanda; Burundi; Democratic Republic of the Congo; DR Congo; DRC; Congo; Gabon; Cameroon;
Nigeria; Ghana; Côte d'Ivoire; Ivory Coast; Senegal; Mali; Niger; Burkina Faso; Guinea; Sierra Leone;
Liberia; Togo; Benin; Chad; Central African Republic; Angola; Zambia; Zimbabwe; Malawi; Mozambique;
Madagascar; Mauritius; Namibia; Botswana; South Africa; Lesotho; Eswatini; Seychelles; Comoros;
Cape Verde; Gambia; Mauritania; Equatorial Guinea; Guinea-Bissau; Taiwan; Hong Kong; Macao; Macau;
Holy See; Vatican; Monaco; Liechtenstein; Andorra; San Marino; Grenada; Dominica; Saint Lucia;
""")

CITIES = _names("""
Beijing; Shanghai; Guangzhou; Shenzhen; Tianjin; Kunming; Nanning; Chongqing; Chengdu; Wuhan; Xiamen;
Hangzhou; Quanzhou; Xi'an; Harbin; Dalian; Qingdao; Boao; Sanya; Haikou; Urumqi; Lhasa; Jakarta; Bali;
Nusa Dua; Surabaya; Bandung; Medan; Semarang; Makassar; Yogyakarta; Labuan Bajo; Batam; Tangerang;
Bogor; Tokyo; Osaka; Kyoto; Hiroshima; Nagoya; Yokohama; Sapporo; Fukuoka; Seoul; Busan; Incheon;
Pyongyang; Hanoi; Ho Chi Minh City; Da Nang; Haiphong; Vientiane; Luang Prabang; Phnom Penh; Siem Reap;
Sihanoukville; Bangkok; Chiang Mai; Phuket; Pattaya; Yangon; Naypyidaw; Nay Pyi Taw; Mandalay;
Kuala Lumpur; Putrajaya; Penang; Johor Bahru; Kota Kinabalu; Kuching; Manila; Davao; Cebu; Quezon City;
Bandar Seri Begawan; Dili; New Delhi; Delhi; Mumbai; Kolkata; Chennai; Bengaluru; Islamabad; Karachi;
Lahore; Dhaka; Colombo; Kathmandu; Thimphu; Male; Kabul; Canberra; Sydney; Melbourne; Brisbane; Perth;
Wellington; Auckland; Port Moresby; Suva; Apia; Nuku'alofa; Port Vila; Honiara; Koror; Majuro; Tarawa;
Washington; Washington, D.C.; New York; San Francisco; Los Angeles; Chicago; Honolulu; Ottawa; Toronto;
Vancouver; Mexico City; Brasilia; Brasília; Rio de Janeiro; Sao Paulo; São Paulo; Buenos Aires;
Santiago; Lima; Bogota; Bogotá; Caracas; Quito; Havana; Panama City; Moscow; St Petersburg;
Saint Petersburg; Kyiv; Kiev; Minsk; Berlin; Munich; Frankfurt; Hamburg; Paris; Rome; Milan; Madrid;
Barcelona; Lisbon; Amsterdam; The Hague; Rotterdam; Brussels; Geneva; Bern; Zurich; Davos; Vienna;
Warsaw; Prague; Budapest; Bucharest; Sofia; Athens; Ankara; Istanbul; Dublin; London; Edinburgh;
Oslo; Stockholm; Helsinki; Copenhagen; Tallinn; Riga; Vilnius; Belgrade; Zagreb; Ljubljana; Tbilisi;
Yerevan; Baku; Astana; Almaty; Tashkent; Bishkek; Dushanbe; Ashgabat; Ulaanbaatar; Tehran; Baghdad;
Damascus; Beirut; Amman; Jerusalem; Tel Aviv; Riyadh; Jeddah; Abu Dhabi; Dubai; Doha; Manama;
Kuwait City; Muscat; Cairo; Sharm El-Sheikh; Tripoli; Tunis; Algiers; Rabat; Khartoum; Addis Ababa;
Nairobi; Kampala; Dar es Salaam; Dodoma; Kigali; Lagos; Abuja; Accra; Dakar; Pretoria; Johannesburg;
Cape Town; Durban; Luanda; Lusaka; Harare; Maputo; Windhoek; Gaborone; Antananarivo; Vladivostok;
Strasbourg; Luxembourg City; New Delhi; Hue; Can Tho; Nha Trang; Mindanao; Luzon; Visayas; Java;
Sumatra; Kalimantan; Sulawesi; Papua; Borneo; Sabah; Sarawak; Hokkaido; Okinawa; Jeju; Hainan;
Yunnan; Guangxi; Guangdong; Fujian; Sichuan; Zhejiang; Jiangsu; Shandong; Hunan; Hubei; Henan;
Hebei; Shaanxi; Shanxi; Xinjiang; Tibet; Inner Mongolia; Heilongjiang; Jilin; Liaoning; Anhui; Jiangxi;
Guizhou; Gansu; Qinghai; Ningxia; East Java; West Java; Central Java; East Kalimantan; Bangsamoro;
Kinshasa; Brazzaville; Yaounde; Yaoundé; Bamako; Niamey; Ouagadougou; Lomé; Lome; Cotonou; Porto-Novo;
Freetown; Monrovia; Conakry; Bissau; Banjul; Praia; Nouakchott; Juba; Mogadishu; Asmara; Port Louis;
Moroni; Lilongwe; Maseru; Mbabane; Libreville; Malabo; Bangui; N'Djamena; Sao Tome; Montevideo;
Asuncion; Asunción; La Paz; Sucre; Georgetown; Paramaribo; San Jose; San José; Managua; Tegucigalpa;
San Salvador; Guatemala City; Kingston; Santo Domingo; Port-au-Prince; Nassau; Bridgetown;
Port of Spain; Castries; Montreal; Reykjavik; Bratislava; Sarajevo; Podgorica; Skopje; Tirana;
Pristina; Chisinau; Nicosia; Valletta; Taipei; Palikir; Ngerulmud; Funafuti; Yaren; Sanaa;
""")

NATIONALITIES = _names("""
American; British; Chinese; Indonesian; Japanese; Korean; South Korean; North Korean; Vietnamese; Lao;
Laotian; Cambodian; Thai; Burmese; Malaysian; Singaporean; Filipino; Philippine; Bruneian; Timorese;
Indian; Pakistani; Bangladeshi; Sri Lankan; Nepali; Nepalese; Afghan; Australian; New Zealand;
Papua New Guinean; Fijian; Samoan; Tongan; Canadian; Mexican; Brazilian; Argentine; Argentinian; Chilean;
Peruvian; Colombian; Venezuelan; Ecuadorian; Cuban; Russian; Ukrainian; Belarusian; German; French;
Italian; Spanish; Portuguese; Dutch; Belgian; Swiss; Austrian; Polish; Czech; Slovak; Hungarian;
Romanian; Bulgarian; Greek; Turkish; Cypriot; Irish; Icelandic; Norwegian; Swedish; Finnish; Danish;
Estonian; Latvian; Lithuanian; Serbian; Croatian; Slovenian; Georgian; Armenian; Azerbaijani; Kazakh;
Uzbek; Kyrgyz; Tajik; Turkmen; Mongolian; Iranian; Iraqi; Syrian; Lebanese; Jordanian; Israeli;
Palestinian; Saudi; Yemeni; Omani; Emirati; Qatari; Bahraini; Kuwaiti; Egyptian; Libyan; Tunisian;
Algerian; Moroccan; Sudanese; Ethiopian; Somali; Kenyan; Ugandan; Tanzanian; Rwandan; Congolese;
Cameroonian; Nigerian; Ghanaian; Ivorian; Senegalese; Malian; Angolan; Zambian; Zimbabwean; Malawian;
Mozambican; Namibian; South African; Taiwanese; European; Asian; African; Arab; Latin American;
Pacific; Southeast Asian; Western; Islamic; Nordic; Emirati; Hongkonger;
""")

BLOCS = _names("""
ASEAN; EU; European Union; UN; United Nations; G20; G7; G-20; G-7; APEC; WTO; IMF; World Bank; NATO;
African Union; AU; BRICS; SCO; Pacific Islands Forum; PIF; Quad; OECD; ADB; AIIB; Mekong; Lancang-Mekong;
Team Europe; Commonwealth; Gulf Cooperation Council; GCC; Mercosur; Pacific Alliance; CELAC; OAS;
Association of Southeast Asian Nations; European Commission; European Parliament; Security Council;
UN Security Council; General Assembly; UN General Assembly;
""")

# Words that end a multi-word place and mark it as a place even when the name is unknown.
PLACE_NOUNS = frozenset("""
province city island islands regency prefecture county district region state territory capital
hall palace house office building headquarters centre center hotel resort port harbour harbor bay
village town airport station square parliament embassy ministry secretariat residence complex
university academy campus castle
""".split())

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}


# first words of the multi-word names: "Viet" (Nam), "South" (Korea), "Papua" (New Guinea)...
MULTIWORD_STARTS = frozenset(
    name.split()[0] for names in (COUNTRIES, CITIES, NATIONALITIES, BLOCS) for name in names if " " in name
)


def is_country(name: str) -> bool:
    return _key(name) in COUNTRIES


_STATE_FORM = re.compile(r"^(?:(?:the\s+)?(?:(?:federal|democratic|socialist|islamic|people['’]s|united)\s+)*"
                         r"(?:republic|kingdom|state|commonwealth|union|sultanate|principality)\s+of\s+)?(?:the\s+)?",
                         re.IGNORECASE)


def without_state_form(name: str) -> str:
    """"the Republic of Korea" -> "Korea", "Federal Republic of Germany" -> "Germany"."""
    return _STATE_FORM.sub("", name, count=1)


def is_place(name: str) -> bool:
    """A country, a city or a region this gazetteer knows."""
    key = _key(name)
    return key in COUNTRIES or key in CITIES


def is_bloc(name: str) -> bool:
    return _key(name) in BLOCS


def is_nationality(word: str) -> bool:
    return _key(word) in NATIONALITIES


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    key = " ".join(name.lower().replace("’", "'").split())
    return key[4:] if key.startswith("the ") else key
