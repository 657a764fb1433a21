"""NlPersonRecognizer: person names in Dutch government text, without a statistical model.

Patterns (scores in conf/recognizers.yaml):

* ``title + name`` -- a form of address or office before the name: "mevrouw Bouzid",
  "dhr. Kaya", "de heer Van der Berg", "mw. El Amrani", "wethouder De Vries". The title is
  context, not part of the reported span.
* ``initials + surname`` -- "C.E.G. van Gennip", "M. El Amrani", "H. Öztürk".
* ``first name + surname`` -- a first name from ``data/first_names.txt`` followed by one to
  three capitalised surname tokens with optional particles from ``data/name_particles.txt``:
  "Fatima Bouzid", "Jan van der Berg", "Ayaan Hirsi Ali", "Ayşe Yılmaz".
* ``e-mail display name`` -- "Fatima Bouzid <f.bouzid@example.nl>", "Bouzid, Fatima <...>".
* ``labelled name`` -- "Naam: Bouzid", "Van: Fatima Bouzid" (mail headers printed as text).
* ``name + initial + surname`` -- "Stanley B. Prusiner" (a first name not in the list).
* ``author initials`` -- "(KS)" closing a paragraph after a sentence: an author's sign-off.
* ``name in a compound`` -- "motie-Aharrar/Sikma", "kabinet-Rutte", "zaak-Ben Johnson": the
  person a motion, cabinet or affair is named after.
* ``initials closing a note`` -- "Graag even overleggen. H.W.", "– J.S.", "Paraaf: R.H.": initials
  alone at the end of a line, after a sentence, a dash or a paraph label.
* ``name + phone number`` -- "Yoonis Wehliye, 06 17 44 09 82": a contact list or chat line.
* ``signature`` -- a name alone on its line under "Met vriendelijke groet," or "namens deze,".
* ``name + office`` -- "Gelle, voorzitter van de vereniging", "S. CELESTIJN, BRIGADIER".
* ``name + date of birth`` -- "WASSIM QASSAB, GEB. 17-01-1985", "Fatima Bouzid (geb. 3-3-1987)".
* ``role, name,`` -- a name between commas after a role: "een buurman, Verhoeckx, dat".
* ``relative + first name`` -- "mijn dochter Lanny", "Kinderen: Sagalo (8), Xaddiyo (5)".
* ``first name in brackets after initials`` -- "Ahaddouti, M. (Mouad)" (register order).
* ``vCard name`` -- "N:Doorninck;Pieternel;van;;" (the formatted name "FN:" is a label).
* ``author before a year`` -- "Nohutçu & Droubi (2018)", "Bouzid et al. (2021)".
* ``name before a dash and a date`` -- a web comment's author: "Rqia – 28 april 2022, 19:15".
* ``common name (CN=)`` -- a calendar attendee: 'ATTENDEE;CN="Lachhab, Lamya":mailto:...'.
* ``name in a labelled XML element`` -- "<achternaam>Imrabten</achternaam>".
* ``kunya`` -- "Oum Dujana", "Abu Yusuf", "Umm Sumayya".
* ``bank-style name`` -- a bank export's counterparty in capitals with initials: "KILAVUZ H",
  "HR R BHIKHARIE" (a whole cell, or after "t.n.v."; the form of address is left out).
* ``credits`` -- a colophon's or a film's credits: "Eindredactie         Wabe Seinstra".
* ``name after a closing word`` -- "liefs Azzedine", "groet Muntaser al-Hashimi" ending a line
  or cell (a payment's description, a chat line).
* ``byline`` -- "Door Roosmarijn Ooms en Cihangir Ulusoy", "Samenstelling: Annegreet Sipma".

What is never reported: a lone first name ("Mohammed"), a place ("Den Haag"), a month, and a
sequence starting with a word from ``data/person_exceptions.txt`` (organisation words such as
"Ministerie", "Stichting", "Gemeente", sentence starters, headings, months). Those words also
end a name, and street names ("...straat", "...laan") are never surname tokens.
Matching is case-sensitive: capitalisation is the main signal that a word is a name.
"""

from __future__ import annotations

import re

import regex
from presidio_analyzer import Pattern

from piigov.detection.prefilter import Requires
from piigov.detection.recognizers._shared import (
    BLANK,
    BLANKS,
    EXCEPTION_START,
    EXCEPTION_WORD,
    INITIALS,
    NAME_BLANK,
    NAME_BLANKS,
    NAME_SEQUENCE,
    NAME_SEQUENCE_AFTER_FIRST_NAME,
    NAME_SEQUENCE_AFTER_TITLE,
    NAME_WORD,
    NOT_AFTER_WORD,
    NOT_BEFORE_WORD,
    PARTICLE,
    SURNAME,
    TRAILING_PARTICLES,
    NlPatternRecognizer,
)
from piigov.detection.wordlists import (
    COMPASS_WORDS,
    is_nationality_adjective,
    is_ordinary_word,
    load_wordlist,
    trie_regex,
    unambiguous_places,
    variant_set,
)

_FIRST_NAME = trie_regex(variant_set("first_names.txt"))
# a capitalised word with lower-case letters, as a first name is written ("Mouad", "Sariyem")
_FIRST_NAME_SHAPE = r"\p{Lu}\p{M}*[\p{Ll}\p{M}]+(?:-\p{Lu}\p{M}*[\p{Ll}\p{M}]+)?"
_CAPITALS_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*")
_TITLE_EXCEPTION = trie_regex(set(load_wordlist("title_exceptions.txt")))

