from __future__ import annotations

import unicodedata

import pytest

from piigov.detection.recognizers.nl_person_recognizer import NlPersonRecognizer

ENTITY = "PERSON"


@pytest.fixture(scope="module")
def recognizer() -> NlPersonRecognizer:
    return NlPersonRecognizer()


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        # titles + name (the title itself is not part of the name)
        ("Gesprek met mevrouw Bouzid over de aanvraag.", ENTITY, ["Bouzid"]),
        ("dhr. Kaya belde terug", ENTITY, ["Kaya"]),
        ("Dhr Kaya", ENTITY, ["Kaya"]),
        ("namens de heer Van der Berg", ENTITY, ["Van der Berg"]),
        ("mw. El Amrani", ENTITY, ["El Amrani"]),
        ("Geachte heer Jansen,", ENTITY, ["Jansen"]),
        ("Geachte mevrouw De Vries-Bakker,", ENTITY, ["De Vries-Bakker"]),
        ("mevr. F. Bouzid-El Amrani", ENTITY, ["F. Bouzid-El Amrani"]),
        ("wethouder Yeşilgöz", ENTITY, ["Yeşilgöz"]),
        ("familie Öztürk", ENTITY, ["Öztürk"]),
        # religious offices: the dossier's own subject
        ("Volgens imam Abdelhakim zijn er geen problemen.", ENTITY, ["Abdelhakim"]),
        ("Les bij hodja Yıldırım en dominee Hoekstra", ENTITY, ["Yıldırım", "Hoekstra"]),
        ("Ds. Jansen preekte", ENTITY, ["Jansen"]),
        # the Arabic article joined by a hyphen
        ("Imam Yusuf al-Qaradawi citeerde", ENTITY, ["Yusuf al-Qaradawi"]),
        ("mevrouw al-Hashimi en Ahmed as-Sayed", ENTITY, ["al-Hashimi", "Ahmed as-Sayed"]),
        # who took or wrote a note, and form fields with dot leaders
        (
            "Aangenomen door: Cüneyt Erdoğdu\nBeller: mw. Gonca Sevim",
            ENTITY,
            ["Cüneyt Erdoğdu", "Gonca Sevim"],
        ),
        (
            "achternaam ............... CIGAAL\nvoornamen ................ Aweys Garaad",
            ENTITY,
            ["CIGAAL", "Aweys Garaad"],
        ),
        # a contact list or chat line: a name right before a phone number
        ("Bedoel je hem? Yoonis Wehliye, 06 17 44 09 82", ENTITY, ["Yoonis Wehliye"]),
        ("BZ / DAM   Frederique Brinkhorst   070 348 62 17", ENTITY, ["Frederique Brinkhorst"]),
        # the wide gap before the name is a column break, not part of it
        ("Gemeente Den Haag      Sadia Qureshi     070 353 26 18", ENTITY, ["Sadia Qureshi"]),
        (
            "Ouder/verzorger 1 ......... Gönül Sarıkaya-Taşdelen    tel. 06 - 1833 4096",
            ENTITY,
            ["Gönül Sarıkaya-Taşdelen"],
        ),
        ("Jeugdbeschermer    : Baukje Groeneveld", ENTITY, ["Baukje Groeneveld"]),
        # a signature under a closing line
        ("Met vriendelijke groet,\n\nMohcine Rahmouni\nafdelingshoofd", ENTITY, ["Mohcine Rahmouni"]),
        ("namens deze,\n\nFloortje Nieuwstraten\ndirecteur", ENTITY, ["Floortje Nieuwstraten"]),
        # initials + optional particles + surname
        ("C.E.G. van Gennip schreef", ENTITY, ["C.E.G. van Gennip"]),
        ("M. El Amrani", ENTITY, ["M. El Amrani"]),
        ("H. Öztürk", ENTITY, ["H. Öztürk"]),
        ("J.P. Balkenende en A. Aboutaleb", ENTITY, ["J.P. Balkenende", "A. Aboutaleb"]),
        ("J. BAKKER", ENTITY, ["J. BAKKER"]),  # a surname in capitals that is also a word
        ("Th. de Vries", ENTITY, ["Th. de Vries"]),
        # first name (gazetteer) + surname: Dutch
        ("Jan de Vries woont hier", ENTITY, ["Jan de Vries"]),
        ("Pieter-Jan van der Meer", ENTITY, ["Pieter-Jan van der Meer"]),
        ("Anne-Marie de Jong", ENTITY, ["Anne-Marie de Jong"]),
        ("Sjoerd Hoekstra uit Leeuwarden", ENTITY, ["Sjoerd Hoekstra"]),
        ("Jan in 't Veld", ENTITY, ["Jan in 't Veld"]),
        # Moroccan
        ("Fatima Bouzid woont", ENTITY, ["Fatima Bouzid"]),
        ("Mohammed El Amrani", ENTITY, ["Mohammed El Amrani"]),
        ("Youssef Ait Brahim en Khadija Ben Ali", ENTITY, ["Youssef Ait Brahim", "Khadija Ben Ali"]),
        ("Fatima Zahra Bouzid", ENTITY, ["Fatima Zahra Bouzid"]),
        # Turkish, with diacritics, also ASCII-folded and decomposed (NFD)
        ("Ayşe Yılmaz en Mehmet Öztürk", ENTITY, ["Ayşe Yılmaz", "Mehmet Öztürk"]),
        ("Ayse Yilmaz zonder tekens", ENTITY, ["Ayse Yilmaz"]),
        ("Hüseyin Çelik", ENTITY, ["Hüseyin Çelik"]),
        ("İbrahim Şahin", ENTITY, ["İbrahim Şahin"]),
        (
            unicodedata.normalize("NFD", "Gülşen Doğan"),
            ENTITY,
            [unicodedata.normalize("NFD", "Gülşen Doğan")],
        ),
        # Surinamese
        ("Radjesh Ramdin en Sunita Mahabier", ENTITY, ["Radjesh Ramdin", "Sunita Mahabier"]),
        ("Jerrel Zandvliet", ENTITY, ["Jerrel Zandvliet"]),
        # Somali
        ("Ayaan Hirsi Ali", ENTITY, ["Ayaan Hirsi Ali"]),
        ("Hodan Abdullahi Warsame", ENTITY, ["Hodan Abdullahi Warsame"]),
        ("Abdi Farah", ENTITY, ["Abdi Farah"]),
        # Antillean, Polish
        ("Churandy Martina", ENTITY, ["Churandy Martina"]),
        ("Łukasz Kowalski", ENTITY, ["Łukasz Kowalski"]),
        # all-caps surname, apostrophe surname
        ("Fatima BOUZID", ENTITY, ["Fatima BOUZID"]),
        ("Sharon O'Brien", ENTITY, ["Sharon O'Brien"]),
        # e-mail headers and labels
        ("From: Fatima Bouzid <f.bouzid@example.nl>", ENTITY, ["Fatima Bouzid"]),
        ('To: "Bouzid, Fatima" <f.bouzid@example.nl>', ENTITY, ["Bouzid, Fatima"]),
        ("Cc: Kees Jansen <k.jansen@example.nl>", ENTITY, ["Kees Jansen"]),
        ("Van: Bouzid, Fatima", ENTITY, ["Bouzid, Fatima"]),
        ("Naam: Bouzid", ENTITY, ["Bouzid"]),
        ("Aanvrager: M. El Amrani", ENTITY, ["M. El Amrani"]),
        # a form of address before a lower-case particle
        ("Gesprek met mevrouw van Dijk over", ENTITY, ["van Dijk"]),
        ("De heer el Amrani belde", ENTITY, ["el Amrani"]),
        ("dhr. van 't Hof was afwezig", ENTITY, ["van 't Hof"]),
        # a case role before a full name
        ("Betrokkene Dragan Ghebremedhin, geboren op", ENTITY, ["Dragan Ghebremedhin"]),
        ("buurvrouw meldde dat cliënt J. Pinas verhuisd is", ENTITY, ["J. Pinas"]),
        # register order at the start of a line or table cell
        ("Schouten, Kees\tZeist\t08-09-1996", ENTITY, ["Schouten, Kees"]),
        ("Heijden, Els van der\tZwolle", ENTITY, ["Heijden, Els van der"]),
        ("BOUZID, Fatima\t12-03-1980", ENTITY, ["BOUZID, Fatima"]),
        ("Deelnemers\nEl Amrani, M. - aanwezig", ENTITY, ["El Amrani, M."]),
        ("Aanwezig: Bakker, Jan; De Vries, Piet (voorzitter)", ENTITY, ["Bakker, Jan", "De Vries, Piet"]),
        ("Tjin A Tsoi, Sita\tHengelo", ENTITY, ["Tjin A Tsoi, Sita"]),
        # Somali names in Somali spelling
        ("sprak met Faadumo Cabdi Maxamed", ENTITY, ["Faadumo Cabdi Maxamed"]),
        # a name ends where "van de <acronym>", "in de ...", "van <organisation>" begins
        ("directeur Leo Pardon van de NMBS is", ENTITY, ["Leo Pardon"]),
        ("Toch zegt Fatima in de Verenigde Staten dat", ENTITY, []),
        ("Gesprek met mevrouw In de Betou", ENTITY, ["In de Betou"]),
        ("burgemeester Foubert van Sint-Niklaas heeft", ENTITY, ["Foubert"]),
        ("zegt Kees Broere in de Volkskrant", ENTITY, ["Kees Broere"]),
        ("zegt Piet Swimberghe van Knack", ENTITY, ["Piet Swimberghe"]),
        (
            "Jan Peter van Dijk en Karim Bouzid El Idrissi",
            ENTITY,
            ["Jan Peter van Dijk", "Karim Bouzid El Idrissi"],
        ),
        ("de heer Van der Berg-de Vries", ENTITY, ["Van der Berg-de Vries"]),
        # a middle initial
        ("Volgens Thomas L. Friedman hebben", ENTITY, ["Thomas L. Friedman"]),
        ("Nobelprijswinnaar Stanley B. Prusiner schreef", ENTITY, ["Stanley B. Prusiner"]),
        # a name before a comma and an office, or before a date of birth (also in capitals)
        ("Gezien: Anema, teamleider", ENTITY, ["Anema"]),
        ("Kromodimedjo, penningmeester; Tamminga, wijkagent;", ENTITY, ["Kromodimedjo", "Tamminga"]),
        ("- Sirad Hiirad Beerdhige,  lid", ENTITY, ["Sirad Hiirad Beerdhige"]),
        (
            "2. CABDIRISAAQ DUURAAN COLAAD, GEB. 1992-11-05, WOONT VELP.",
            ENTITY,
            ["CABDIRISAAQ DUURAAN COLAAD"],
        ),
        ("4. KARADAVUT, ZULFIKAR, GEB. 02-02-1977", ENTITY, ["KARADAVUT, ZULFIKAR"]),
        ("Yusuf Kartosen (geb. 3-3-1987) woont", ENTITY, ["Yusuf Kartosen"]),
        ("hoorde van een buurman, Verhoeckx, dat de gemeente", ENTITY, ["Verhoeckx"]),
        # an office or role in brackets, an attendance list, a Chinese-Surinamese surname in one word
        ("Aanwezig: Gretha Uitdehaag (voorzitter), en verder", ENTITY, ["Gretha Uitdehaag"]),
        ("telefoon;Parbatie Bhageloe (buurvrouw, 010-4718263)", ENTITY, ["Parbatie Bhageloe"]),
        ("vrijwilliger, Tjauw-A-Pung geb. 23-10-1981, tel", ENTITY, ["Tjauw-A-Pung"]),
        # a lone first name signing under a greeting
        ("Met vriendelijke groet,\nThiziri\n(juf groep 5)", ENTITY, ["Thiziri"]),
        ("Groet,\n\nDoutzen\n", ENTITY, ["Doutzen"]),
        ("Beste Lilawatie,\n\nZoals besproken", ENTITY, ["Lilawatie"]),  # an informal salutation
        ("Hallo Thamimount,\nZoals gevraagd", ENTITY, ["Thamimount"]),
        # a lone first name after a family word, and a list of children
        ("een vriendin van mijn dochter Lanny. Ik heb", ENTITY, ["Lanny"]),
        ("Zegt dat haar man Hüsnü niets", ENTITY, ["Hüsnü"]),
        ("vrouwengroep; haar man Nabiil Cige Dhakool is bekend", ENTITY, ["Nabiil Cige Dhakool"]),
        # the place after a name and a comma is not the name's second half
        ("1. Wagimin Ardjosemito, Lewenborg, geb. 19-1-1957", ENTITY, ["Wagimin Ardjosemito"]),
        ("Algemeen bestuurslid: Kwet Hoo-A-Pin, Capelle aan den IJssel;", ENTITY, ["Kwet Hoo-A-Pin"]),
        ("vader Pichon in de Verenigde Staten", ENTITY, ["Pichon"]),  # the name, not the country
        ("Kinderen: Sagalo (8), Xaddiyo (5), Ilays (3)", ENTITY, ["Sagalo", "Xaddiyo", "Ilays"]),
        ("Twee kinderen, Ravza en Göktuğ, basisschoolleeftijd.", ENTITY, ["Ravza", "Göktuğ"]),
        # a calendar attendee, an XML element named as a label, a kunya, a byline
        (
            'ATTENDEE;ROLE=REQ-PARTICIPANT;CN="Lachhab, Lamya":mailto:l.lachhab@denhaag.nl',
            ENTITY,
            ["Lachhab, Lamya"],
        ),
        (
            "<persoon>\n  <achternaam>Imrabten</achternaam>\n  <voornamen>Belkacem</voornamen>",
            ENTITY,
            ["Imrabten", "Belkacem"],
        ),
        ("Oum Dujana;kunya;x\nzijn vriend Abu Yusuf belde", ENTITY, ["Oum Dujana", "Abu Yusuf"]),
        (
            "Door Roosmarijn Ooms en Cihangir Ulusoy, politieke redactie\n",
            ENTITY,
            ["Roosmarijn Ooms", "Cihangir Ulusoy"],
        ),
        ("BRIEVEN\nSamenstelling: Annegreet Sipma\n", ENTITY, ["Annegreet Sipma"]),
        # a surname with a street ending that also ends surnames: a street only before a number
        ("Gisteren belde Piet Hoogendijk over de zaak", ENTITY, ["Piet Hoogendijk"]),
        ("Hij woont aan de Zeedijk 12. Mevrouw Velthof belde", ENTITY, ["Velthof"]),
        # a mosque board in Turkish: offices before, forms of address after a name
        (
            "sayman Sabri Halıcı, üye Ertan Kazanci",
            ENTITY,
            ["Sabri Halıcı", "Ertan Kazanci"],
        ),
        ("Cafer Yorgancı Bey opent om 20:05", ENTITY, ["Cafer Yorgancı"]),
        # a byline under "Van onze verslaggever"; a letter's writer with the town
        ("Van onze correspondent\nNadia Chotoe – Paramaribo\n", ENTITY, ["Nadia Chotoe"]),
        ("niemand het.\nHielkje Wijbenga-Ypma, Sneek\n", ENTITY, ["Hielkje Wijbenga-Ypma"]),
        # a name label without its colon; a title after a label belongs to the title pattern
        ("met oe. Voornaam Ponirin. Hij is imam", ENTITY, ["Ponirin"]),
        ("Werknemer: Dhr. A. Bouzambou\n", ENTITY, ["A. Bouzambou"]),
        # a register's first name in brackets after the initials
        ("067392810\tAhaddouti, M. (Mouad)\t12-05-1986", ENTITY, ["Ahaddouti, M.", "Mouad"]),
        # a vCard: the formatted name is a label, the structured name has its fields
        ("BEGIN:VCARD\nN:Doorninck;Pieternel;van;;\n", ENTITY, ["Doorninck", "Pieternel"]),
        ("VERSION:3.0\nFN:Pieternel van Doorninck\n", ENTITY, ["Pieternel van Doorninck"]),
        ("Kaya, M. (SZW)\tlopend", ENTITY, ["Kaya, M."]),  # an organisation in brackets is no first name
        # a label in JSON quotes
        ('{"achternaam": "Dubad",\n "voornamen": "Faynuus Caateeye"}', ENTITY, ["Dubad", "Faynuus Caateeye"]),
        # authors before a year, a newspaper's credits, a web comment's author
        ("zie Nohutçu & Droubi (2018), p. 4", ENTITY, ["Nohutçu", "Droubi"]),
        (
            "zoals Ravensbergen (2019, p. 12) en Bouzid et al. (2021) lieten zien",
            ENTITY,
            ["Ravensbergen", "Bouzid"],
        ),
        ("Tekst: Nazdar Herki | Foto’s: Izairo Thode\n", ENTITY, ["Nazdar Herki", "Izairo Thode"]),
        ("de vrijwilligers.\n\nRqia – 28 april 2022, 19:15\nMijn moeder", ENTITY, ["Rqia"]),
        ("Ifraax - 3-5-2022 21:30\nIk ben", ENTITY, ["Ifraax"]),
        # a member of parliament; a salutation in a mail-merge cell
        ("Vlaams Parlementslid Bavo Demeulenaere vroeg", ENTITY, ["Bavo Demeulenaere"]),
        ("Beste Gurxan,;De heer G.S. Hiraabe;Hoefkade 12", ENTITY, ["Gurxan", "G.S. Hiraabe"]),
        # an author's initials closing a paragraph
        ("samen. (KS)\nDe maand", ENTITY, ["KS"]),
        ("in Anderlecht .\n( RG )\n", ENTITY, ["RG"]),
        # birth announcements: the child on its own line or before "werd geboren", the parents
        ("onze dochter en zusje\nTiluz\ngeboren op 3 februari 2024 om 04.12 uur", ENTITY, ["Tiluz"]),
        ("De eerste baby van 2023, Titrit, werd geboren op 1 januari 2023", ENTITY, ["Titrit"]),
        ("Dochter van Ismahaan Qorrax Shiirdoon", ENTITY, ["Ismahaan Qorrax Shiirdoon"]),
        # the people a form lists with the applicant, a relative in brackets
        (
            "Namen overige personen: Zerrin (dochter), Heiltje Oldenhof (vriendin)",
            ENTITY,
            ["Zerrin", "Heiltje Oldenhof"],
        ),
        # a web byline with a middle dot; a role between the name and the phone number
        (
            "Door Wiepkje Rouwenhorst · Beeld: Rinus Slotboom\n",
            ENTITY,
            ["Wiepkje Rouwenhorst", "Rinus Slotboom"],
        ),
        ("1. Doetje Wassenbergh, oud-leidinggevende, 070-3512287", ENTITY, ["Doetje Wassenbergh"]),
        # an age or a school group in brackets; a magazine's credits
        (
            "De jongste, Tamsnawt (44), woont in Purmerend. Tagrawla (16) wil advocaat worden.",
            ENTITY,
            ["Tamsnawt", "Tagrawla"],
        ),
        ("Kazbek (gr. 5) spreekt nog weinig Nederlands", ENTITY, ["Kazbek"]),
        # a place of birth; a convert called brother; @mentions (not an e-mail address)
        ("Luqmaan Hoobaan werd geboren in Baraawe en kwam", ENTITY, ["Luqmaan Hoobaan"]),
        ("onze bekeerde broeder Obbe, die elke vrijdag", ENTITY, ["Obbe"]),
        # a bank export's counterparties in capitals with initials; a payment's description
        (
            '"Af";"T BOUMAAZA-OURAHOU";"NL97RBRB4509425661"\n"Bij";"KILAVUZ H";"NL86ABNA3006578032"\n'
            '"Af";"HR R BHIKHARIE";"NL52INGB0272211833"',
            ENTITY,
            ["T BOUMAAZA-OURAHOU", "KILAVUZ H", "R BHIKHARIE"],
        ),
        ("IBAN NL43ABNA1246150347\nTen name van     M Z KARABIYIK\n", ENTITY, ["M Z KARABIYIK"]),
        ('"GT";"Voor de kinderen, liefs Azzedine";"2023"', ENTITY, ["Azzedine"]),
        # a feed's author; a label with a qualifier; grandchildren
        ("  <dc:creator>Lorraine Tjien Fooh</dc:creator>\n", ENTITY, ["Lorraine Tjien Fooh"]),
        ("Behandelaar verzekeraar: Ivanhoe Vriesde\n", ENTITY, ["Ivanhoe Vriesde"]),
        ("Gefeliciteerd van je kleinkinderen Ömür en Selvi.", ENTITY, ["Ömür", "Selvi"]),
        ("Lalmohan Mangroelal en zijn zonen Ravin en Soerinder spelen", ENTITY, ["Ravin"]),
        # a colophon's and a film's credits, the role before a column gap
        ("COLOFON\nEindredactie         Wabe Seinstra\n", ENTITY, ["Wabe Seinstra"]),
        ("eindredactie omroep       Fokeline Barendsen\n", ENTITY, ["Fokeline Barendsen"]),
        ('"GT";"lening terug, groet Muntaser al-Hashimi";"2023"', ENTITY, ["Muntaser al-Hashimi"]),
        # a web comment's author; a TV caption with the role after a dash
        ("REACTIES (38)\n\nDurkje Valkema · 1 uur geleden\nSterke column.", ENTITY, ["Durkje Valkema"]),
        (">> SUPER 5: Deeqo Nuuriye Gaagaale – vrijwilliger, Houten", ENTITY, ["Deeqo Nuuriye Gaagaale"]),
        # a form of address at the end of a wrapped line
        (
            "Zijn echtgenote, mevrouw\nTafat Tigadi-Ahmimou, is in dat overzicht",
            ENTITY,
            ["Tafat Tigadi-Ahmimou"],
        ),
        ('reviewers: ["@Merlyne", "@Nihad"]\nmail f.bouzid@Example.nl', ENTITY, ["Merlyne", "Nihad"]),
        (
            "Tekst Willemke Hoogenraad  ·  Fotografie Jildert Sieswerda\n",
            ENTITY,
            ["Willemke Hoogenraad", "Jildert Sieswerda"],
        ),
        # a mail merge greets with the whole name; the people next door by first name
        ("Beste Engelbertus Tolhuijs,\n\nHieronder", ENTITY, ["Engelbertus Tolhuijs"]),
        ("Mijn buurman Teame wil graag komen.", ENTITY, ["Teame"]),
        # a wrapped line between a relative or a title and the name
        ("Haar zoon\nThoufik kreeg geen stageplek.", ENTITY, ["Thoufik"]),
        ('"Niemand," aldus dominee\nOlferd Bakkenes.', ENTITY, ["Olferd Bakkenes"]),
        # a social-media page: comment authors under the reactions line, activity lines
        (
            "Tot dan!\nVind ik leuk · Reageren · 3 d\n\nKoosje Lensink\nIk ben vrijwilliger.\n"
            "Vind ik leuk · Reageren · 2 d\n\n  Tamer Sahloul\n  Ja.\n",
            ENTITY,
            ["Koosje Lensink", "Tamer Sahloul"],
        ),
        (
            "Ngatmin Troeno heeft het evenement gedeeld.\nSjan Afoeng is geïnteresseerd.",
            ENTITY,
            ["Ngatmin Troeno", "Sjan Afoeng"],
        ),
        # a surname in capitals after a form of address, however short
        ("voor mevrouw NG en dhr. KAYA", ENTITY, ["NG", "KAYA"]),
        # a role of the credits before a colon
        (
            "Eindredactie: Aldrich Siauw\nTechniek: Edmilson Furtado",
            ENTITY,
            ["Aldrich Siauw", "Edmilson Furtado"],
        ),
        # a note linking to a person's page, also with an alias after the bar
        (
            "Aanwezig: [[Meeuwis Brandjes]], [[Adelheid van Ravenswaay|Adelheid]]",
            ENTITY,
            ["Meeuwis Brandjes", "Adelheid van Ravenswaay"],
        ),
        # initials signing a note: after a sentence, a dash, a paraph label or alone on the line
        ("Graag even overleggen.\n\nC.E.\n", ENTITY, ["C.E."]),
        ("Nagaan bij de penningmeester. – J.S.’\n", ENTITY, ["J.S."]),
        ("Paraaf: R.H.", ENTITY, ["R.H."]),
        ("niet gedaan, medisch! V.C.", ENTITY, ["V.C."]),
        # motions, cabinets and affairs named after persons
        ("Stemmingen, o.a. motie-Aharrar/Sikma over informeren", ENTITY, ["Aharrar", "Sikma"]),
        ("onder het kabinet-Rutte IV en het amendement-Van der Staaij", ENTITY, ["Rutte", "Van der Staaij"]),
    ],
)
def test_person_names_are_found(recognizer, found_spans, locate, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == locate(text, expected)


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("Ministerie van SZW", ENTITY, []),
        ("het Ministerie van Sociale Zaken en Werkgelegenheid", ENTITY, []),
        ("Stichting Al Fourkaan", ENTITY, []),
        ("Den Haag", ENTITY, []),
        ("Mohammed uit Den Haag", ENTITY, []),
        ("Mohammed", ENTITY, []),
        ("De profeet Mohammed zei", ENTITY, []),
        ("Fatima.", ENTITY, []),
        ("Fatima belde gisteren", ENTITY, []),
        ("Maart 2023", ENTITY, []),
        ("Amsterdam Rotterdam Utrecht", ENTITY, []),
        ("Gemeente Utrecht <info@utrecht.nl>", ENTITY, []),
        ("Aan: Burgemeester en Wethouders", ENTITY, []),
        ("Bijlage A. Inleiding", ENTITY, []),
        ("Plan B. Daarna ging hij", ENTITY, []),
        ("Albert Heijn", ENTITY, []),
        ("Laan van Meerdervoort 12", ENTITY, []),
        ("Jan van Galenstraat 5", ENTITY, []),
        ("Fatima Maandag", ENTITY, []),
        ("dhr. de", ENTITY, []),
        ("met de NS. Daarna", ENTITY, []),
        ("fatima bouzid in kleine letters", ENTITY, []),
        ("Naam: Adres: Woonplaats:", ENTITY, []),
        ("Naam: Onbekend", ENTITY, []),
        # a name never runs across a table cell (tab)
        ("Warsame\tBashir\tHengelo", ENTITY, []),
        # office titles take "van" as "of", roles need a full name
        ("minister van Binnenlandse Zaken", ENTITY, []),
        ("burgemeester van Eisenach", ENTITY, []),
        ("de cliënt Werk en Inkomen", ENTITY, []),
        # register order needs a first name (or initials) and a whole cell
        ("Utrecht, Jan 2020", ENTITY, []),
        ("Amsterdam, Rotterdam en Utrecht", ENTITY, []),
        # headings, weekdays in mail headers
        ("2. Casuïstiek", ENTITY, []),
        ("Date: Wed, 05 Feb 2020 14:50:00 +0100", ENTITY, []),
        # abbreviations in capitals closing a line, initials inside a sentence
        ("Zie de bijlage. N.B.\nAlles is verstuurd naar de V.S.\n", ENTITY, []),
        ("Graag zsm terug. A.U.B.\n", ENTITY, []),
        ("De stukken gaan naar J.S. morgen", ENTITY, []),
        ("de commissie-Meldingen en de zaak-Utrecht", ENTITY, []),  # an ordinary word, a place
        # acronyms in brackets after a noun or inside a sentence are no author initials
        ("de Algemene verordening gegevensbescherming (AVG)\n", ENTITY, []),
        ("Zie de wet. (AVG) Dit geldt", ENTITY, []),
        # a form's section headings in capitals are no initials and surname
        ("A. GEGEVENS MELDER\nNaam:", ENTITY, []),
        ("Aan: Taskforce OGF (via de coördinator)", ENTITY, []),  # ordinary word + acronym
        ("Jeugdbescherming West 088 123 4567", ENTITY, []),  # an organisation's phone line
        ("Gemeente Utrecht   030 286 31 74", ENTITY, []),
        ("Met vriendelijke groet,\n\nAfdeling Communicatie\n", ENTITY, []),  # a department signs
        ("Met vriendelijke groet,\nNamens\n", ENTITY, []),  # an ordinary word under a greeting
        ("Groet,\nTeam\n", ENTITY, []),
        ("Beste allen,\nDag Team,\nBeste Collega,\n", ENTITY, []),
        ("zoals besproken,\nWerkgroep Radicalisering\n", ENTITY, []),
        ("imam Bosnische gemeenschap", ENTITY, []),  # an adjective of nationality
        ("directeur Islamitische Basisschool", ENTITY, []),
        ("Sent: Friday, November 5, 2021 10:02 AM", ENTITY, []),
        # an acronym or a place before ", <office>" is the organisation or where it happened
        ("Aanwezig: iemand (SZW, voorzitter), iemand (NCTV, secretaris)", ENTITY, []),
        # a year after a place or an organisation is no publication; a dateline is no comment's author
        ("Utrecht (2019) en Stichting Al-Amal (2020)", ENTITY, []),
        ("Door de regering werd besloten", ENTITY, []),  # a byline needs a name
        # capitals with a letter in a cell: an ordinary word is no name
        ('"TARIEF B";"KLASSE A";"BLOK C"', ENTITY, []),
        # a gap of a text table is no blank inside a name; a role without a gap is a sentence
        ("Fotografie           Bureau Wieringa, Amsterdam\n", ENTITY, []),
        ("Redactie mag alles inkorten.\n", ENTITY, []),
        # holidays and the name of God are no persons
        ("Kinderen zijn vrij met Divali en Suikerfeest.", ENTITY, []),
        ("Beste Allah,\n", ENTITY, []),
        # a dateline in capitals before a sentence that opens with an office
        ("DEN HAAG - Imam van de moskee opent", ENTITY, []),
        ("Algemene Zaken, Den Haag\nUtrecht, Nederland\n", ENTITY, []),  # no first name, a place
        ("Amsterdam – 12 mei 2022\nDe gemeente", ENTITY, []),
        ("In Utrecht, voorzitter van het overleg", ENTITY, []),
        ("Het Buurtcomité, voorzitter", ENTITY, []),
        ("De voorzitter, Stichting Alamal, zei", ENTITY, []),
        ("Een buurman, Gemeente Utrecht, belde", ENTITY, []),
        ("de vrouw Nederland en de zoon Stichting", ENTITY, []),
        # a place or an ordinary word before "geboren": "Tweeling<NEWLINE>geboren op" is a heading
        ("Amsterdam\ngeboren op 3 februari 2024", ENTITY, []),
        ("Tweeling\ngeboren op 3 februari 2024", ENTITY, []),
        ("Zie Bijlage (2) en Amsterdam (12).", ENTITY, []),  # an ordinary word, a place
        ("Foto ANP\n", ENTITY, []),  # a press agency in capitals
        ("Gemeente Utrecht – voorzitter", ENTITY, []),
        ("--- Nieuwe imam\nLELYSTAD - De Turkse moskee", ENTITY, []),  # a headline, then a dateline
        ("de zoon van Nederland", ENTITY, []),
        # a headline, then a dateline in capitals; activity of an organisation
        ("Nieuwe imam\nLELYSTAD - De moskee", ENTITY, []),
        ("Stichting Alamal heeft het evenement gedeeld.", ENTITY, []),
        # acronyms after a function title or a label are a directorate or a mailbox
        ("Zaakregistratie JZ\tdirecteur JZ\tja", ENTITY, []),
        ("From: MTO SZW 2024 <mto-szw@example.nl>", ENTITY, []),
        # a wiki link to a topic or with one word is no person
        ("Zie [[Overleg]] en [[Jaarplan Taskforce]]", ENTITY, []),
        (
            "Oosterparkstraat 55, 9713 GE Groningen, geb. 3-3-'77",
            ENTITY,
            [],
        ),  # a postcode's letters  # a country, an organisation word
    ],
)
def test_non_persons_are_not_reported(recognizer, found_spans, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == expected


def test_person_cells_keep_their_own_span(recognizer):
    text = "Warsame, Bashir\tHengelo\t01-04-1971"
    assert [text[r.start : r.end] for r in recognizer.analyze(text, [ENTITY])] == ["Warsame, Bashir"]


def test_title_scores_higher_than_initials(recognizer):
    scores = {
        r.analysis_explanation.pattern_name: r.score
        for r in recognizer.analyze("mevrouw Bouzid en C. Jansen", [ENTITY])
    }
    assert scores["title + name"] > scores["initials + surname"]


@pytest.mark.parametrize(
    "text",
    [
        "rapporteert aan de directeur Samenleving en Integratie.",
        "de minister Sociale Zaken en Werkgelegenheid",
    ],
)
def test_directorates_after_a_function_title_are_not_persons(text: str) -> None:
    from piigov.detection.recognizers.nl_person_recognizer import NlPersonRecognizer

    assert NlPersonRecognizer().analyze(text, ["PERSON"]) == []


def test_a_name_after_a_function_title_still_counts() -> None:
    from piigov.detection.recognizers.nl_person_recognizer import NlPersonRecognizer

    text = "minister Van Gennip"
    spans = [text[r.start : r.end] for r in NlPersonRecognizer().analyze(text, ["PERSON"])]
    assert spans == ["Van Gennip"]


def test_a_mosque_or_foundation_named_after_a_kunya_is_no_person(detector) -> None:
    for text in ("Stichting Abu Hanifa helpt", "de moskee Abu Bakr in Gouda", "Abu Bakr-moskee"):
        assert [d for d in detector.detect(text) if d.entity_type == "PERSON"] == [], text
