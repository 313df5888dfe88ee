"""Resolution rules: the same thing written differently matches; different things stay apart."""

from __future__ import annotations

import pytest

from monitor.matching import (
    acronym_matches,
    figure_context,
    made_with,
    related_figure_subject,
    same_agreement,
    same_figure_context,
    same_figure_sentence,
    same_figure_subject,
    same_meeting,
)

SAME_AGREEMENTS = [
    ("RCEP", "Regional Comprehensive Economic Partnership Agreement"),
    ("Regional Comprehensive Economic Partnership", "RCEP"),
    ("DOC", "Declaration on the Conduct of Parties in the South China Sea"),
    ("COC", "Code of Conduct in the South China Sea"),
    ('MoU on the construction of the "Two Countries, Twin Parks"', "memorandum of understanding on Two Countries Twin Parks"),
    ("Two Countries, Twin Parks", "Two Countries Twin Parks"),
    ("the MoU on digital economy", "Memorandum of Understanding on Cooperation in the Digital Economy"),
    ("China-ASEAN Free Trade Area 3.0", "China–ASEAN FTA 3.0 upgrade ... Free Trade Area 3.0 China ASEAN"),
    ("Paris Agreement", "the Paris Agreement on climate change"),
    ("Plan of Action for the Strategic Partnership for the period 2025-2029",
     "Plan of Action for the Kenya-Ghana Strategic Partnership 2025-2029"),
    ("the Defence Cooperation Agreement", "the Kenya-Ghana Defence Cooperation Agreement"),
    ("the digital economy MoU", "Memorandum of Understanding on Cooperation in the Digital Economy"),
    ("Halal MoU", "Memorandum of Understanding on Halal Industry Cooperation"),
    ("SBEZ MoU", "Memorandum of Understanding on the Development of the Bukit Kayu Hitam-Sadao Special Border Economic Zone"),
    ("Indian Ocean Green Shipping Corridor Framework", "framework agreement for an Indian Ocean Green Shipping Corridor"),
    ("Memorandum of Understanding between the Government of the Republic of Kenya and the Government of Ghana on"
     " Fisheries Cooperation", "MoU on Fisheries Cooperation"),
]

DIFFERENT_AGREEMENTS = [
    ("MoU on digital economy", "MoU on green development"),
    ("Memorandum of Understanding on Maritime Cooperation", "Memorandum of Understanding on Vaccine Cooperation"),
    ("DOC", "COC"),
    ("Halal MoU", "Memorandum of Understanding on Higher Education"),
    ("SBEZ MoU", "Memorandum of Understanding on Halal Industry Cooperation"),
    ("Belt and Road Initiative", "cooperation documents on the Belt and Road"),
    ("RCEP", "Comprehensive and Progressive Agreement for Trans-Pacific Partnership"),
    ("agreement on trade in goods", "agreement on trade in services"),
    ("Belt and Road cooperation plan", "Global Development Initiative"),
    ("cooperation documents on jointly building the Belt and Road", "Belt and Road Initiative"),
    ("Memorandum of Understanding on the Regional Comprehensive Economic Partnership", "RCEP"),
    ("Kenya-Ghana Critical Minerals Agreement", "Memorandum of Understanding on Critical Minerals Cooperation"),
]


@pytest.mark.parametrize(("left", "right"), SAME_AGREEMENTS)
def test_same_agreement_written_differently(left: str, right: str) -> None:
    assert same_agreement(left, [], right, [])
    assert same_agreement(right, [], left, [])


@pytest.mark.parametrize(("left", "right"), DIFFERENT_AGREEMENTS)
def test_different_agreements_stay_apart(left: str, right: str) -> None:
    assert not same_agreement(left, [], right, [])
    assert not same_agreement(right, [], left, [])


def test_aliases_are_used_for_matching() -> None:
    assert same_agreement("CAFTA", [], "China-ASEAN Free Trade Area", ["CAFTA"])


@pytest.mark.parametrize(
    ("acronym", "name", "expected"),
    [("DOC", "Declaration on the Conduct of Parties", True), ("FTA", "Free Trade Agreement", True),
     ("RCEP", "Regional Comprehensive Economic Partnership Agreement", True), ("RCEP", "Regional Cooperation Plan", False)],
)
def test_acronyms(acronym: str, name: str, expected: bool) -> None:
    assert acronym_matches(acronym, name) is expected


def meeting(name: str, people: list[str], place: str | None, day: str | None, kind: str = "talks") -> dict[str, object]:
    return {"name": name, "participants": people, "place": place, "date": day, "kind": kind}


def test_same_meeting_reported_by_two_sites() -> None:
    embassy = meeting("talks between Wang Yi and Retno Marsudi", ["Wang Yi", "Retno Marsudi"], "Jakarta", "2021-01-13")
    ministry = meeting("Wang Yi holds talks with Indonesian FM Retno", ["Foreign Minister Wang Yi", "Retno Marsudi"],
                       "Jakarta", "2021-01-14")
    assert same_meeting(embassy, ministry)