# Forms of address: the name after them may start with a lower-case particle ("mevrouw van Dijk").
_ADDRESS_TITLES = (
    r"(?i:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|heer|dhr\.?|hr\.?|mr\.?|mrs\.?|ms\.?|"
    r"dr\.?|drs\.?|ir\.?|ing\.?|prof\.?)"
)
# First letters of the lower-case particles (with the last letters of _ADDRESS_TITLES: cheap
# checks that keep the "title + particle name" pattern from trying its lookbehind everywhere).
_PARTICLE_FIRST = regex.escape(
    "".join(sorted({p[0] for p in load_wordlist("name_particles.txt") if not p[0].isupper()}))
)
# Offices: "minister van Binnenlandse Zaken", "burgemeester van Eisenach" -- "van" is "of" here.
_TITLES = (
    rf"(?:{_ADDRESS_TITLES}|(?i:familie|fam\.?|wijlen|"
    r"burgemeester|wethouder|minister|staatssecretaris|gedeputeerde|commissaris|directeur|"
    # a ministry's directors-general and secretary-general: "DG Tekie Ogbazion"
    r"dg|sg|"
    # members of parliament and councils: "Vlaams Parlementslid Bavo Demeulenaere", "Kamerlid Ruim"
    r"kamerlid|tweede-kamerlid|parlementslid|raadslid|gemeenteraadslid|statenlid|europarlementariër|senator|"
    # a mosque board's offices in Turkish: "sekreter Meral Kürkçü", "üye Ertan Kazanci"
    r"başkan|baskan|sekreter|sayman|üye|uye|"
    r"advocaat|notaris|huisarts|rechter|officier\s+van\s+justitie|"
    # religious offices and forms of address: "imam Abdelhakim", "hodja Yıldırım", "dominee Hoekstra"
    r"imam|imams|sjeik|sheikh|sjeich|hodja|hoca|ustadh|oestadz|mufti|dominee|ds\.|pastoor|pastor|"
    r"pater|kapelaan|rabbijn|rabbi|pandit|pundit|swami))"
)
_LABELS = (
    r"(?i:naam|achternaam|geslachtsnaam|voornaam|voornamen|roepnaam|geboortenaam|"
    r"naam\s+cliënt|naam\s+client|cliënt|client|klant|aanvrager|betrokkene|verzoeker|klager|melder|"
    r"contactpersoon|behandelaar|ondertekenaar|echtgenoo?te?|partner|"
    r"van|aan|cc|bcc|from|to|afzender|geadresseerde|"
    # who wrote, took or signed a note: "Aangenomen door: Cüneyt Erdoğdu", "Beller: Gonca Sevim"
    r"(?:aangenomen|opgesteld|behandeld|ingevuld|gemeld|genoteerd|ondertekend|geschreven|gesproken)\s+door|"
    r"gesprek\s+met|beller|melder|auteur|opsteller|notulist|gespreksleider|casusregisseur|"
    r"voorzitter|secretaris|penningmeester|bestuurslid|imam|contact|griffier|rolrechter|presentator|"
    # minutes: "Aanwezig: Gretha Uitdehaag (voorzitter), ..."
    r"aanwezig|aanwezigen|afwezig|afgemeld|verhinderd|genodigden|"
    # a newspaper's credits ("Tekst: Nazdar Herki | Foto’s: Izairo Thode"); a vCard's formatted name
    r"tekst|foto|foto['’]s|fn)"
)
# Words for a person by their role in a case, written before the name without a colon:
# "Betrokkene Dragan Ghebremedhin", "cliënt M. Bouzid", "echtgenote Hodan Abdi Warsame".
_ROLES = (
    r"(?i:betrokkenen?|cliënte?|cliente?|klant|aanvraagster|aanvrager|verzoekster|verzoeker|klaagster|"
    r"klager|melder|belanghebbende|bewoonster|bewoner|huurster|huurder|patiënte?|leerling|werkneemster|"
    r"werknemer|echtgenoo?te?|partner|zoon|dochter|vader|moeder|broer|zus|zuster|oom|tante|getuige|"
    r"verdachte|slachtoffer|overledene|gemachtigde|voogd|ouder|verzorger|ouder/verzorger|"
    r"jeugdbeschermer|gedragsdeskundige|hulpverlener|consulent|klantmanager|mentor|docent|leerkracht|"
    r"tolk|wijkagent|ambtenaar|coördinator|coordinator)"
)
# Offices and functions written after a name and a comma: "Gelle, voorzitter van de vereniging",
# "S. CELESTIJN, BRIGADIER", "Tamminga, wijkagent" (minutes, attendance lists, police reports).
_OFFICES_AFTER = (
    r"(?i:voorzitter|vicevoorzitter|vice-voorzitter|secretaris|penningmeester|bestuurslid|lid|"
    r"bestuurder|oprichter|wijkagent|hoofdagent|brigadier|inspecteur|rechercheur|agent|teamleider|"
    r"teamchef|analist|directeur|adjunct-directeur|imam|medewerker|beleidsmedewerker|beleidsadviseur|"
    r"adviseur|jurist|coördinator|coordinator|jongerenwerker|casusregisseur|leerplichtambtenaar|"
    r"woordvoerder|notulist|gespreksleider|voorganger|docent|leerkracht|tolk|vrijwilliger|vrijwilligster|"
    r"boekhouder|kassier|contactpersoon|consulent|klantmanager|projectleider|afdelingshoofd|"
    r"functionaris|ambtenaar|wethouder|burgemeester|raadslid|hodja|hoca|"
    # the people of a report: "Parbatie Bhageloe (buurvrouw, 010-...)"
    r"buurvrouw|buurman|getuige|melder|melster|aangever|aangeefster|"
    # the people a form lists with the applicant: "Zerrin (dochter), Heiltje Oldenhof (vriendin)"
    r"dochter|zoon|moeder|vader|schoonmoeder|schoonvader|schoonzus|zwager|broer|zus|echtgenoot|echtgenote|"
    r"vriendin|vriend|neef|nicht|oom|tante|opa|oma|kleinzoon|kleindochter)"
)
# "Gelle, voorzitter", "Gretha Uitdehaag (voorzitter)", "Parbatie Bhageloe (buurvrouw, ..."
# (or after a dash, as a TV caption writes it: "Deeqo Nuuriye Gaagaale – vrijwilliger, Houten"; in
# lower case: "DEN HAAG - Imam Bouzian ..." is a dateline and a sentence)
_OFFICE_AFTER = (
    rf"(?:,{NAME_BLANKS}|{NAME_BLANK}*\({NAME_BLANK}*|{NAME_BLANKS}[–—-]{NAME_BLANKS}(?=\p{{Ll}}))"
    rf"{_OFFICES_AFTER}{NOT_BEFORE_WORD}"
)
# What follows a name when a date of birth comes next: "WASSIM QASSAB, GEB. 17-01-1985",
# "Fatima Bouzid (geb. 3-3-1987)", "Bouzid, Fatima, geboren 12-03-1987".
# (or a place of birth: "Luqmaan Hoobaan werd geboren in Baraawe")
_BIRTH_WORD = (
    r"(?:(?i:geb\.?|geboren(?:[ \u00a0]+op)?)[ \u00a0:]*\d|(?i:geboren)[ \u00a0]+(?i:in|te)[ \u00a0]+\p{Lu})"
)
# an age or a school group in brackets after a name: "(44)", "(gr. 5)"
_AGE_AFTER = r"[ \u00a0]*\((?:\d{1,2}|(?i:gr\.?|groep)[ \u00a0]*\d)\)"
# (a birth announcement puts the name on its own line, or says "werd geboren": "Tiluz<NEWLINE>geboren
# op 3 februari 2024", "Titrit, werd geboren op 1 januari")
_BIRTH_AFTER = rf"[ \u00a0]*[,(]?[ \u00a0]*(?:\r?\n[ \t\u00a0]*)?(?:(?i:werd|is)[ \u00a0]+)?{_BIRTH_WORD}"
# Family words before a lone first name: "mijn dochter Lanny", "haar man Hüsnü", and a list of
# children: "Kinderen: Sagalo (8), Xaddiyo (5)", "twee kinderen, Ravza en Göktuğ".
_RELATIVES = (
    r"(?i:dochter|dochtertje|zoon|zoontje|broer|broertje|zus|zusje|man|vrouw|echtgenoot|echtgenote|"
    r"vader|moeder|stiefvader|stiefmoeder|stiefzoon|stiefdochter|pleegzoon|pleegdochter|kleinzoon|"
    r"kleindochter|schoonzoon|schoondochter|neef|nicht|oom|tante|opa|oma|baby|broeder|zuster|"
    r"zonen|dochters|broers|zussen|zusjes|broertjes|"
    # the people next door and friends: "mijn buurman Teame"
    r"buurman|buurvrouw|buurjongen|buurmeisje|vriend|vriendin|vriendje|vriendinnetje)"
)
_CHILD_BEFORE = (
    rf"(?i:kleinkinderen|kleinkind|kinderen|kind)[ \u00a0]*[:,]?[ \u00a0]+(?:{NAME_WORD}(?:[ \u00a0]*\(\d{{1,2}}(?:[ \u00a0]*(?i:jaar|jr\.?))?\))?"
    rf"(?:[ \u00a0]*,[ \u00a0]*|[ \u00a0]+(?i:en)[ \u00a0]+))*"
)
# particles that are also prepositions: "vader Pichon in de Verenigde Staten" is no name
_PREPOSITION = r"(?i:in|op|uit|aan|bij)"
# what parliament and the press name after a person, with a hyphen: "motie-Aharrar", "kabinet-Rutte"
_NAMED_AFTER = (
    r"(?i:motie|moties|amendement|amendementen|kabinet|kabinetten|commissie|zaak|affaire|initiatiefwet|"
    r"initiatiefnota|initiatiefvoorstel|wetsvoorstel|rapport|doctrine|regering|tijdperk)"
)
# ... and the name: one or two name words, not a cabinet's number ("kabinet-Rutte IV")
_COMPOUND_NAME = (
    rf"(?:{PARTICLE}){{0,2}}{NAME_WORD}(?:{NAME_BLANKS}(?!(?:I{{1,3}}|IV|VI{{0,3}}|IX|X){NOT_BEFORE_WORD}){NAME_WORD})?"
    rf"{NOT_BEFORE_WORD}"
)
# abbreviations in capitals with full stops that may close a line: no one's initials
_ABBREVIATION_IN_CAPITALS = (
    r"(?:N\.B\.|P\.S\.|A\.U\.B\.|S\.V\.P\.|B\.V\.|N\.V\.|Z\.O\.Z\.|T\.A\.V\.|V\.S\.|E\.U\.|"
    r"O\.A\.|I\.V\.M\.|D\.W\.Z\.|T\.Z\.T\.|Z\.S\.M\.|I\.O\.|C\.Q\.|E\.D\.|M\.V\.G\.|V\.O\.F\.|"
    r"U\.S\.A\.|U\.K\.|P\.M\.|A\.M\.|N\.T\.B\.|I\.S\.M\.|T\.B\.V\.|V\.W\.B\.)(?!\p{Lu}\.)"
)
# what may follow a name in a contact list: a separator and the start of a Dutch phone number
_PHONE_AFTER = (
    # (a role in lower case may stand between: "Doetje Wassenbergh, oud-leidinggevende, 070-...")
    r"(?:,[ \t\u00a0]*\p{Ll}[\p{Ll}\-]*(?:[ \u00a0]+\p{Ll}[\p{Ll}\-]*){0,3}(?=[ \t\u00a0]*,))?"
    r"[ \t\u00a0]*[,:;|/]?[ \t\u00a0]*(?:(?i:tel|telefoon|mob|mobiel|gsm)\.?:?[ \t\u00a0]*)?"
    r"(?:\+31|0031|\(0|0)[ \u00a0]?-?[ \u00a0]?[1-9][ \u00a0\-)]?\d"
)
# a label ends in a colon or, on a printed form, in dot leaders: "achternaam ....... CIGAAL"
_LABEL_END = r"(?::|\.{3,}|…+)"
# register order has one surname before the comma ("Bouzid, Fatima", "El Amrani, F."); after two
# name words the comma ends the name ("Kwet Hoo-A-Pin, Capelle aan den IJssel")
_NAME_OR_COMMA_FORM = rf"(?:(?:{PARTICLE}){{0,2}}{SURNAME},{NAME_BLANK}*{NAME_SEQUENCE}|{NAME_SEQUENCE})"
# Where a name in register order ("Schouten, Kees") can stand: at the start of a line, a table
# cell (tab, ";", "|") or a list after a colon, after an optional bullet.
_CELL_START = r"(?<=(?:^|[\t;|:])[ \u00a0]*(?:[-–•*·][ \u00a0]+)?)"
# ... and what may follow it: the end of the line or cell, a remark in brackets or after a dash
_CELL_END = r"(?=[ \u00a0]*(?:$|[\t;|(),]|[-–][ \u00a0]))"

