"""Policy documents (no personal data at all) and HR files (employee data, lawfully held)."""

from __future__ import annotations

from piigov.demo.content import Ctx, Doc, Draft, Heading, Mail, Para, Planter, Table, long_date
from piigov.demo.tpl_dossier import MESSAGE_ID_HOST

# No names, places, religion terms, phone numbers, e-mail addresses or account numbers in here.
POLICY_PARAGRAPHS = (
    "Deze notitie beschrijft de kaders voor de aanpak van radicalisering en polarisatie binnen het "
    "beleidsterrein van het Ministerie van SZW.",
    "Het ministerie verwerkt alleen persoonsgegevens wanneer daarvoor een wettelijke grondslag bestaat, zoals "
    "bedoeld in artikel 6 van de Algemene verordening gegevensbescherming (AVG).",
    "Signalen van gemeenten worden uitsluitend op geaggregeerd niveau vastgelegd; herleidbare gegevens over "
    "individuele burgers horen niet in beleidsdossiers thuis.",
    "Voor elke nieuwe verwerking wordt vooraf een gegevensbeschermingseffectbeoordeling (DPIA) uitgevoerd en "
    "wordt de functionaris gegevensbescherming om advies gevraagd.",
    "Bewaartermijnen volgen de selectielijst van het ministerie. Na afloop van de termijn worden documenten "
    "vernietigd of overgebracht naar het archief.",
    "De evaluatie van het programma is voorzien in het tweede kwartaal; de resultaten worden met de Tweede "
    "Kamer gedeeld.",
    "Gemeenten ontvangen een specifieke uitkering voor preventieve activiteiten op het gebied van "
    "weerbaarheid en maatschappelijke participatie.",
    "Onderzoek naar maatschappelijke ontwikkelingen wordt uitbesteed aan onafhankelijke onderzoeksinstituten "
    "en gebeurt op basis van openbare bronnen.",
    "Medewerkers die gegevens over individuele burgers aantreffen in gedeelde mappen, melden dit bij de "
    "privacy officer van de directie.",
    "De werkgroep komt eens per kwartaal bijeen en rapporteert aan de directeur Samenleving en Integratie.",
    "Het verwerkingsregister wordt jaarlijks geactualiseerd en bevat per verwerking het doel, de grondslag en "
    "de bewaartermijn.",
    "Bij twijfel over de rechtmatigheid van een verwerking wordt de verwerking opgeschort totdat het advies "
    "van de juridische afdeling beschikbaar is.",
)
POLICY_ACTIONS = (
    "Actualiseren verwerkingsregister",
    "Opschonen gedeelde mappen",
    "Uitvoeren DPIA",
    "Evaluatie programma",
    "Voorlichting medewerkers",
    "Herziening werkinstructie",
)
UNITS = ("Directie SI", "Privacy office", "Juridische zaken", "Informatiebeheer")
STATUSES = ("gepland", "lopend", "afgerond")


def _policy_blocks(ctx: Ctx, paragraphs: int) -> list[Heading | Para | Table]:
    return [
        Para(f"Vastgesteld op {long_date(ctx.date)}"),
        Para(f"Zaaknummer: {ctx.case_number}"),
        Heading("Inleiding"),
        *(Para(t) for t in ctx.rng.sample(POLICY_PARAGRAPHS, paragraphs)),
    ]


def beleidsnotitie(ctx: Ctx) -> Draft:
    blocks = _policy_blocks(ctx, 5)
    blocks.insert(4, Heading("Kaders"))
    return Draft(
        Doc("Beleidsnotitie aanpak radicalisering en polarisatie", ctx.date, tuple(blocks)), Planter()
    )


def werkinstructie(ctx: Ctx) -> Draft:
    blocks = _policy_blocks(ctx, 4)
    blocks.append(Para("Deze werkinstructie vervangt alle eerdere versies."))
    return Draft(Doc("Werkinstructie dossiervorming en bewaartermijnen", ctx.date, tuple(blocks)), Planter())


def beleidskader(ctx: Ctx) -> Draft:
    blocks = _policy_blocks(ctx, 6)
    return Draft(Doc("Beleidskader gegevensverwerking", ctx.date, tuple(blocks)), Planter())


def planning(ctx: Ctx) -> Draft:
    rng = ctx.rng
    rows = tuple(
        (
            action,
            rng.choice(UNITS),
            f"{rng.randint(1, 28)} {rng.choice(('maart', 'juni', 'oktober'))} {ctx.date.year + 1}",
            rng.choice(STATUSES),
        )
        for action in rng.sample(POLICY_ACTIONS, 4)
    )
    blocks = (
        Para(f"Zaaknummer: {ctx.case_number}"),
        Para(f"Stand per {long_date(ctx.date)}"),
        Table(("Actie", "Verantwoordelijk", "Gereed", "Status"), rows),
    )
    return Draft(Doc("Planning uitvoering beleidskader", ctx.date, blocks, sheet="Planning"), Planter())


