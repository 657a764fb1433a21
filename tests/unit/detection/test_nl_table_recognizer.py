from __future__ import annotations

import pytest

from piigov.detection.recognizers.nl_table_recognizer import NlTableRecognizer

PERSON = "PERSON"
LOCATION = "LOCATION"

CSV_EXPORT = (
    "naam;woonplaats;postcode;geboortedatum;bsn;telefoon;notitie\n"
    "Faysal Samatar;Hoorn;6137 SB;27-03-1983;825006028;050-7872820;moslim; bekeerd\n"
    "Luis Gebremariam;Rotterdam;3083 TD;8 september 1962;615120003;06 1234 5678;\n"
)
XLSX_EXPORT = (
    "--- sheet: Personen ---\n"
    "Export administratie\n"
    "Naam\tWoonplaats\tGeboortedatum\tTelefoon\n"
    "Abdille, Ubah\tZaanstad\t22 november 1973\t06-43058216\n"
    "Heijden, Els van der\tBergen op Zoom\t13 januari 1977\t+31 6 5087 9148\n"
    "\n"
    "Totaal\t2\n"
)
WORD_TABLE = (
    "Gegeven\tWaarde\nNaam\tKees Visser\nGeboortedatum\t21-03-1975\nBSN\t213041054\n"
    "Woonplaats\tHoorn\nPostcode\t1626 MB\nE-mail\tkvisser@example.com\nIBAN\tNL11INGB0649271068\n"
)
SPLIT_NAMES = "Achternaam\tVoornaam\tAdres\nOsman\tFaadumo\tKerkstraat 12\nJansen\tKees\tonbekend\n"
MARKDOWN = "| Naam | Telefoon | Plaats |\n| Jan Smit | 06 1234 5678 | Utrecht |\n"
QUOTED_CSV = 'naam;functie;plaats;geb.\n"Sarıkaya, Vedat";voorzitter;"Gouda";1968\n'
BIRTHPLACES = "regnr;achternaam;geb_datum;geb_plaats;woonplaats\n9;Ouaali;07-02-1979;Al Hoceima;Vlaardingen\n"
REFERRALS = "naam;bsn;verwezen\nROC;123456782;ja\nJeugdzorg;;nee\nCIGAAL, Aweys;;ja\n"
# qualified, bracketed and joined headers (hand-written set D)
CONTACT_LOG = (
    "datum;contactpersoon;organisatie;medewerker SZW;kanaal;telefoon/e-mail\n"
    "03-04-2019;Yeşilyurt, İlknur;Alevitische vrouwenvereniging;M. Hogendoorn;telefoon;06 24187730\n"
)
DONATIONS = (
    "boekdatum\tnaam donateur\tbedrag\twoonplaats donateur\n02-01-2018\tA. Zukić\t€ 50,00\tNieuw-Vennep\n"
)
DOSSIER_INDEX = (
    "volgnr\tbestandsnaam\tbetrokkene(n)\tauteur\n"
    "1\tVerslag.docx\tBenaissa el Mezouari\tD. Hoogenboezem\n4\tOverzicht.xlsx\tdiversen (412 namen)\tpostkamer\n"
)
BANK_EXPORT = "boekdatum;tegenrekening;naam_tegenrekening;bedrag\n15-03-2019;NL25ABNA7739540676;Abdelmajid Tounsi;400,00\n"
# a comma CSV: dates heading the attendance columns, a remark in quotes with a comma in it
COMMA_CSV = (
    "cursistnr,achternaam,voornaam,geboortedatum,telefoon,08-09,15-09,opmerking docent\n"
    'C-2044,Zazai,Shakila,1979-04-09,06-53812660,A,X,"wil niet, zegt zij"\n'
    "C-2045,Jeesow,Tusmo Abuukar,1999-03-21,06-28870341,A,A,\n"
)
# how banks write account holders: salutation and initials without dots, particles in capitals
BANK_FORMS = (
    "datum;naam_rekeninghouder;iban;bedrag\n04-01-2019;HR S BISSESAR;NL82INGB3928103657;50,00\n"
    "15-02-2019;EL GHALBZOURI M;BE43453331478901;500,00\n16-02-2019;El Amrani;NL82INGB3928103657;5,00\n"
)