# A bank export's counterparty or account holder: capitals with initials before or after the
# surname ("KILAVUZ H", "AL HASHIMI M R", "HR R BHIKHARIE", "M Z KARABIYIK"), filling a CSV
# cell (quoted or not) or standing after "t.n.v."; a form of address stays outside the name.
_BANK_TITLE = r"(?:HR|MW|DHR|MEVR|FAM|HEER|MEVROUW)\.?[ \u00a0]+"
_BANK_CELL_START = (
    rf"(?<=(?:(?:^|[\t;|,])[ \u00a0]*\"?|(?i:t\.[ \u00a0]?n\.[ \u00a0]?v\.|ten[ \u00a0]+name[ \u00a0]+van)[ \t\u00a0]+)"
    rf"[ \u00a0]*(?:{_BANK_TITLE})?)"
)
_BANK_CELL_END = r"(?=[ \u00a0]*\"?[ \u00a0]*(?:$|[\t;|,]))"
_CAPS_SURNAME = (
    r"(?:(?:AL|EL|ABU|BEN|BIN|OULD|AIT|VAN(?:[ \u00a0]DE[RN]?)?|DE|TER|TEN)[ \u00a0-])?"
    r"\p{Lu}\p{M}*(?:\p{Lu}\p{M}*|['’]){2,}(?:-\p{Lu}\p{M}*(?:\p{Lu}\p{M}*){1,})*"
)
# The roles of a colophon or a film's credits, written before the names with a column gap:
# "Eindredactie         Wabe Seinstra", "eindredactie omroep       Fokeline Barendsen"
_CREDIT_ROLES = (
    r"(?i:regie|camera|montage|muziek|geluid|productie|productieleiding|producent|coproducent|eindredactie|"
    r"redactie|hoofdredactie|hoofdredacteur|eindredacteur|fotografie|foto['’]s|beeld|illustraties?|vormgeving|"
    r"opmaak|tekst|teksten|interviews?|research|presentatie|kleurcorrectie|scenario|script|vertaling|"
    r"ondertiteling|art[ ]direction|art[ ]director|styling|visagie|correctie|casting|samenstelling|"
    r"co[öo]rdinatie|cameraman|geluidsman|lichtontwerp|decor|kostuums|uitvoerend[ ]producent|voice-over|stem|"
    r"techniek|technicus|regisseur|vertaler|vertaalster|fotograaf|illustrator|illustratie|eindregie)"
    r"(?:[ ](?:en|&)[ ]\p{Ll}+|[ ]\p{Ll}+)?"
)
_BANK_INITIAL = r"\p{Lu}\.?"
# ... next to an account number: on its line or the line before ("TARIEF B" in a price list is no name)
_ACCOUNT = r"(?<![A-Z0-9])[A-Z]{2}\d{2}[ ]?(?:[A-Z]{4}|\d{4})[ ]?\d{4}[ ]?\d{2}"
_NEAR_AN_ACCOUNT = rf"(?:(?=[^\n]*{_ACCOUNT})|(?<={_ACCOUNT}[^\n]*(?:\n[^\n]*)?))"

# acronyms of two or three capitals and nothing else: after a function title or a label they are
# a directorate or a mailbox ("directeur JZ", "From: MTO SZW 2024 <...>"), not a name (author
# initials in brackets, "(KS)", and "mevrouw NG" stay names)
_ONLY_ACRONYMS = r"(?:\p{Lu}{2,3}[ \u00a0]+)*\p{Lu}{2,3}(?![\p{L}\p{M}.\-])"
_NOT_ONLY_ACRONYMS = rf"(?:(?<={_ADDRESS_TITLES}{BLANKS})|(?!{_ONLY_ACRONYMS}))"

