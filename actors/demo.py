"""Demo data for the actors app: the collaboration in Husby, its actors, charter and demo users.

Every row is keyed on a natural key, so loading twice changes nothing. The collaboration's
settings, its organisations and who acts for them are saved through the services, which record
their events; the charter's texts, the accounts and their roles are loaded as they are.
"""

import datetime
from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from . import services
from .choices import GovernanceKind, MembershipRole, OrganisationKind, PortalRole
from .models import (
    District,
    Goal,
    GovernanceBody,
    Membership,
    Organisation,
    Principle,
    RoleAssignment,
    SiteSettings,
    User,
)
from .translations import translations_of

DEMO_PASSWORD = "demo-cih-2026"  # noqa: S105 - published demo logins, refused in production

ORGANISATIONS = [
    # slug, name, kind, joined, Swedish description, English description
    (
        "folkets-husby",
        "Folkets Husby",
        OrganisationKind.ASSOCIATION,
        datetime.date(2019, 6, 1),
        "Kulturhus och mötesplats mitt i Husby. Leder processen i samverkan och håller ihop "
        "workshoparna.",
        "Community house and meeting place in the middle of Husby. Leads the collaboration's "
        "process and hosts the workshops.",
    ),
    (
        "husby-ff",
        "Husby FF",
        OrganisationKind.SPORTS_CLUB,
        datetime.date(2019, 9, 1),
        "Fotbollsklubb med lag för barn, unga och vuxna i stadsdelen.",
        "Football club with teams for children, young people and adults in the district.",
    ),
    (
        "bk-jarva",
        "BK Järva",
        OrganisationKind.SPORTS_CLUB,
        datetime.date(2020, 2, 1),
        "Idrottsförening på Järvafältet som använder fotbollen för att stärka unga.",
        "Sports club on Järvafältet that uses football to help young people grow.",
    ),
    (
        "radda-barnen",
        "Rädda Barnen",
        OrganisationKind.NGO,
        datetime.date(2019, 9, 1),
        "Barnrättsorganisation med lokal verksamhet för barn och familjer.",
        "Children's rights organisation with local activities for children and families.",
    ),
    (
        "galdem-a-talk",
        "Galdem A Talk",
        OrganisationKind.ASSOCIATION,
        datetime.date(2020, 5, 1),
        "Podd och samtalsforum där unga kvinnor pratar om det som rör deras liv.",
        "A podcast and forum where young women talk about what matters in their lives.",
    ),
    (
        "stadsmissionen",
        "Stadsmissionen",
        OrganisationKind.NGO,
        datetime.date(2020, 1, 1),
        "Idéburen organisation som möter människor i utsatta livssituationer.",
        "Non-profit organisation working with people in vulnerable situations.",
    ),
    (
        "jarvaskolan",
        "Järvaskolan",
        OrganisationKind.SCHOOL,
        datetime.date(2021, 1, 1),
        "Grundskola i området med elever från förskoleklass till årskurs nio.",
        "Local compulsory school with pupils from pre-school class to year nine.",
    ),
    (
        "loparakademin",
        "Löparakademin",
        OrganisationKind.ASSOCIATION,
        datetime.date(2021, 3, 1),
        "Löpning som väg till bättre hälsa och självkänsla för unga.",
        "Running as a way to better health and self-confidence for young people.",
    ),
    (
        "region-stockholm",
        "Region Stockholm",
        OrganisationKind.PUBLIC_AGENCY,
        datetime.date(2019, 6, 1),
        "Regionen stödjer samverkan som en del av sitt arbete för jämlik hälsa.",
        "The region supports the collaboration as part of its work for equal health.",
    ),
    (
        "rise",
        "RISE",
        OrganisationKind.RESEARCH,
        datetime.date(2021, 9, 1),
        "Sveriges forskningsinstitut följer upp och utvärderar satsningarna.",
        "The Research Institutes of Sweden follow up and evaluate the initiatives.",
    ),
]

PRINCIPLES = [
    (
        "Behoven kommer från dem som bor här",
        "Needs come from the people who live here",
        "Vi bygger på vad boende själva berättar, inte på vad vi tror att de behöver.",
        "We start from what residents tell us, not from what we assume they need.",
    ),
    (
        "Tillsammans, inte var för sig",
        "Together, not each on our own",
        "Vi samordnar våra insatser så att de stärker varandra i stället för att konkurrera.",
        "We coordinate our efforts so they strengthen each other instead of competing.",
    ),
    (
        "Långsiktighet före projekt",
        "Long-term work before short projects",
        "Vi väljer satsningar som kan leva vidare och undviker korta projekt som lämnar tomrum.",
        "We choose initiatives that can last and avoid short projects that leave a gap behind.",
    ),
    (
        "Vi återkopplar alltid",
        "We always report back",
        "Den som delat ett behov ska få veta vad som hände med det.",
        "Whoever shared a need should find out what became of it.",
    ),
    (
        "Vi lär av det vi gör",
        "We learn from what we do",
        "Allt följs upp och utvärderas, och lärdomarna styr nästa steg.",
        "Everything is followed up and evaluated, and the lessons guide the next step.",
    ),
]

