"""Documents of the 'salafisme en aanverwante onderwerpen' dossier and the Taskforce administration.

All personal values go through the Planter, so the manifest lists exactly what is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from piigov.demo.content import Attachment, Ctx, Doc, Draft, Heading, Mail, Para, Planter, Table, long_date

if TYPE_CHECKING:
    from collections.abc import Callable

    from piigov.demo.names import Person

    Sentence = Callable[[Planter, Person], str]

SIGNATURE_UNIT = "Directie Samenleving en Integratie\nMinisterie van Sociale Zaken en Werkgelegenheid"
# not a public suffix, so a Message-ID does not look like a real e-mail address to a recogniser
MESSAGE_ID_HOST = "mail.minszw.local"
SOURCES = ("gemeente", "politie", "onderwijsinstelling", "open bron", "wijkteam", "jeugdzorg")


def _faith(p: Person) -> str:
    return "moslim" if p.gender == "m" else "moslima"


def _conversion_year(p: Person) -> int:
    return min(p.birth_year + 18 + p.birth_day % 7, 2021)


INTRO: tuple[Sentence, ...] = (
    lambda pl, p: f"{pl.full(p)} (geboren {pl.dob(p)}) woont in {pl.place(p)}, postcode {pl.postcode(p)}.",
    lambda pl, p: (
        f"Betrokkene {pl.full(p)}, geboren op {pl.dob(p)}, staat ingeschreven in {pl.place(p)} "
        f"({pl.postcode(p)})."
    ),
    lambda pl, p: f"{pl.full(p)} is woonachtig in {pl.place(p)} en is geboren op {pl.dob(p)}.",
)
IDENTIFIER: tuple[Sentence, ...] = (
    lambda pl, p: f"Het burgerservicenummer van betrokkene is {pl.bsn(p)}.",
    lambda pl, p: f"{p.pronoun.capitalize()} is bereikbaar op {pl.phone(p)}.",
    lambda pl, p: f"Contact met betrokkene verloopt via {pl.email(p)}.",
    lambda pl, p: f"Er zijn overboekingen gezien vanaf rekening {pl.iban(p)} naar een stichting in de regio.",
    lambda pl, p: f"Het BSN ({pl.bsn(p)}) is ter verificatie opgevraagd bij de gemeente.",
    lambda pl, p: f"Telefoonnummer volgens de melder: {pl.phone(p)}.",
)
RELIGION: tuple[Sentence, ...] = (
    lambda pl, p: (
        f"Volgens de bron bezoekt {p.pronoun} wekelijks de {pl.nrp('moskee')} en volgt {p.pronoun} "
        f"{pl.nrp('koranles')}."
    ),
    lambda pl, p: (
        f"{pl.formal(p, capital=True)} wordt door de melder omschreven als "
        f"{pl.nrp('salafistisch')} georiënteerd."
    ),
    lambda pl, p: (
        f"Betrokkene is {pl.nrp(_faith(p))} en heeft regelmatig contact met een {pl.nrp('imam')} "
        "uit de regio."
    ),
    lambda pl, p: f"{pl.initial(p)} zou in {_conversion_year(p)} zijn {pl.nrp('bekeerd tot de islam')}.",
    lambda pl, p: (
        f"De melder noemt {pl.formal(p)} een {pl.nrp('salafist')} die bijeenkomsten in huiselijke "
        "kring organiseert."
    ),
    lambda pl, p: (
        f"{pl.initial(p)} is actief binnen een {pl.nrp('soennitisch')} netwerk en geeft zelf "
        f"{pl.nrp('koranles')} aan jongeren."
    ),
    lambda pl, p: f"Betrokkene volgt lessen bij een {pl.nrp('islamitisch')} centrum.",
)
REMARKS: tuple[Sentence, ...] = (
    lambda pl, p: f"bezoekt {pl.nrp('moskee')}",
    lambda pl, p: f"volgt {pl.nrp('koranles')}",
    lambda pl, p: f"contact met {pl.nrp('imam')}",
    lambda pl, p: f"{pl.nrp('salafistisch')} netwerk",
    lambda pl, p: f"{pl.nrp('bekeerd tot de islam')} in {_conversion_year(p)}",
)


def about(ctx: Ctx, pl: Planter, p: Person, *, extra: bool = True) -> str:
    """3-5 sentences: full name, date of birth and residence, a direct identifier and religion."""
    rng = ctx.rng
    first_id, second_id = rng.sample(IDENTIFIER, 2)
    parts = [rng.choice(INTRO)(pl, p), first_id(pl, p)]
    parts += [s(pl, p) for s in rng.sample(RELIGION, 2 if extra else 1)]
    if extra and rng.random() < 0.5:
        parts.append(second_id(pl, p))
    return " ".join(parts)


def religion_note(ctx: Ctx, pl: Planter, p: Person) -> str:
    return f"{pl.nrp(_faith(p))}; {ctx.rng.choice(REMARKS)(pl, p)}"


def _kenmerk(ctx: Ctx, unit: str) -> str:
    return f"Kenmerk: SZW/{unit}/{ctx.date.year}/{ctx.seq:04d}"


def _signature(pl: Planter, sender: Person) -> str:
    return (
        f"Met vriendelijke groet,\n\n{pl.full(sender)}\n{SIGNATURE_UNIT}\n"
        f"T {pl.phone(sender, 0)}\nE {pl.email(sender)}"
    )


def _planter(ctx: Ctx) -> Planter:
    return Planter(style=ctx.seq + ctx.rng.randrange(4))


def _person_table(pl: Planter, people: tuple[Person, ...], columns: tuple[str, ...]) -> Table:
    getters: dict[str, Callable[[Person], str]] = {
        "Naam": pl.full,
        "Naam (register)": pl.sorted_name,
        "Geboortedatum": pl.dob,
        "Woonplaats": pl.place,
        "Postcode": pl.postcode,
        "BSN": pl.bsn,
        "Telefoon": pl.phone,
        "E-mail": pl.email,
        "IBAN": pl.iban,
    }
    return Table(columns, tuple(tuple(getters[c](p) for c in columns) for p in people))


# --- dossiers/salafisme ------------------------------------------------------------------------------
def notitie(ctx: Ctx) -> Draft:
    pl = _planter(ctx)
    blocks: list[Heading | Para | Table] = [
        Para(f"Datum: {long_date(ctx.date)}"),
        Para(_kenmerk(ctx, "SI")),
        Para("Rubricering: departementaal vertrouwelijk"),
        Heading("Aanleiding"),
        Para(
            "Deze notitie bundelt signalen die via gemeenten en andere partners bij de Taskforce zijn "
            "binnengekomen over personen in de regio."
        ),
    ]
    for k, p in enumerate(ctx.subjects, start=1):
        blocks += [Heading(f"Betrokkene {k}"), Para(about(ctx, pl, p))]
    columns = ("Naam", "Geboortedatum", "Woonplaats", "Postcode", "Telefoon", "BSN")
    blocks += [Heading("Overzicht"), _person_table(pl, ctx.subjects, columns)]
    blocks += [Heading("Vervolg"), Para("Nader onderzoek en afstemming met de betrokken gemeenten.")]
    title = "Notitie signalen salafisme en aanverwante onderwerpen"
    return Draft(Doc(title, ctx.date, tuple(blocks)), pl)


def verslag(ctx: Ctx) -> Draft:
    pl = _planter(ctx)
    title = ctx.rng.choice(("Verslag gesprek sleutelfiguren", "Verslag werkbezoek", "Verslag casusoverleg"))
    blocks: list[Heading | Para | Table] = [
        Para(f"Datum gesprek: {long_date(ctx.date)}"),
        Para("Aanwezig: twee medewerkers van de Taskforce en een contactpersoon van de gemeente."),
        Heading("Besproken personen"),
    ]
    blocks += [Para(about(ctx, pl, p)) for p in ctx.subjects]
    blocks += [
        Heading("Gegevens"),
        _person_table(pl, ctx.subjects, ("Naam", "E-mail", "IBAN")),
        Heading("Afspraken"),
        Para("De gemeente levert voor het volgende overleg aanvullende informatie aan."),
    ]
    return Draft(Doc(title, ctx.date, tuple(blocks)), pl)


def overzicht(ctx: Ctx) -> Draft:
    pl = _planter(ctx)
    columns = ("Naam", "Geboortedatum", "Woonplaats", "Postcode", "BSN", "Telefoon", "E-mail", "IBAN")
    table = _person_table(pl, ctx.subjects, columns)
    rows = tuple((*row, religion_note(ctx, pl, p)) for row, p in zip(table.rows, ctx.subjects, strict=True))
    blocks = (
        Para(f"Peildatum: {long_date(ctx.date)}"),
        Table((*columns, "Religie / opmerking"), rows),
    )
    return Draft(Doc("Overzicht betrokkenen dossier", ctx.date, blocks, sheet="Betrokkenen"), pl)


def aantekeningen(ctx: Ctx) -> Draft:
    pl = _planter(ctx)
    blocks: list[Heading | Para | Table] = [Para(f"Datum: {long_date(ctx.date)}")]
    for p in ctx.subjects:
        blocks += [
            Heading(f"Betrokkene: {pl.full(p)}"),
            Para(f"Geboren: {pl.dob(p)}"),
            Para(f"Woonplaats: {pl.place(p)} ({pl.postcode(p)})"),
            Para(f"Telefoon: {pl.phone(p)}"),
            Para(f"BSN: {pl.bsn(p)}"),
            Para(about(ctx, pl, p, extra=False)),
        ]
    return Draft(Doc("Aantekeningen telefonisch overleg", ctx.date, tuple(blocks)), pl)


def _mail(ctx: Ctx, pl: Planter, subject: str, body: list[str], attachment: Attachment | None) -> Mail:
    sender, recipient, *others = ctx.staff
    cc = ((pl.full(others[0]), pl.email(others[0])),) if others and ctx.rng.random() < 0.5 else ()
    return Mail(
        sender=(pl.full(sender), pl.email(sender)),
        to=((pl.full(recipient), pl.email(recipient)),),
        cc=cc,
        subject=subject,
        date=ctx.date,
        body=(*body, _signature(pl, sender)),
        message_id=f"<{ctx.date:%Y%m%d}.{ctx.seq:04d}.{ctx.rng.randrange(10**6):06d}@{MESSAGE_ID_HOST}>",
        attachment=attachment,
    )


def dossier_mail(ctx: Ctx) -> Draft:
    pl = _planter(ctx)
    main, *rest = ctx.subjects
    subject = ctx.rng.choice(
        ("Aanvulling signalen", f"RE: betrokkene {pl.add('PERSON', main.surname_alone, main.origin)}")
    )
    body = ["Beste collega,", f"Hierbij de aanvullende gegevens. {about(ctx, pl, main)}"]
    attachment = None
    if rest:
        body.append("In de bijlage staan de gegevens van de overige betrokkenen.")
        blocks: list[Heading | Para | Table] = [Para(about(ctx, pl, p)) for p in rest]
        columns = ("Naam", "Geboortedatum", "Woonplaats", "Telefoon", "BSN")
        blocks.append(_person_table(pl, tuple(rest), columns))
        doc = Doc("Bijlage: overige betrokkenen", ctx.date, tuple(blocks))
        attachment = Attachment(f"bijlage_{ctx.seq:04d}.docx", "docx", doc)
    return Draft(_mail(ctx, pl, subject, body, attachment), pl)


# --- taskforce ---------------------------------------------------------------------------------------
def taskforce_lijst(ctx: Ctx) -> Draft:
    pl = _planter(ctx)
    rows = tuple(
        (
            pl.sorted_name(p),
            pl.place(p),
            pl.dob(p),
            religion_note(ctx, pl, p),
            pl.phone(p),
            ctx.rng.choice(SOURCES),
        )
        for p in ctx.subjects
    )
    header = ("Naam", "Woonplaats", "Geboortedatum", "Religie notitie", "Telefoon", "Bron")
    blocks = (Para(f"Export d.d. {long_date(ctx.date)}"), Table(header, rows))
    return Draft(Doc("Export administratie Taskforce", ctx.date, blocks, sheet="Personen"), pl)


def taskforce_mail(ctx: Ctx) -> Draft:
    """Mail with a plain-text attachment about the last subject."""
    pl = _planter(ctx)
    *main, last = ctx.subjects
    body = ["Beste collega,", "Ter voorbereiding op het overleg van de Taskforce de stand van zaken:"]
    body += [about(ctx, pl, p, extra=False) for p in main]
    body.append("Graag hoor ik of er aanvullende informatie bij de gemeente moet worden opgevraagd.")
    blocks = (
        Para(about(ctx, pl, last)),
        Para(f"E-mail: {pl.email(last)}"),
        Para(f"Rekeningnummer: {pl.iban(last)}"),
    )
    note = Attachment(f"stand_van_zaken_{ctx.seq:04d}.txt", "txt", Doc("Stand van zaken", ctx.date, blocks))
    return Draft(_mail(ctx, pl, "Terugkoppeling Taskforce", body, note), pl)


def taskforce_overleg(ctx: Ctx) -> Draft:
    pl = _planter(ctx)
    blocks: list[Heading | Para | Table] = [
        Para(f"Datum: {long_date(ctx.date)}"),
        Para(_kenmerk(ctx, "TF")),
        Heading("1. Opening en mededelingen"),
        Para("Het verslag van het vorige overleg wordt zonder wijzigingen vastgesteld."),
        Heading("2. Casuïstiek"),
    ]
    blocks += [Para(about(ctx, pl, p)) for p in ctx.subjects]
    actions = tuple(
        (
            ctx.rng.choice(("Navraag bij gemeente", "Gegevens actualiseren", "Bespreken in regio-overleg")),
            pl.initial(p),
            "volgend overleg",
        )
        for p in ctx.subjects
    )
    blocks += [Heading("3. Acties"), Table(("Actie", "Betreft", "Termijn"), actions)]
    return Draft(Doc("Verslag overleg Taskforce", ctx.date, tuple(blocks)), pl)


def taskforce_export(ctx: Ctx) -> Draft:
    pl = _planter(ctx)
    header = ("naam", "woonplaats", "postcode", "geboortedatum", "bsn", "telefoon", "notitie")
    rows = tuple(
        (
            pl.full(p),
            pl.place(p),
            pl.postcode(p),
            pl.dob(p),
            pl.bsn(p),
            pl.phone(p),
            religion_note(ctx, pl, p),
        )
        for p in ctx.subjects
    )
    return Draft(Doc("export", ctx.date, (Table(header, rows),)), pl, csv=True)


def taskforce_rapportage(ctx: Ctx) -> Draft:
    pl = _planter(ctx)
    quarter = (ctx.date.month - 1) // 3 + 1
    blocks: list[Heading | Para | Table] = [
        Para(f"Rapportageperiode: kwartaal {quarter} {ctx.date.year}"),
        Heading("Personen in beeld"),
    ]
    blocks += [Para(about(ctx, pl, p)) for p in ctx.subjects]
    blocks += [Heading("Contactgegevens"), _person_table(pl, ctx.subjects, ("Naam", "Telefoon", "E-mail"))]
    return Draft(Doc("Kwartaalrapportage Taskforce", ctx.date, tuple(blocks)), pl)