PERSON_PATTERNS = (
    Pattern(
        "title + name",
        # (also on the next line of a wrapped text: "Zijn echtgenote, mevrouw<NEWLINE>Tafat Tigadi-Ahmimou")
        # (a form of address only: "Nieuwe imam<NEWLINE>LELYSTAD - ..." is a headline and a dateline)
        rf"(?=\p{{Lu}})(?<={NOT_AFTER_WORD}(?:{_TITLES}{BLANKS}|{_ADDRESS_TITLES}[ \t\u00a0]*\r?\n[ \t\u00a0]*))"
        rf"(?!{_TITLE_EXCEPTION}\b){_NOT_ONLY_ACRONYMS}"
        rf"(?:{INITIALS}{NAME_BLANK}{{0,2}})?{NAME_SEQUENCE_AFTER_TITLE}",
        0.85,
    ),
    Pattern(
        "title + name on the next line",
        # any title at the end of a wrapped line: "aldus dominee<NEWLINE>Olferd Bakkenes." (a name
        # in capitals there is a dateline under a headline: "Nieuwe imam<NEWLINE>LELYSTAD - ...")
        rf"(?=\p{{Lu}}\p{{Ll}})(?<={NOT_AFTER_WORD}{_TITLES}[ \t\u00a0]*\r?\n[ \t\u00a0]*)"
        rf"(?!{_TITLE_EXCEPTION}\b)(?!{EXCEPTION_WORD})"
        rf"(?:{INITIALS}{NAME_BLANK}{{0,2}})?{NAME_SEQUENCE_AFTER_TITLE}",
        0.6,
    ),
    Pattern(
        "title + particle name",
        rf"\b(?=[{_PARTICLE_FIRST}])(?<=[wWrRsSgGfF.]{BLANKS})(?<={NOT_AFTER_WORD}{_ADDRESS_TITLES}{BLANKS})"
        rf"(?={PARTICLE}\p{{Lu}}){NAME_SEQUENCE}",
        0.85,
    ),
    Pattern(
        "e-mail display name",
        rf"(?=\p{{Lu}})(?=[^\n<>@]{{1,120}}<){NOT_AFTER_WORD}(?!{EXCEPTION_START})(?:{INITIALS}{NAME_BLANK}{{0,2}})?"
        rf"(?:{NAME_SEQUENCE}{NAME_BLANKS}{SURNAME}|{NAME_SEQUENCE},{NAME_BLANK}*{NAME_SEQUENCE})"
        rf"(?=[\"']?{BLANK}*<[^<>\s@]+@[^<>\s]+>)",
        0.85,
    ),
    Pattern(
        "labelled name",
        # a label in JSON quotes too: '"achternaam": "Dubad"'
        # (a qualifier after the label: "Behandelaar verzekeraar: Ivanhoe Vriesde")
        # (a role of the credits: "Eindredactie: Aldrich Siauw", "Techniek: Edmilson Furtado")
        rf"(?=\p{{Lu}})(?<=(?:^|(?<![\p{{L}}\p{{M}}\p{{N}}]))(?:{_LABELS}|{_ROLES}(?:{BLANK}\d)?|{_CREDIT_ROLES})(?:{BLANK}\p{{Ll}}{{4,}})?"
        rf"[\"']?{BLANK}*{_LABEL_END}{BLANK}*[\"']?)"
        # a title after the label is no name ("Werknemer: Dhr. A. Bouzambou": the title pattern has it)
        rf"(?!{EXCEPTION_START})(?!{_ADDRESS_TITLES}[.\s])(?!{_ONLY_ACRONYMS})(?:{INITIALS}{NAME_BLANK}{{0,2}})?{_NAME_OR_COMMA_FORM}",
        0.75,
    ),
    # a name label without its colon, as in a chat: "Voornaam Ponirin."
    Pattern(
        "name after its label",
        rf"(?=\p{{Lu}})(?<={NOT_AFTER_WORD}(?i:voornaam|voornamen|roepnaam|achternaam|geboortenaam){NAME_BLANKS})"
        rf"(?!{EXCEPTION_WORD}){_FIRST_NAME_SHAPE}{NOT_BEFORE_WORD}",
        0.6,
    ),
    Pattern(
        "role + name",
        rf"(?=\p{{Lu}})(?<={NOT_AFTER_WORD}{_ROLES}{NAME_BLANKS})(?!{EXCEPTION_START})"
        rf"(?:{INITIALS}{NAME_BLANK}{{0,2}}{NAME_SEQUENCE}|(?:{PARTICLE}){{0,2}}{SURNAME}{NAME_BLANKS}"
        rf"(?!{_PREPOSITION}{NAME_BLANKS}){NAME_SEQUENCE})",
        0.7,
    ),
    Pattern(
        "surname, first name",
        rf"(?=\p{{Lu}}){_CELL_START}{NAME_SEQUENCE},{NAME_BLANK}*"
        rf"(?:{_FIRST_NAME}(?:-{NAME_WORD})?{NOT_BEFORE_WORD}(?:{NAME_BLANKS}{_FIRST_NAME}{NOT_BEFORE_WORD})?"
        rf"{TRAILING_PARTICLES}|{INITIALS}(?<=\.)){_CELL_END}",
        0.7,
    ),
    Pattern(
        "first name + surname",
        rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{M}}\p{{N}}'’.\-@])(?!{EXCEPTION_START})"
        rf"{_FIRST_NAME}(?:-{NAME_WORD})?{NOT_BEFORE_WORD}(?:{NAME_BLANKS}{_FIRST_NAME}{NOT_BEFORE_WORD})?"
        rf"(?:{NAME_BLANKS}{INITIALS}(?<=\.))?{NAME_BLANKS}{NAME_SEQUENCE_AFTER_FIRST_NAME}",
        0.7,
    ),
    Pattern(
        "name + initial + surname",
        rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{M}}\p{{N}}'’.\-@])(?!{EXCEPTION_START})"
        rf"\p{{Lu}}\p{{M}}*[\p{{Ll}}\p{{M}}]+{NAME_BLANKS}\p{{Lu}}\.{NAME_BLANK}*{NAME_SEQUENCE}",
        0.6,
    ),
    # a contact list or chat: a first word and a surname right before a phone number on the
    # same line ("Yoonis Wehliye, 06 17 44 09 82", "Frederique Brinkhorst   070 348 62 17")
    Pattern(
        "name + phone number",
        rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{M}}\p{{N}}'’.\-@])(?!{EXCEPTION_START})"
        # words one blank apart: a wider gap is the next column ("Gemeente Den Haag   Sadia Qureshi")
        rf"{_FIRST_NAME_SHAPE}(?:{NAME_BLANK}{SURNAME}){{1,2}}"
        rf"(?={_PHONE_AFTER})",
        0.6,
    ),
    # a signature: a name alone on its line under a closing line that ends in a comma ("Met
    # vriendelijke groet,", "namens deze,", "... wethouders van Gouda,"), blank lines between
    Pattern(
        "signature",
        rf"(?<=,[ \t\u00a0]*\r?\n(?:[ \t\u00a0]*\r?\n){{0,3}}[ \t\u00a0]*)(?!{EXCEPTION_START})"
        rf"(?:{INITIALS}{NAME_BLANK}{{0,2}})?{_FIRST_NAME_SHAPE}"
        rf"{NAME_BLANK}{NAME_SEQUENCE}(?=[ \t\u00a0]*(?:\r?\n|$))",
        0.6,
    ),
    # a lone first name after an informal salutation that opens a line: "Beste Lilawatie,"
    Pattern(
        "first name after a salutation",
        rf"(?<=^[ \t\u00a0]*(?i:beste|hallo|hoi|hey|hi|dag|lieve|goedemorgen|goedemiddag)[ \u00a0]+)"
        # or the whole name, as a mail merge writes it: "Beste Engelbertus Tolhuijs,"
        rf"(?!{EXCEPTION_WORD}){_FIRST_NAME_SHAPE}(?:{NAME_BLANK}(?!{EXCEPTION_WORD}){NAME_SEQUENCE})?"
        # the end of the line, or of a mail-merge cell: "Beste Gurxan,;De heer G.S. Hiraabe;..."
        rf"(?=[ \u00a0]*[,!]?[ \t\u00a0]*(?:\r?\n|$|[;|]))",
        0.6,
    ),
    Pattern(
        "bank-style name",
        rf"{_BANK_CELL_START}(?!{_BANK_TITLE})"
        rf"(?:(?:{_BANK_INITIAL}[ \u00a0]){{1,4}}{_CAPS_SURNAME}|{_CAPS_SURNAME}(?:[ \u00a0]{_BANK_INITIAL}){{1,4}})"
        rf"{_BANK_CELL_END}{_NEAR_AN_ACCOUNT}",
        0.6,
    ),
    Pattern(
        "credits",
        rf"(?<=^[ \t\u00a0]*{_CREDIT_ROLES}(?:[ \u00a0]{{2,}}|\t)[ \t\u00a0]*)"
        rf"(?!{EXCEPTION_START})(?:{INITIALS}{NAME_BLANK}{{0,2}})?{NAME_SEQUENCE}(?=[ \u00a0]*(?:,|\r?$|[|(]))",
        0.6,
    ),
    # a name after a closing word at the end of a line or cell: a payment's description
    # ("Voor de kinderen, liefs Azzedine", "lening terug, groet Muntaser al-Hashimi"), a chat line
    Pattern(
        "name after a closing word",
        rf"(?=\p{{Lu}})(?<={NOT_AFTER_WORD}(?i:groet|groeten|groetjes|liefs|mvg|gr\.)[ ,\u00a0]+)"
        rf"(?!{EXCEPTION_WORD}){NAME_SEQUENCE}(?=[ \u00a0!.]*\"?[ \u00a0]*(?:$|[\t;|]))",
        0.6,
    ),
    # a lone first name under a closing formula: "Met vriendelijke groet,\nThiziri\n"
    Pattern(
        "first name under a greeting",
        rf"(?<=(?i:groet|groeten|groetjes|mvg|gr\.?),[ \t\u00a0]*\r?\n(?:[ \t\u00a0]*\r?\n){{0,2}}[ \t\u00a0]*)"
        rf"(?!{EXCEPTION_WORD}){_FIRST_NAME_SHAPE}"
        rf"(?=[ \t\u00a0]*(?:\r?\n|$))",
        0.6,
    ),
    Pattern(
        "author initials",
        rf"(?<=(?:^|[.!?\"'’”])[ \t\u00a0]*\([ \u00a0]?)(?!{EXCEPTION_WORD})\p{{Lu}}[\p{{L}}]{{1,3}}"
        rf"(?=[ \u00a0]?\)[ \t\u00a0]*$)",
        0.5,
    ),
    Pattern(
        "name in a compound",
        # parliament and the press name motions, cabinets and affairs after a person: "motie-Aharrar/Sikma",
        # "kabinet-Rutte", "zaak-Ben Johnson", "amendement-Van der Staaij" (each name its own match)
        rf"(?<=(?<![\p{{L}}\p{{M}}]){_NAMED_AFTER}-(?:{_COMPOUND_NAME}/)*)"
        rf"(?:{PARTICLE}){{0,2}}(?!{EXCEPTION_WORD}){_COMPOUND_NAME}",
        0.6,
    ),
    Pattern(
        "initials closing a note",
        # after a full stop, a dash or a paraph label, or alone on its line; at the end of the line
        # (a closing quote may follow): "Nagaan bij Kooshin. – J.S.’", "Paraaf: R.H."
        rf"(?<=(?:^|[.!?\"'’”)][ \t\u00a0]+|[–—-][ \t\u00a0]*|(?i:paraaf|paraaf[ \t\u00a0]+voor[ \t\u00a0]+gezien|geparafeerd)[ \t\u00a0]*:?[ \t\u00a0]*))"
        rf"(?!{_ABBREVIATION_IN_CAPITALS})(?:\p{{Lu}}\.){{2,4}}"
        rf"(?=[ \t\u00a0]*[\"'’”]?[ \t\u00a0]*$)",
        0.5,
    ),
    Pattern(
        "name + office",
        # not after a preposition: "In Utrecht, voorzitter ..." is a place
        rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{M}}\p{{N}}'’.\-@])(?<!(?i:in|te|uit|naar|bij|van|voor)[ \u00a0]+)"
        rf"(?!{EXCEPTION_START})(?:{INITIALS}{NAME_BLANK}{{0,2}})?"
        # "(SZW, voorzitter)": an acronym of up to five capitals is the organisation
        rf"(?!\p{{Lu}}{{2,5}},){NAME_SEQUENCE}(?={_OFFICE_AFTER})",
        0.6,
    ),
    # an apposition between commas after a role or office: "een buurman, Verhoeckx, dat",
    # "de imam, Boutahar, zei"
    Pattern(
        "role, name,",
        rf"(?=\p{{Lu}})(?<={NOT_AFTER_WORD}(?:{_ROLES}|{_OFFICES_AFTER}|(?i:buurman|buurvrouw|zwager|schoonzus|"
        rf"neef|nicht|kennis|collega|vriend|vriendin)),{NAME_BLANKS})(?!{EXCEPTION_START})"
        rf"(?:{INITIALS}{NAME_BLANK}{{0,2}})?{NAME_SEQUENCE}(?=[ \u00a0]*,)",
        0.6,
    ),
    Pattern(
        "relative + first name",
        # ("dochter van Ismahaan Qorrax Shiirdoon": the parents of a child in an announcement)
        # (on the next line of a wrapped text: "Haar zoon<NEWLINE>Thoufik kreeg ...")
        rf"(?=\p{{Lu}})(?<=(?<![\p{{L}}\p{{M}}])(?:{_RELATIVES}(?:[ \u00a0]+|[ \u00a0]*\r?\n[ \t\u00a0]*)(?:van[ \u00a0]+)?|{_CHILD_BEFORE}))"
        rf"(?!{EXCEPTION_WORD})"
        # the first name, or the whole name: "haar man Nabiil Cige Dhakool"
        rf"{NAME_WORD}(?:{NAME_BLANKS}(?!{_PREPOSITION}{NAME_BLANKS}){NAME_SEQUENCE})?{NOT_BEFORE_WORD}"
        rf"(?![ \u00a0]+\p{{Lu}})",
        0.6,
    ),
    Pattern(
        "name + date of birth",
        # not the letters of a postcode ("9713 GE Groningen, geb.")
        rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{M}}\p{{N}}'’.\-@])(?<!\d{{4}}[ \u00a0]?)(?!{EXCEPTION_START})"
        rf"(?:{INITIALS}{NAME_BLANK}{{0,2}})?"
        # register order after one surname: "KARADAVUT, ZULFIKAR, GEB."
        rf"(?:(?:{PARTICLE}){{0,2}}{SURNAME},{NAME_BLANK}*{NAME_SEQUENCE}(?={_BIRTH_AFTER})"
        # a first name and surname, then the place: "Kwesi Twumasi, Veendam, geb. 1983/11/27"
        rf"|{NAME_WORD}{NAME_BLANKS}{NAME_SEQUENCE}(?=,{NAME_BLANK}*{NAME_SEQUENCE}{_BIRTH_AFTER})"
        # the name right before it, unless that is the place after a name and a comma
        rf"|(?<!\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*{NAME_BLANK}*,{NAME_BLANK}*){NAME_SEQUENCE}(?={_BIRTH_AFTER}))",
        0.6,
    ),
    # a register's first name in brackets after the initials: "Ahaddouti, M. (Mouad)"; one or two
    # words with lower-case letters ("(SZW)", "(NCTV)" are the organisation)
    Pattern(
        "first name in brackets after initials",
        rf"(?=\p{{Lu}})(?<={SURNAME},{NAME_BLANK}*{INITIALS}{NAME_BLANK}{{0,2}}\({NAME_BLANK}*)(?!{EXCEPTION_WORD})"
        rf"{_FIRST_NAME_SHAPE}(?:{NAME_BLANKS}{_FIRST_NAME_SHAPE})?{NAME_BLANK}*(?=\))",
        0.6,
    ),
    # a calendar's or directory's common name: 'ATTENDEE;CN="Lachhab, Lamya":mailto:...'
    Pattern(
        "common name (CN=)",
        rf"(?=\p{{Lu}})(?<=(?:^|[;,\s])CN=[\"']?)(?!{EXCEPTION_START}){_NAME_OR_COMMA_FORM}{TRAILING_PARTICLES}"
        rf"(?=[\"']?[:;,]|[\"']?$)",
        0.7,
    ),
    # an XML element named as a label: "<achternaam>Imrabten</achternaam>"
    Pattern(
        "name in a labelled XML element",
        # (and a feed's author: "<dc:creator>Lorraine Tjien Fooh</dc:creator>")
        rf"(?=\p{{Lu}})(?<=<(?:{_LABELS}|(?:dc:)?creator|author|byline|contributor)(?:[ \t][^<>\n]*)?>{BLANK}*)"
        rf"(?!{EXCEPTION_START})"
        rf"(?:{INITIALS}{NAME_BLANK}{{0,2}})?{_NAME_OR_COMMA_FORM}(?={BLANK}*</)",
        0.75,
    ),
    # a kunya or an Arabic by-name: "Oum Dujana", "Abu Yusuf", "Umm Sumayya", "Abul Harith"
    Pattern(
        "kunya",
        rf"(?=\p{{Lu}}){NOT_AFTER_WORD}(?<![\-'’])(?:Abu|Aboe|Abou|Abul|Aboel|Umm|Oum|Oumm|Om|Um|Ummu)"
        rf"{NAME_BLANK}(?!{EXCEPTION_WORD}){_FIRST_NAME_SHAPE}{NOT_BEFORE_WORD}",
        0.6,
    ),
    # a byline opening a line: "Door Roosmarijn Ooms en Cihangir Ulusoy, politieke redactie", or
    # the line under "Van onze verslaggever"
    Pattern(
        "byline",
        # (a magazine's credits: "Tekst Willemke Hoogenraad · Fotografie Jildert Sieswerda"; not an
        # agency in capitals: "Foto ANP")
        rf"(?=\p{{Lu}})(?!\p{{Lu}}{{2,}}(?!\p{{Ll}}))"
        rf"(?<=(?:^[ \t\u00a0]*(?:(?i:door|tekst(?:\s+en\s+foto['’]s)?|samenstelling|fotografie|foto|beeld)[ \u00a0:]+|"
        rf"(?i:van\s+onze\s+(?:verslaggever|verslaggeefster|correspondent|correspondente|redacteur|redactie))"
        rf"[ \t\u00a0]*\r?\n[ \t\u00a0]*)|[·|][ \t\u00a0]*(?i:fotografie|foto|beeld|illustratie)[ \u00a0:]+)"
        rf"(?:{NAME_SEQUENCE}{NAME_BLANKS}(?:en|&){NAME_BLANKS})?)(?!{EXCEPTION_START})"
        rf"(?:{INITIALS}{NAME_BLANK}{{0,2}})?{NAME_SEQUENCE}(?=[ \u00a0]*(?:,|$|[–—(·|]|-[ \u00a0]|(?:en|&)[ \u00a0]))",
        0.6,
    ),
    # a name before a Turkish form of address: "Yorgancı Bey opent", "Kürkçü Hanım leest"
    Pattern(
        "name + Bey or Hanım",
        rf"(?=\p{{Lu}}){NOT_AFTER_WORD}(?<![\-'’.@])(?!{EXCEPTION_START}){NAME_SEQUENCE}"
        rf"(?={NAME_BLANKS}(?:Bey|Hanım|Hanim|Efendi){NOT_BEFORE_WORD})",
        0.6,
    ),
    # a web comment's author above it: "Durkje Valkema · 1 uur geleden"
    Pattern(
        "comment author",
        rf"(?<=^[ \t\u00a0]*)(?!{EXCEPTION_START}){NAME_SEQUENCE}"
        rf"(?=[ \t\u00a0]*[·|•][ \t\u00a0]*(?:\d+[ \u00a0]*(?i:min|minuten|minuut|uur|dag|dagen|week|weken|maand|maanden)"
        rf"[ \u00a0]+(?i:geleden)|(?i:gisteren|vandaag|zojuist)))",
        0.6,
    ),
    # a social-media page copied as text: a comment's author alone on the line under the reactions
    # line of the comment before ("Vind ik leuk · Reageren · 3 d<NEWLINE><NEWLINE>Koosje Lensink"),
    # and the activity lines ("Ngatmin Troeno heeft het evenement gedeeld.", "... is geïnteresseerd.")
    Pattern(
        "social-media comment author",
        rf"(?<=(?i:reageren|beantwoorden|reply)[ \t\u00a0]*·[^\n]*\r?\n(?:[ \t\u00a0]*\r?\n){{1,2}}[ \t\u00a0]*)"
        rf"(?!{EXCEPTION_START}){_FIRST_NAME_SHAPE}(?:{NAME_BLANK}{NAME_SEQUENCE})?(?=[ \t\u00a0]*\r?\n)",
        0.6,
    ),
    Pattern(
        "social-media activity",
        rf"(?<=^[ \t\u00a0]*)(?!{EXCEPTION_START}){_FIRST_NAME_SHAPE}{NAME_BLANK}{NAME_SEQUENCE}"
        rf"(?=[ \u00a0]+(?:heeft[ \u00a0]+(?:\p{{Ll}}+[ \u00a0]+){{0,3}}(?:gedeeld|geliked|leuk[ \u00a0]+gevonden)"
        rf"|is[ \u00a0]+geïnteresseerd|reageerde[ \u00a0]+op|neemt[ \u00a0]+deel)[ \u00a0]*[.:]?[ \t\u00a0]*$)",
        0.6,
    ),
    # an @mention in a chat, ticket or wiki: "@Rûken", "reviewers: ["@Merlyne", "@Nihad"]" (not an
    # e-mail address: nothing of a word stands before the "@")
    Pattern(
        "mention",
        rf"(?<=(?:^|[\s\"'(\[,])@)(?!{EXCEPTION_START}){_FIRST_NAME_SHAPE}(?:[ _]{_FIRST_NAME_SHAPE})?"
        rf"{NOT_BEFORE_WORD}(?![.@])",
        0.6,
    ),
    # a note linking to a person's page (Obsidian, a wiki): "Aanwezig: [[Meeuwis Brandjes]]",
    # "[[Adelheid van Ravenswaay|Adelheid]]"; two words at least ("[[Overleg]]" is a topic) and
    # not all ordinary words (invalidate_result)
    Pattern(
        "wiki link",
        rf"(?<=\[\[)(?!{EXCEPTION_START})(?:{INITIALS}{NAME_BLANK}{{0,2}})?{_FIRST_NAME_SHAPE}{NAME_BLANK}{NAME_SEQUENCE}"
        rf"(?=(?:\|[^\]\n]*)?\]\])",
        0.6,
    ),
    # a name with an age or a school group in brackets, as newspapers and registers write people:
    # "de tweeling Ayyur en Tamsnawt (44)", "Tagrawla (16) wil advocaat worden", "Kazbek (gr. 5)"
    Pattern(
        "name + age",
        rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{M}}\p{{N}}'’.\-@])(?!{EXCEPTION_START})(?:{INITIALS}{NAME_BLANK}{{0,2}})?{NAME_SEQUENCE}"
        rf"(?={_AGE_AFTER})",
        0.6,
    ),
    # a letter's signature with the writer's town: "Hielkje Wijbenga-Ypma, Sneek" alone on its line
    Pattern(
        "name, town",
        rf"(?<=^[ \t\u00a0]*)(?!{EXCEPTION_START}){_FIRST_NAME_SHAPE}{NAME_BLANKS}{NAME_SEQUENCE}"
        rf"(?=,[ \u00a0]*(?:['’]s-)?\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*(?:[ \u00a0][\p{{L}}\p{{M}}'’\-]+){{0,3}}[ \t\u00a0]*$)",
        0.6,
    ),
    # a vCard's structured name: "N:Doorninck;Pieternel;van;;" (family name; given name; ...)
    Pattern(
        "vCard name",
        rf"(?=\p{{Lu}})(?<=^N:(?:[^;\n]*;)?){NAME_SEQUENCE}(?=;)",
        0.7,
    ),
    # authors before the year of a publication: "Nohutçu & Droubi (2018)", "Ravensbergen (2019, p. 4)",
    # "Kaya, Bouzid en Visser (2020)", "Bouzid et al. (2021)"
    Pattern(
        "author before a year",
        rf"(?=\p{{Lu}}){NOT_AFTER_WORD}(?<![.\-'’@])(?!{EXCEPTION_START})(?:{INITIALS}{NAME_BLANK}{{0,2}})?{NAME_SEQUENCE}"
        rf"(?=(?:{NAME_BLANK}*(?:,|&|en){NAME_BLANK}*(?:{INITIALS}{NAME_BLANK}{{0,2}})?{NAME_SEQUENCE})*"
        rf"(?:{NAME_BLANKS}et{NAME_BLANKS}al\.)?{NAME_BLANK}*\((?:19|20)\d\d[a-z]?[,)])",
        0.6,
    ),
    # who wrote a comment under a web article: "Rqia – 28 april 2022, 19:15" opening a line
    Pattern(
        "name before a dash and a date",
        rf"(?<=^[ \t\u00a0]*)(?!{EXCEPTION_WORD}){NAME_WORD}(?:{NAME_BLANK}{NAME_SEQUENCE})?"
        rf"(?=[ \u00a0]+[–—-][ \u00a0]+\d{{1,2}}(?:[ \u00a0]+(?i:jan|feb|maa|apr|mei|jun|jul|aug|sep|okt|nov|dec)"
        rf"[\p{{L}}.]*[ \u00a0]+\d{{4}}|[-/.]\d{{1,2}}[-/.]\d{{2,4}}))",
        0.6,
    ),
    Pattern(
        "initials + surname",
        rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{M}}\p{{N}}.'’\-])(?:{INITIALS}){NAME_BLANK}{{0,2}}{NAME_SEQUENCE}",
        0.6,
    ),
)