GOALS = [
    (
        "Bättre hälsa och välbefinnande",
        "Better health and well-being",
        "Mätbart bättre psykisk och fysisk hälsa bland dem som bor i området.",
        "Measurably better mental and physical health among the area's residents.",
    ),
    (
        "Starkare delaktighet",
        "Stronger participation",
        "Fler boende är med och formar satsningarna, och vet hur de kan påverka.",
        "More residents help shape the initiatives and know how to make their voice count.",
    ),
    (
        "Gemensam finansiering",
        "Pooled funding",
        "Pengar samlas i en gemensam pott och fördelas efter prioriterade behov.",
        "Money is pooled and shared out according to the prioritised needs.",
    ),
]

TAGLINE_SV = "Lokala aktörer för ökat välbefinnande utifrån Husbybornas behov"
TAGLINE_EN = "Local actors raising well-being from the needs of Husby's residents"
MISSION_SV = (
    "Lokala aktörer samarbetar för att höja hälsan och välbefinnandet i området, med behov och "
    "lösningar som formuleras av de människor som bor här."
)
MISSION_EN = (
    "Local actors work together to raise health and well-being in the area, with needs and "
    "solutions defined by the people who live here."
)

USERS = [
    # e-mail, first name, last name, portal roles, organisation slug, superuser
    ("coordinator@demo.cih.se", "Amina", "Yusuf", [PortalRole.COORDINATOR], "folkets-husby", False),
    ("member@demo.cih.se", "Johan", "Lind", [], "folkets-husby", False),
    ("treasurer@demo.cih.se", "Leyla", "Demir", [PortalRole.TREASURER], None, False),
    ("evaluator@demo.cih.se", "Karin", "Berg", [PortalRole.EVALUATOR], "rise", False),
    ("admin@demo.cih.se", "Sami", "Haddad", [], None, True),
]


HUSBY_DISTRICT = {
    "slug": "husby",
    "position": 1,
    "name_sv": "Husby",
    "description_sv": "Stadsdelen i Järva, nordvästra Stockholm, där samverkan arbetar.",
    "translations": translations_of(
        "en",
        name=("Husby", "Husby"),
        description=(
            "Stadsdelen i Järva, nordvästra Stockholm, där samverkan arbetar.",
            "The district in Järva, north-western Stockholm, where the collaboration works.",
        ),
    ),
}


def through_service(instance, values: dict, save: Callable):
    """Give `instance` the demo's `values` and save it with `save`, a service, when it is new or
    they differ: loading the demo twice changes nothing and records no event."""
    changed = instance.pk is None or any(
        getattr(instance, name) != value for name, value in values.items()
    )
    for name, value in values.items():
        setattr(instance, name, value)
    return save(instance) if changed else instance


SITE = {
    "name_sv": "Collective Impact Husby",
    "short_name": "CIH",
    "area": "Husby",
    "council_name": "Husbyrådet",
    "tagline_sv": TAGLINE_SV,
    "mission_sv": MISSION_SV,
    "translations": translations_of(
        "en",
        name=("Collective Impact Husby", "Collective Impact Husby"),
        tagline=(TAGLINE_SV, TAGLINE_EN),
        mission=(MISSION_SV, MISSION_EN),
    ),
    "contact_email": "kontakt@demo.cih.se",
    # Husby offers every language the portal speaks (README, Languages).
    "languages": [code for code, _name in settings.LANGUAGES],
    "set_up": True,
}