# a fixed-width table (a results page printed as text): columns two blanks or more apart, a row
# with a misaligned cell that runs into the next column, an empty cell written as "-"
FIXED_WIDTH = (
    "Pl  Startnr  Naam                      Woonplaats       Vereniging       Netto\n"
    "1   1044     Yosief Tekeste            Hoofddorp        AV Haarlem       30.41\n"
    "4   1391     Rimmert Coppoolse         Heemstede        -                32.20\n"
    "5   1256     Aderfi Azougagh          Haarlem-Schalkwijk AV Haarlem     32.48\n"
)
# who wrote a note: "door" heads a column of (first) names; a team's acronym is no name
NOTES_BY = "datum\tdoor\tnotitie\n18-03-2024\tVroukje\tbelt terug\n19-03-2024\tTF-SZW\tafgehandeld\n"

# a date poll: the options (weekday, date and time) head columns; a name typed in lower case
DATE_POLL = (
    "Naam,E-mail,di 12-09 19:30,do 14-09 19:30,Opmerking\nNammen Tjeerdema,n.t@minszw.nl,ja,ja,organisator\n"
    "abokor faratoon,,nee,ja,neem mijn tante mee\ngeen opgave,,ja,ja,\n"
)

# a quoted cell that runs over a line break leaves an odd quote on both lines
MULTILINE_CELL = (
    'volgnr;naam;adres;woonplaats\n4;Taşkıran, Şenol;"Hoefkade 1033\n(2e etage)";Den Haag\n'
    "5;Cawaale, Xaawo;Piushaven 41;Tilburg\n"
)