# Where the patterns can begin (piigov.detection.prefilter). "title + particle name": right after
# a form of address (\K starts the candidate there). "surname, first name": a capital at a cell
# start with a comma later on the line (a name sequence holds no comma or line break; the first
# group is the candidate). "labelled name": a capital after a colon ([^\W\d_a-z] is every
# upper-case letter, and more). "e-mail display name": only in a text with "<" and "@".
# a capital after a blank, colon or comma: where a name after a word can start
CAPITALS_AFTER_A_WORD = re.compile(r"[ \u00a0:,]([^\W\d_a-z])")
# a capital not after a letter, digit or one of ".-'’@"
CAPITALS_AT_A_WORD_START = re.compile(r"(?<![^\W_])(?<![.\-'’@])([^\W\d_a-z])")
PERSON_CANDIDATES = {
    # these run only where the text has what must surround the name (they try every capital)
    "name + office": Requires(any_of=(",", "(", "–", "—", " - "), found=regex.compile(_OFFICE_AFTER)),
    # every match is followed by "geb."/"geboren (op)" and a digit: "gebied", "gebeurde" are not enough
    "name + date of birth": Requires(found=regex.compile(_BIRTH_WORD)),
    "role, name,": Requires(",", found=regex.compile(rf",{NAME_BLANKS}\p{{Lu}}")),
    "relative + first name": re.compile(r"[ \u00a0:,\n]([^\W\d_a-z])"),  # also on the next line
    "title + name on the next line": re.compile(r"\n[ \t\u00a0]*([^\W\d_a-z])"),
    "title + particle name": regex.compile(rf"{_ADDRESS_TITLES}{BLANKS}\K[{_PARTICLE_FIRST}]"),
    "surname, first name": re.compile(
        r"(?:^|[\t;|:])[ \u00a0]*(?:[-–•*·][ \u00a0]+)?([^\W\d_a-z])(?=[^\n,]*,)", re.MULTILINE
    ),
    "labelled name": re.compile(r"(?::|\.\.\.|…)[ \t\u00a0]*[\"']?([^\W\d_a-z])"),
    "e-mail display name": Requires("<", "@"),
    # (combining marks are no \w in stdlib re: "O\u0308zt\u00fcrk" is a word of letters and marks;
    # a lookahead, so that the candidate consumes only the capital)
    "name + initial + surname": re.compile(
        r"([^\W\d_a-z])(?=(?:[^\W\d_]|[\u0300-\u036f])*[ \u00a0]+[^\W\d_a-z]\.)"
    ),
    "author initials": Requires("(", then=re.compile(r"\([ \u00a0]?([^\W\d_a-z])")),
    "name in a compound": Requires("-", then=re.compile(r"[-/]([^\W\d_a-z])")),
    # initials of two letters or more: a capital and a full stop before another
    "initials closing a note": Requires(".", then=re.compile(r"([^\W\d_a-z])(?=\.[^\W\d_a-z]\.)")),
    "first name in brackets after initials": Requires(".", "(", then=re.compile(r"\([^\S\n]*([^\W\d_a-z])")),
    "vCard name": Requires("N:"),
    "name + Bey or Hanım": Requires(
        found=regex.compile(r"(?<!\p{L})(?:Bey|Hanım|Hanim|Efendi)(?!\p{L})"), then=CAPITALS_AT_A_WORD_START
    ),
    "name, town": Requires(",", then=re.compile(r"^[ \t\u00a0]*([^\W\d_a-z])(?=[^\n]*,)", re.MULTILINE)),
    "common name (CN=)": Requires("CN=", then=re.compile(r"CN=[\"']?([^\W\d_a-z])")),
    "name in a labelled XML element": Requires("</", then=re.compile(r">[ \t\u00a0]*([^\W\d_a-z])")),
    "kunya": re.compile(
        # the kunya's first letter (the candidate consumes only that)
        r"(?<![^\W_])[AOU](?=(?:bu|boe|bou|bul|boel|mm|um|umm|m|mmu)[ \u00a0][^\W\d_a-z])"
    ),
    # only a text with a line that opens with a byline word pays for the capitals
    "byline": Requires(
        found=regex.compile(
            r"^[ \t\u00a0]*(?i:door|tekst|samenstelling|fotografie|foto|beeld|van\s+onze)(?!\p{L})",
            flags=regex.MULTILINE,
        ),
        then=CAPITALS_AT_A_WORD_START,
    ),
    "name after its label": Requires(any_of=("naam", "NAAM", "Naam"), then=CAPITALS_AFTER_A_WORD),
    "name + age": Requires("(", found=regex.compile(_AGE_AFTER), then=CAPITALS_AT_A_WORD_START),
    "bank-style name": regex.compile(
        r"(?:(?:^|[\t;|,])[ \u00a0]*\"?|(?i:t\.[ \u00a0]?n\.[ \u00a0]?v\.|ten[ \u00a0]+name[ \u00a0]+van)[ \t\u00a0]+)"
        rf"[ \u00a0]*(?:{_BANK_TITLE})?(\p{{Lu}})(?=[\p{{Lu}}\p{{M}}'’ \u00a0.-]*\"?[ \u00a0]*(?:$|[\t;|,]))",
        regex.MULTILINE,
    ),
    "credits": regex.compile(
        rf"^[ \t\u00a0]*{_CREDIT_ROLES}(?:[ \u00a0]{{2,}}|\t)[ \t\u00a0]*(\p{{Lu}})", regex.MULTILINE
    ),
    "name after a closing word": Requires(
        any_of=("groet", "Groet", "GROET", "liefs", "Liefs", "mvg", "Mvg", "gr.", "Gr."),
        then=CAPITALS_AFTER_A_WORD,
    ),
    "comment author": Requires(
        found=regex.compile(r"(?i:geleden|gisteren|vandaag|zojuist)"),
        then=re.compile(r"^[ \t\u00a0]*(\S)", re.MULTILINE),  # the name starts a line
    ),
    "social-media comment author": Requires(
        found=regex.compile(r"(?i:reageren|beantwoorden|reply)[ \t\u00a0]*·"),
        then=re.compile(r"\n[ \t\u00a0]*([^\W\d_a-z])"),
    ),
    "social-media activity": Requires(
        found=regex.compile(r"gedeeld|geliked|leuk gevonden|geïnteresseerd|reageerde op|neemt deel"),
        then=re.compile(r"^[ \t\u00a0]*([^\W\d_a-z])", re.MULTILINE),
    ),
    "wiki link": Requires("[[", then=re.compile(r"\[\[([^\W\d_a-z])")),
    "mention": Requires("@", then=re.compile(r"(?:^|[\s\"'(\[,])@([^\W\d_a-z])", re.MULTILINE)),
    # a capital at a word start, where the text has a year in brackets
    "author before a year": Requires(
        "(", found=regex.compile(r"\((?:19|20)\d\d[a-z]?[,)]"), then=CAPITALS_AT_A_WORD_START
    ),
    "name before a dash and a date": re.compile(r"^[ \t\u00a0]*([^\W\d_a-z])(?=[^\n]*[–—-])", re.MULTILINE),
    "first name after a salutation": re.compile(
        r"^[ \t\u00a0]*(?:beste|hallo|hoi|hey|hi|dag|lieve|goedemorgen|goedemiddag)[ \u00a0]+(\w)",
        re.IGNORECASE | re.MULTILINE,
    ),
    "first name under a greeting": Requires(
        any_of=("groet", "Groet", "GROET", "mvg", "Mvg", "MVG", "gr", "Gr")
    ),
    "signature": re.compile(r",[ \t\u00a0]*\r?\n(?:[ \t\u00a0]*\r?\n){0,3}[ \t\u00a0]*([^\W\d_a-z])"),
    # a capital at a word start with a phone number later on the same line
    # (the run of other characters is possessive: one scan a capital, no backtracking)
    "name + phone number": regex.compile(
        r"(?<![\p{L}\p{M}\p{N}'’.\-@])(\p{Lu})(?=[^\n\d+(]{2,80}+(?:\+31|0031|\(0|0[1-9]))"
    ),
}