# --- personeelszaken ---------------------------------------------------------------------------------
FUNCTIONS = ("beleidsmedewerker", "senior beleidsmedewerker", "juridisch adviseur", "secretaresse", "analist")


def personeelsdossier(ctx: Ctx) -> Draft:
    pl = Planter(style=ctx.seq)
    p = ctx.subjects[0]
    rows = (
        ("Naam", pl.full(p)),
        ("Geboortedatum", pl.dob(p)),
        ("BSN", pl.bsn(p)),
        ("Woonplaats", pl.place(p)),
        ("Postcode", pl.postcode(p)),
        ("Telefoon", pl.phone(p)),
        ("E-mail", pl.email(p)),
        ("IBAN", pl.iban(p)),
    )
    blocks = (
        Para(f"Datum: {long_date(ctx.date)}"),
        Table(("Gegeven", "Waarde"), rows),
        Para(f"Functie: {ctx.rng.choice(FUNCTIONS)}, schaal {ctx.rng.randint(8, 12)}."),
    )
    return Draft(Doc("Personeelsdossier - persoonsgegevens medewerker", ctx.date, blocks), pl)


def verlofoverzicht(ctx: Ctx) -> Draft:
    pl = Planter(style=ctx.seq)
    rows = tuple(
        (
            pl.full(p),
            pl.email(p),
            pl.phone(p),
            str(ctx.rng.randint(40, 200)),
            ctx.rng.choice(("", "ouderschapsverlof")),
        )
        for p in ctx.subjects
    )
    blocks = (
        Para(f"Stand per {long_date(ctx.date)}"),
        Table(("Naam", "E-mail", "Telefoon", "Verlofuren", "Opmerking"), rows),
    )
    return Draft(Doc("Verlofoverzicht afdeling", ctx.date, blocks, sheet="Verlof"), pl)


def ziekmelding(ctx: Ctx) -> Draft:
    pl = Planter(style=ctx.seq)
    employee, adviser = ctx.subjects[0], ctx.subjects[1]
    body = (
        "Beste collega,",
        "Hierbij meld ik mij vandaag ziek. Ik verwacht volgende week weer aan het werk te kunnen.",
        f"Ik ben bereikbaar op {pl.phone(employee)}.",
        f"Met vriendelijke groet,\n\n{pl.full(employee)}",
    )
    mail = Mail(
        sender=(pl.full(employee), pl.email(employee)),
        to=((pl.full(adviser), pl.email(adviser)),),
        cc=(),
        subject="Ziekmelding",
        date=ctx.date,
        body=body,
        message_id=f"<{ctx.date:%Y%m%d}.hr{ctx.seq:04d}@{MESSAGE_ID_HOST}>",
    )
    return Draft(mail, pl)


def arbeidsovereenkomst(ctx: Ctx) -> Draft:
    pl = Planter(style=ctx.seq)
    p = ctx.subjects[0]
    blocks = (
        Heading("De ondergetekenden"),
        Para(
            "De Staat der Nederlanden, vertegenwoordigd door de directeur Bedrijfsvoering, hierna: de werkgever,"
        ),
        Para(
            f"en {pl.full(p)}, geboren op {pl.dob(p)}, wonende te {pl.place(p)} ({pl.postcode(p)}), "
            f"burgerservicenummer {pl.bsn(p)}, hierna: de werknemer,"
        ),
        Heading("Komen overeen"),
        Para(
            f"De werknemer treedt in dienst als {ctx.rng.choice(FUNCTIONS)} voor de duur van twaalf maanden."
        ),
        Para(f"Het salaris wordt maandelijks overgemaakt op rekening {pl.iban(p)}."),
        Para(f"Opgemaakt op {long_date(ctx.date)}."),
    )
    return Draft(Doc("Arbeidsovereenkomst voor bepaalde tijd", ctx.date, blocks), pl)


def salarisspecificatie(ctx: Ctx) -> Draft:
    pl = Planter(style=ctx.seq)
    p = ctx.subjects[0]
    gross = ctx.rng.randint(3000, 6000)
    blocks = (
        Para(f"Periode: {long_date(ctx.date)}"),
        Para(f"Naam: {pl.full(p)}"),
        Para(f"BSN: {pl.bsn(p)}"),
        Para(f"IBAN: {pl.iban(p)}"),
        Para(f"Bruto salaris: EUR {gross},00"),
        Para(f"Loonheffing: EUR {gross * 37 // 100},00"),
    )
    return Draft(Doc("Salarisspecificatie", ctx.date, blocks), pl)
