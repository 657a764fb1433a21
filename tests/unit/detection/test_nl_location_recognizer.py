from __future__ import annotations

import pytest

from piigov.detection.recognizers.nl_location_recognizer import NlLocationRecognizer

ENTITY = "LOCATION"


@pytest.fixture(scope="module")
def recognizer() -> NlLocationRecognizer:
    return NlLocationRecognizer()


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        # municipalities, incl. multiword and apostrophe names
        ("Zij woont in Amsterdam.", ENTITY, ["Amsterdam"]),
        ("Den Haag", ENTITY, ["Den Haag"]),
        # a list entry's place between the name and the date of birth; a label in capitals is no place
        ("1. Wagimin Ardjosemito, Lewenborg, geb. 19-1-1957, BSN 358012345", ENTITY, ["Lewenborg"]),
        ("gemeente 's-Hertogenbosch", ENTITY, ["'s-Hertogenbosch"]),
        ("gemeente ’s-Gravenhage", ENTITY, ["’s-Gravenhage"]),
        ("Alphen aan den Rijn", ENTITY, ["Alphen aan den Rijn"]),
        ("Capelle aan den IJssel en Súdwest-Fryslân", ENTITY, ["Capelle aan den IJssel", "Súdwest-Fryslân"]),
        ("Bergen op Zoom", ENTITY, ["Bergen op Zoom"]),
        ("Amsterdam-Noord", ENTITY, ["Amsterdam"]),
        # a report in capitals: street and country
        ("ADRES:               ZUIDERPARKLAAN 312\n", ENTITY, ["ZUIDERPARKLAAN 312"]),
        ("GEBOORTEPLAATS: HARGEISA (SOMALIE)", ENTITY, ["HARGEISA", "SOMALIE"]),
        ("geboortedatum (17 juni 1971) en geboorteplaats (Konya) zijn", ENTITY, ["Konya"]),
        # ambiguous names only after a locational word
        ("woont in Buren", ENTITY, ["Buren"]),
        ("te Best", ENTITY, ["Best"]),
        ("gemeente Putten", ENTITY, ["Putten"]),
        ("woonplaats: Leiden", ENTITY, ["Leiden"]),
        ("Woonplaats\tHoorn\nPostcode\t1624 KL", ENTITY, ["Hoorn"]),
        ("1624 KL Hoorn", ENTITY, ["Hoorn"]),
        ("staat ingeschreven in\nBreda (4815 WR)", ENTITY, ["Breda"]),
        # municipalities filling a table cell
        ("Warsame, Bashir\tHengelo\t01-04-1971", ENTITY, ["Hengelo"]),
        ("Faysal Samatar;Sittard-Geleen;6137 SB", ENTITY, ["Sittard-Geleen"]),
        # street + house number
        ("Kerkstraat 12, 1234 AB Amsterdam", ENTITY, ["Kerkstraat 12", "Amsterdam"]),
        ("Laan van Meerdervoort 123a", ENTITY, ["Laan van Meerdervoort 123a"]),
        ("Jan van Galenstraat 5-III", ENTITY, ["Jan van Galenstraat 5-III"]),
        ("Burgemeester de Withstraat 3", ENTITY, ["Burgemeester de Withstraat 3"]),
        ("Grote Markt 1", ENTITY, ["Grote Markt 1"]),
        ("Oudezijds Voorburgwal 197", ENTITY, ["Oudezijds Voorburgwal 197"]),
        ("Zijlweg 12 A", ENTITY, ["Zijlweg 12 A"]),
        ("2e Hugo de Grootstraat 4-hs", ENTITY, ["2e Hugo de Grootstraat 4-hs"]),
        ("woont aan de Kerkstraat 12.", ENTITY, ["Kerkstraat 12"]),
        ("In de Dorpsstraat 7 is het stil", ENTITY, ["Dorpsstraat 7"]),
        # places of residence that are not municipalities (data/residences.txt)
        ("Hij woont in Zaandam.", ENTITY, ["Zaandam"]),
        ("2132 WV Hoofddorp", ENTITY, ["Hoofddorp"]),
        # a municipality in capitals in an address block
        ("Velperweg 144\n6824 HL  ARNHEM", ENTITY, ["Velperweg 144", "ARNHEM"]),
        # any place of birth or residence after the phrase that says so
        ("Geboren: 30 januari 1994 te Paramaribo", ENTITY, ["Paramaribo"]),
        ("Kinan Z., geb. 3-3-'99 in Homs", ENTITY, ["Homs"]),
        ("geboorteplaats ........... Mogadishu", ENTITY, ["Mogadishu"]),
        ("wonende te Nador", ENTITY, ["Nador"]),
        ("De vader woont sinds 2016 in Leicester.", ENTITY, ["Leicester"]),
        ("Zij is verhuisd naar Birmingham.", ENTITY, ["Birmingham"]),
        ("Smail B. (geb. 4-4-1985, Nador) draagt", ENTITY, ["Nador"]),
        ("GEBOREN: 02-01-1995 TE ASMARA (ERITREA)", ENTITY, ["ASMARA", "ERITREA"]),
        ("Geboren: 28 januari 1989 te Gdańsk (Polen)", ENTITY, ["Gdańsk", "Polen"]),
        # a place right after "geboren"/"woont" that closes the clause; an ISO date of birth first
        ("weduwe, geboren Nador\n", ENTITY, ["Nador"]),
        ("bezoeker\tgeboren Keren, Eritrea", ENTITY, ["Keren", "Eritrea"]),
        ("GEB. 1992-11-05, WOONT VELP. SPRAK", ENTITY, ["VELP"]),
        ("GEB. 17-01-1985, GEBOREN ALEPPO. VOLGENS", ENTITY, ["ALEPPO"]),
        ("Geboren:             1987-09-14, Hargeisa", ENTITY, ["Hargeisa"]),
        ("GEB.PLAATS: AL HOCEIMA (MAROKKO)", ENTITY, ["AL HOCEIMA", "MAROKKO"]),
        # places abroad (data/foreign_places.txt); one that is also a name only after "in", "uit", ...
        ("de rekening waarop giften uit Dubai binnenkomen", ENTITY, ["Dubai"]),
        ("Hij reisde via Istanbul naar Gaziantep.", ENTITY, ["Istanbul", "Gaziantep"]),
        ("Zij is geboren in Van en woont in Kars.", ENTITY, ["Van", "Kars"]),
        # the first person, a pseudonymised ruling's placeholder, a death notice's star
        ("Dit gaat over mij. Ik woon in Vinkhuizen, ik ben taxichauffeur", ENTITY, ["Vinkhuizen"]),
        ("Eiser, geboren op [geboortedatum] in Grozny, staat sinds 2017", ENTITY, ["Grozny"]),
        ("Sastro Djosetiko\n* Meerzorg, 12-08-1939", ENTITY, ["Meerzorg"]),
        ("geboren op 21 september 1972 te\nTinghir (Marokko)", ENTITY, ["Tinghir", "Marokko"]),
        ("haar man, geboren 12 april 1961\nte Ajdir; op haar verzoek", ENTITY, ["Ajdir"]),
    ],
)
def test_places_and_addresses_are_found(recognizer, found_spans, locate, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == locate(text, expected)


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("De Buren klaagden over lawaai.", ENTITY, []),
        ("Best wel veel.", ENTITY, []),
        ("Leiden tot problemen", ENTITY, []),
        ("Amsterdammers", ENTITY, []),
        ("Rotterdamseweg", ENTITY, []),
        ("Vergadering 12 maart", ENTITY, []),
        ("Loopbaan 12 jaar", ENTITY, []),
        ("Artikel 12", ENTITY, []),
        ("Hoofdstuk 3", ENTITY, []),
        ("amsterdam in kleine letters", ENTITY, []),
        ("Kerkstraat zonder nummer", ENTITY, []),
        ("Score\tBest\tslechtst", ENTITY, []),
        ("geboren in 1994", ENTITY, []),
        ("Hij woont in een flat.", ENTITY, []),
        ("AMSTERDAM zonder postcode ervoor", ENTITY, []),
        ("ARTIKEL 12 AVG", ENTITY, []),
        ("STRAAT 5 en WEG 12", ENTITY, []),  # a street word alone is no street
        # a maiden name in brackets; a street never runs across a cell or into a date
        ("Fatima El Amrani (geboren Bouzid) woont samen met", ENTITY, []),
        ("Mevrouw Karaman belde over Medina Yilmaz.", ENTITY, []),
        ("Hoogwal\t12\tnee", ENTITY, []),
        ("Bootaan Isse Walanwal 19-10-1996", ENTITY, []),
        ("geb. 19-1-1957, BSN 358012345", ENTITY, []),  # an identifier label is no birthplace
        ("Bouzid, Fatima, geb. 19-1-1957", ENTITY, []),  # register order: the first name is no place
        ("Lijst:\n* Punt een, 12-08-1939", ENTITY, []),  # a bullet star before an ordinary word
    ],
)
def test_non_places_are_not_reported(recognizer, found_spans, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == expected


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("woont in Culemborg", "municipality (after locational word)"),
        ("Yvonne van Dijk\t4 maart 1984\tCulemborg\t4101 WX", "municipality (table cell)"),
        ("Culemborg is een stad", "municipality"),
        # a name with a connecting word beats the model's guess for its last word
        ("uit Koog aan de Zaan, Lid in de Orde", "place with a connecting word"),
    ],
)
def test_a_place_in_context_scores_higher(recognizer, text, pattern):
    """In context a place scores 0.5 and beats the NER model's equal-scored PERSON guess."""
    best = max(recognizer.analyze(text, [ENTITY]), key=lambda r: r.score)
    assert best.analysis_explanation.pattern_name == pattern