PERSON_CONTEXT = ["naam", "cliënt", "client", "betrokkene", "aanvrager", "echtgenoot", "echtgenote"]


class NlPersonRecognizer(NlPatternRecognizer):
    """Recognize person names (entity PERSON) with titles, initials, a first-name gazetteer and mail headers."""

    PATTERNS = PERSON_PATTERNS
    CANDIDATES = PERSON_CANDIDATES
    CONTEXT = PERSON_CONTEXT
    ENTITY = "PERSON"

    def invalidate_result(self, pattern_text: str) -> bool:
        """True for what only looks like a name: a heading in capitals after a letter
        ("A. GEGEVENS MELDER") or ordinary words and acronyms after a label ("Aan: Taskforce
        OGF"): every word an ordinary Dutch word or an acronym, at least one ordinary word; a
        word group that opens with an adjective of nationality or religion ("Bosnische ..."); or a
        single word that is a place and no surname."""
        words = [w for w in _CAPITALS_WORD.findall(pattern_text) if len(w) > 1]
        if len(words) == 1 and (
            pattern_text in unambiguous_places() or pattern_text in variant_set("countries.txt")
        ):
            return True  # "de vrouw Nederland": a place that is no surname ("~" in the lists)
        head = pattern_text.split("-", 1)[0]
        if "-" in pattern_text and " " not in pattern_text and head in unambiguous_places():
            return True  # "Goedemiddag Arnhem-Presikhaaf!": a town and its district
        if words and is_nationality_adjective(words[0]):
            return True  # "imam Bosnische gemeenschap", "directeur Islamitische Basisschool"
        ordinary = [is_ordinary_word(w) or w.lower() in COMPASS_WORDS for w in words]
        return any(ordinary) and all(o or w.isupper() for w, o in zip(words, ordinary, strict=True))