@pytest.fixture(scope="module")
def recognizer() -> NlTableRecognizer:
    return NlTableRecognizer()


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        (CSV_EXPORT, PERSON, ["Faysal Samatar", "Luis Gebremariam"]),
        (CSV_EXPORT, LOCATION, ["Hoorn", "Rotterdam"]),
        (XLSX_EXPORT, PERSON, ["Abdille, Ubah", "Heijden, Els van der"]),
        (XLSX_EXPORT, LOCATION, ["Zaanstad", "Bergen op Zoom"]),
        (WORD_TABLE, PERSON, ["Kees Visser"]),
        (WORD_TABLE, LOCATION, ["Hoorn"]),
        (SPLIT_NAMES, PERSON, ["Osman", "Faadumo", "Jansen", "Kees"]),
        (SPLIT_NAMES, LOCATION, ["Kerkstraat 12"]),
        (MARKDOWN, PERSON, ["Jan Smit"]),
        (MARKDOWN, LOCATION, ["Utrecht"]),
        (QUOTED_CSV, PERSON, ["Sarıkaya, Vedat"]),  # CSV quotes are not part of the cell
        (QUOTED_CSV, LOCATION, ["Gouda"]),
        (BANK_EXPORT, PERSON, ["Abdelmajid Tounsi"]),  # the other party of a payment
        (BIRTHPLACES, LOCATION, ["Al Hoceima", "Vlaardingen"]),  # "Al" starts no person here
        (REFERRALS, PERSON, ["CIGAAL, Aweys"]),  # organisations in a name column are left out
        (CONTACT_LOG, PERSON, ["Yeşilyurt, İlknur", "M. Hogendoorn"]),
        (DONATIONS, PERSON, ["A. Zukić"]),
        (DONATIONS, LOCATION, ["Nieuw-Vennep"]),
        (DOSSIER_INDEX, PERSON, ["Benaissa el Mezouari", "D. Hoogenboezem"]),
        (COMMA_CSV, PERSON, ["Zazai", "Shakila", "Jeesow", "Tusmo Abuukar"]),
        (MULTILINE_CELL, PERSON, ["Taşkıran, Şenol", "Cawaale, Xaawo"]),
        (BANK_FORMS, PERSON, ["HR S BISSESAR", "EL GHALBZOURI M", "El Amrani"]),
        (FIXED_WIDTH, PERSON, ["Yosief Tekeste", "Rimmert Coppoolse", "Aderfi Azougagh"]),
        (FIXED_WIDTH, LOCATION, ["Hoofddorp", "Heemstede", "Haarlem-Schalkwijk"]),
        (NOTES_BY, PERSON, ["Vroukje"]),
        (DATE_POLL, PERSON, ["Nammen Tjeerdema", "abokor faratoon"]),  # not "geen opgave"
        # an export in English; a manager's and a company doctor's column; a permit's holder
        (
            "First Name,Last Name,URL,Email Address,Company,Position\n"
            "Qoorcade,Gaabey Sambaliic,https://www.linkedin.com/in/x1,,Ouderraad Noord,Voorzitter\n"
            "Driekus,Lenferink,https://www.linkedin.com/in/x2,,Ahmadiyya Gemeenschap,Secretaris\n",
            PERSON,
            ["Qoorcade", "Gaabey Sambaliic", "Driekus", "Lenferink"],
        ),
        (
            "personeelsnr;naam;afdeling;leidinggevende;meldingen 12 mnd;bedrijfsarts\n"
            "204417;Mulderije, Ariaantje;Taskforce;Pelleboer, H.;3;Zakrzewski\n",
            PERSON,
            ["Mulderije, Ariaantje", "Pelleboer, H.", "Zakrzewski"],
        ),
        (
            "vergunningnr\tkenteken\thouder\tadres\nPV-24-0325\tTX-38-RN\tJimcaaleh Kaamil Loofle\tDamstraat 9\n",
            PERSON,
            ["Jimcaaleh Kaamil Loofle"],
        ),
        # a surname with a street ending in a name column: no house number, no street
        ("Naam\tAdres\nReitse Hoorweg\tDeldenerstraat 77\n", PERSON, ["Reitse Hoorweg"]),
    ],
)
def test_cells_under_a_person_or_place_header_are_found(
    recognizer, found_spans, locate, text, entity_type, expected
):
    assert found_spans(recognizer, text, entity_type) == locate(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        # a plain "Naam" column is a person column only when other headers are about people
        "Naam\tStatus\tGereed\nUitvoeren DPIA\tlopend\t1 maart 2021\n",
        "Actie\tVerantwoordelijk\tGereed\nHerziening werkinstructie\tInformatiebeheer\t23 juni 2021\n",
        # organisation and form words, numbers and e-mail addresses are no values
        "Naam\tTelefoon\nStichting Al-Amal\t020 123 4567\nOnbekend\t-\n",
        "Naam\tWoonplaats\nn.v.t.\t1234\n",
        # the header row itself, and a label row whose value is another label
        "Naam\tWoonplaats\n",
        "Woonplaats\tPostcode\n",
        # a qualifier that is no person word: an organisation's name and a meeting's place
        "naam organisatie\tplaats bijeenkomst\tbsn\nAl-Amal Nederland\tUtrecht\t\n",
        # prose with commas, even under a line that would head a comma CSV, and a two-cell label row
        "Naam, woonplaats en telefoon worden niet bewaard.\nDe gegevens, zoals Jan Smit ze gaf, zijn weg.\n",
        "Betrokkene, zegt de melder, is bekend.\nNaam, Kees Visser\n",
        # prose with semicolons
        "De evaluatie is voorzien in het tweede kwartaal; de resultaten worden gedeeld.\n",
        # a table ends at a line without cells
        "Naam\tWoonplaats\tTelefoon\n\nJan Smit woont in een kleine plaats.\tzie\n",
        "Naam\tTelefoon\nKerkweg 12\t070-1234567\n",  # a street with its number is no name
        # justified prose has two blanks between its words: no fixed-width header row
        "a.  aanvrager:  een  natuurlijk  persoon  of  rechts-\nStichting  Ibn  Battuta  Zaanstreek  en\n"
        "de  Stichting  Hadji  Agoes  Salim  subsidie.\n",
    ],
)
def test_other_tables_and_cells_are_not_reported(recognizer, text):
    assert recognizer.analyze(text, [PERSON, LOCATION]) == []


def test_scores_come_from_the_constructor():
    results = NlTableRecognizer(person_score=0.7, location_score=0.55).analyze(WORD_TABLE, None)
    assert sorted((r.entity_type, r.score) for r in results) == [(LOCATION, 0.55), (PERSON, 0.7)]


def test_only_the_requested_entities_are_reported(recognizer):
    assert {r.entity_type for r in recognizer.analyze(CSV_EXPORT, [LOCATION])} == {LOCATION}