GOVERNANCE = [
    # kind, Swedish name, English name, Swedish role, English role, meets (sv, en), organisation
    (
        GovernanceKind.RESIDENTS_COUNCIL,
        "Husbyrådet",
        "Husbyrådet",
        "Boendes råd som tillfrågas innan beslut om satsningar fattas.",
        "The residents' council, consulted before any decision on initiatives.",
        "Varje månad",
        "Monthly",
        None,
    ),
    (
        GovernanceKind.PROCESS_LEAD,
        "Processledning",
        "Process lead",
        "Håller ihop arbetsprocessen, workshoparna och uppföljningen.",
        "Keeps the process, the workshops and the follow-up together.",
        "Varje vecka",
        "Weekly",
        "folkets-husby",
    ),
    (
        GovernanceKind.ASSOCIATION,
        "Ideell förening för gemensam finansiering",
        "Non-profit association for pooled funding",
        "Tar emot och fördelar pengar från finansiärer till beslutade satsningar.",
        "Receives money from funders and pays it out to the initiatives decided on.",
        "Fyra gånger om året",
        "Four times a year",
        None,
    ),
    (
        GovernanceKind.WORKING_GROUP,
        "Samskapande workshop",
        "Co-creation workshop",
        "Alla aktörer möts för att driva processen framåt och fatta gemensamma beslut.",
        "All actors meet to move the process forward and take joint decisions.",
        "Varannan vecka",
        "Every other week",
        "folkets-husby",
    ),
]


def load(*, scale: int = 1) -> None:
    load_collaboration(
        site=SITE,
        organisations=ORGANISATIONS,
        principles=PRINCIPLES,
        goals=GOALS,
        governance=GOVERNANCE,
        users=USERS,
        # Husby is one district: its things belong to the whole collaboration and no page offers
        # a choice of district.
        districts=[HUSBY_DISTRICT],
        scale=scale,
    )


def load_collaboration(
    *,
    site: dict,
    organisations,
    principles,
    goals,
    governance,
    users,
    districts: list[dict],
    scale: int = 1,
) -> None:
    """A collaboration's settings, districts, actors, charter and demo users, from data shaped
    as Husby's (ORGANISATIONS, PRINCIPLES, GOALS, GOVERNANCE, USERS, HUSBY_DISTRICT)."""
    through_service(
        SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1),
        site,
        lambda site: services.site_settings_save(site=site),
    )

    made = {d.slug: d for d in District.objects.filter(slug__in=[d["slug"] for d in districts])}
    for values in districts:
        through_service(
            made.get(values["slug"]) or District(),
            values,
            lambda district: services.districts_save(districts=[district])[0],
        )

    # The workshops go back `scale` years: at a larger scale the actors joined a season before
    # the first of them, and a later run at a smaller scale, which leaves those workshops in
    # place, does not make anyone join later.
    founding = timezone.localdate() - datetime.timedelta(days=365 * scale + 90)
    made = {o.slug: o for o in Organisation.objects.filter(slug__in=[o[0] for o in organisations])}
    saved = {}
    for slug, name, kind, joined, description_sv, description_en in organisations:
        organisation = made.get(slug) or Organisation(slug=slug)
        saved[slug] = through_service(
            organisation,
            {
                "name": name,
                "kind": kind,
                "joined": min(filter(None, (joined, founding, organisation.joined))),
                "description_sv": description_sv,
                "translations": translations_of("en", description=(description_sv, description_en)),
                "contact_email": f"info@{slug}.demo.cih.se",
            },
            lambda organisation: services.organisation_save(organisation=organisation),
        )

    for model, texts in ((Principle, principles), (Goal, goals)):
        for position, (title_sv, title_en, body_sv, body_en) in enumerate(texts, start=1):
            model.objects.update_or_create(
                title_sv=title_sv,
                defaults={
                    "position": position,
                    "body_sv": body_sv,
                    "translations": translations_of(
                        "en", title=(title_sv, title_en), body=(body_sv, body_en)
                    ),
                },
            )
    _load_governance(governance, saved)
    _load_users(users, saved)


def _load_governance(governance, organisations) -> None:
    for position, (kind, name_sv, name_en, role_sv, role_en, meets_sv, meets_en, org) in enumerate(
        governance, start=1
    ):
        GovernanceBody.objects.update_or_create(
            name_sv=name_sv,
            defaults={
                "position": position,
                "kind": kind,
                "role_sv": role_sv,
                "meets_sv": meets_sv,
                "translations": translations_of(
                    "en",
                    name=(name_sv, name_en),
                    role=(role_sv, role_en),
                    meets=(meets_sv, meets_en),
                ),
                "organisation": organisations.get(org),
            },
        )


def _load_users(users, organisations) -> None:
    for email, first, last, roles, org_slug, superuser in users:
        user = User.objects.filter(email=email).first()
        if user is None:
            create = User.objects.create_superuser if superuser else User.objects.create_user
            user = create(email, DEMO_PASSWORD, first_name=first, last_name=last)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for role in roles:
            RoleAssignment.objects.get_or_create(user=user, role=role)
        acts_for = Membership.objects.filter(user=user, organisation__slug=org_slug)
        if org_slug and not acts_for.exists():
            services.membership_add(
                organisation=organisations[org_slug],
                user=user,
                role=MembershipRole.REPRESENTATIVE,
            )