def test_meetings_weeks_apart_are_different() -> None:
    first = meeting("talks", ["Wang Yi", "Retno Marsudi"], "Jakarta", "2021-01-13")
    later = meeting("talks", ["Wang Yi", "Retno Marsudi"], "Beijing", "2021-06-05")
    assert not same_meeting(first, later)


def test_different_participants_are_different_meetings() -> None:
    first = meeting("talks", ["Wang Yi", "Retno Marsudi"], "Jakarta", "2021-01-13")
    other = meeting("talks", ["Wang Yi", "Luhut Pandjaitan"], "Jakarta", "2021-01-13")
    assert not same_meeting(first, other)


def test_named_event_matches_without_people() -> None:
    assert same_meeting(meeting("43rd ASEAN Summit", [], "Jakarta", "2023-09-05", "summit"),
                        meeting("the 43rd ASEAN Summit", [], None, "2023-09-05", "summit"))
    assert not same_meeting(meeting("43rd ASEAN Summit", [], "Jakarta", "2023-09-05", "summit"),
                            meeting("42nd ASEAN Summit", [], "Labuan Bajo", "2023-05-10", "summit"))


def test_figure_subjects_with_different_periods_differ() -> None:
    assert not same_figure_subject("China-ASEAN trade in 2022", "CNY", "China-ASEAN trade in the first seven months of 2023", "CNY")
    assert same_figure_subject("China-ASEAN trade volume 2022", "CNY", "trade between China and ASEAN in 2022", "CNY")
    assert not same_figure_subject("trade in 2022", "CNY", "trade in 2022", "USD")


def test_equal_figures_need_a_shared_word() -> None:
    assert related_figure_subject("vaccine doses delivered", "doses of bulk vaccines")
    assert not related_figure_subject("students enrolled", "tourists visiting Bali")
    assert not related_figure_subject("young Pacific leaders brought to the United States", "business leaders", "leader")
    assert not related_figure_subject("Bilateral trade", "Trade Expo transactions")


def test_numbering_is_compared_as_numbers() -> None:
    assert same_meeting(meeting("Tenth Annual Leaders' Meeting", [], "Ghana", "2026", "meeting"),
                        meeting("10th Annual Leaders' Meeting", [], "Ghana", "2026", "meeting"))
    assert not same_meeting(meeting("Ninth Annual Leaders' Meeting", [], "Accra", "2025-03-04", "meeting"),
                            meeting("10th Annual Leaders' Meeting", [], "Nairobi", "2026-03-02", "meeting"))


def test_a_generic_name_matches_by_place_and_month() -> None:
    held = meeting("9th Kenya-Ghana Annual Leaders' Meeting", ["Ama Mensah"], "State House, Accra", "2025-03-04",
                   "meeting")
    assert same_meeting(meeting("Annual Leaders' Meeting", [], "Accra", "2025-03", "meeting"), held)
    assert not same_meeting(meeting("Annual Leaders' Meeting", [], "Accra", "2025-09", "meeting"), held)
    assert not same_meeting(meeting("Annual Leaders' Meeting", [], "Nairobi", "2025-03", "meeting"), held)


def test_equal_figures_in_clauses_that_share_a_word_are_one_figure() -> None:
    first = figure_context("The two countries will set up a joint research fund worth A$12 million, paid equally.",
                           "A$12 million")
    again = figure_context("She welcomed the MoU, together with its A$12 million joint research fund.", "A$12 million")
    assert same_figure_context(first, again, 12e6)
    trade = figure_context("Trade between Kenya and Ghana reached US$12.7 billion in 2024, up 8 percent.",
                           "US$12.7 billion")
    restated = figure_context("Trade reached US$6.2 billion in the first half of 2025, compared with US$12.7 billion"
                              " for the whole of 2024.", "US$12.7 billion")
    assert same_figure_context(trade, restated, 12.7e9)


def test_equal_figures_for_other_places_or_years_stay_apart() -> None:
    uae = figure_context("Non-oil trade between the UAE and Kenya reached US$4.1 billion in 2024.", "US$4.1 billion")
    ghana = figure_context("Trade reached US$6 billion in 2024, with Ghanaian exports of US$4.1 billion.",
                           "US$4.1 billion")
    assert not same_figure_context(uae, ghana, 4.1e9)
    trade = figure_context("Bilateral trade reached USD 15.6 billion in 2024.", "USD 15.6 billion")
    expo = figure_context("Last year's Trade Expo recorded transactions worth USD 15.6 billion.", "USD 15.6 billion")
    assert not same_figure_context(trade, expo, 15.6e9)
    budget = figure_context("Development assistance of $367.2 million in 2024-25 was announced.", "$367.2 million")
    later = figure_context("Development assistance of $367.2 million in 2025-26 was announced.", "$367.2 million")
    assert not same_figure_context(budget, later, 367.2e6)


def test_a_numbered_meeting_moved_to_another_date_and_city_is_the_same_meeting() -> None:
    planned = meeting("second meeting of the Kenya-Ghana Joint Working Group on Minerals", [], "Mombasa",
                      "2025-06-16/2025-06-17", "meeting")
    held = meeting("second meeting of the Kenya-Ghana Joint Working Group on Minerals", [], "Accra", "2025-07-09",
                   "meeting")
    assert same_meeting(held, planned)


def test_a_visit_to_a_city_is_the_visit_to_its_country_that_month() -> None:
    trip = meeting("Jane Harrow's visit to Ghana", ["Jane Harrow"], "Ghana", "2025-03-03/2025-03-06", "visit")
    assert same_meeting(meeting("Jane Harrow's visit to Accra", ["Jane Harrow"], "Accra", "2025-03", "visit"), trip)
    assert not same_meeting(meeting("Jane Harrow's visit to Accra", ["Jane Harrow"], "Accra", "2025-09", "visit"),
                            meeting("Jane Harrow's visit to Ghana", ["Jane Harrow"], "Ghana", "2025-03", "visit"))


def test_a_short_numbered_name_matches_its_full_name_between_the_same_countries() -> None:
    full = meeting("5th Ghana-Norway Joint Commission Meeting", [], "Oslo", "2025-09", "meeting")
    short = meeting("fifth Joint Commission Meeting", [], None, None, "meeting")
    assert not same_meeting(short, full)  # nothing says which pair of countries it is
    pair = ["Ghana", "Norway"]
    assert same_meeting({**short, "countries": pair}, {**full, "countries": ["Norway", "Ghanaian"]})
    assert not same_meeting({**short, "countries": ["Ghana", "Kenya"]}, {**full, "countries": pair})


def test_equal_figures_in_sentences_about_the_same_thing_are_one_figure() -> None:
    first = ("Minister Lim announced that Singapore will contribute S$15 million to a technical assistance "
             "facility under the IOGSC Framework, to help partner ports prepare.")
    again = ("South Africa will contribute R250 million to the corridor's technical assistance facility, "
             "alongside the S$15 million pledged by Singapore.")
    assert same_figure_sentence(again, first)
    other_place = "Thailand will contribute S$15 million to a technical assistance facility for its ports."
    assert not same_figure_sentence(other_place, first)
    unrelated = "Singapore and Ghana signed an agreement on the avoidance of double taxation."
    assert not same_figure_sentence(unrelated, first)


def test_a_conference_reported_with_other_delegates_is_the_same_conference() -> None:
    host = meeting("Dublin Conference", ["Declan Whelan", "Karim El Ouazzani"], "Dublin Castle",
                   "2025-06-16/2025-06-17", "conference")
    guest = meeting("Dublin Conference on Fertiliser Access and Food Security", ["Tomasz Wierzbicki"], "Dublin",
                    "2025-06-16/2025-06-17", "conference")
    assert same_meeting(guest, host)
    talks = meeting("talks", ["Wang Yi", "Luhut Pandjaitan"], "Jakarta", "2021-01-13")
    assert not same_meeting(talks, meeting("talks", ["Wang Yi", "Retno Marsudi"], "Jakarta", "2021-01-13"))


def test_the_same_full_name_on_the_same_days_is_one_event_wherever_a_report_places_it() -> None:
    assert same_meeting(meeting("Dublin Conference on Fertiliser Access", [], "Astana", "2025-06-16", "conference"),
                        meeting("Dublin Conference on Fertiliser Access", [], "Rabat", "2025-06-16", "conference"))
    assert not same_meeting(meeting("Dublin Conference on Fertiliser Access", [], "Dublin", "2025-06-16"),
                            meeting("Dublin Conference on Fertiliser Access", [], "Dublin", "2026-06-16"))


def test_an_instrument_known_by_whom_it_was_made_with() -> None:
    assert made_with("MoU signed with the African Union Commission") == {"african", "union", "commission"}
    assert made_with("Memorandum of Understanding on Maritime Cooperation") == frozenset()


def test_one_numbered_session_of_two_countries_body_under_two_names() -> None:
    rabat = meeting("third session of the Morocco-Kazakhstan Joint Commission", ["Karim El Ouazzani"], "Rabat",
                    "2025-05-05/2025-05-06", "meeting")
    astana = meeting("third meeting of the Kazakh-Moroccan Intergovernmental Commission", ["Arman Seitkali"],
                     "Astana", "2025-05-05/2025-05-06", "meeting")
    assert same_meeting(astana, rabat)
    leaders = meeting("9th Indonesia–Australia Annual Leaders' Meeting", [], "Jakarta", "2025-03-04", "meeting")
    two_plus_two = meeting("ninth Australia–Indonesia Foreign and Defence Ministers' Meeting", [], "Canberra",
                           "2025-10-03", "ministerial")
    assert not same_meeting(two_plus_two, leaders)
