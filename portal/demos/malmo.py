"""The demo of IoU65+, Malmö Tillsammans' innovation and development process against involuntary
loneliness among Malmö residents over 65: process leaders from Malmö Tillsammans and the staff of
the city's meeting places for seniors work through workshops with prioritisation matrices from
needs to concepts, prototypes and tests in practice, with the city's departments, associations
and seniors' organisations (seed 003, retold in our own words).

Its shape is data too: the districts (DISTRICTS, DISTRICT_OF), IoU65+'s own steps without a
decision or funding step (PROCESS), the tests of its prototypes (TESTS) and its workshops with
prioritisation matrices (MEETING_KIND).
"""

import datetime

from actors.choices import GovernanceKind, OrganisationKind
from actors.look import Look
from actors.translations import translations_of
from focusgroups.choices import IdeaStatus, InsightKind
from initiatives.choices import InitiativeStep as S
from workshops.choices import Cadence, ItemKind

from .story import Meetings, every_other_week, site_settings

NAME_SV = "Malmö Tillsammans – IoU65+"
NAME_EN = "Malmö Together – IoU65+"
TAGLINE_SV = "Nya sätt att möta ofrivillig ensamhet bland Malmöbor över 65"
TAGLINE_EN = "New ways to meet involuntary loneliness among Malmö residents over 65"
MISSION_SV = (
    "Personalen på stadens mötesplatser för seniorer, förvaltningar, föreningar och "
    "seniorerna själva tar tillsammans fram och prövar nya lösningar mot ofrivillig ensamhet. "
    "Vi utgår från behov som seniorerna och personalen ringat in, tar fram koncept, bygger "
    "prototyper och testar dem i verksamheten."
)
MISSION_EN = (
    "The staff of the city's meeting places for seniors, departments, associations and the "
    "seniors themselves work out and try new answers to involuntary loneliness together. We "
    "start from needs the seniors and the staff have pinned down, develop concepts, build "
    "prototypes and test them in practice."
)

SITE = site_settings(
    name=(NAME_SV, NAME_EN),
    short_name="IoU65+",
    area="Malmö",
    council_name="Referensgrupp 65+",
    tagline=(TAGLINE_SV, TAGLINE_EN),
    mission=(MISSION_SV, MISSION_EN),
    contact_email="iou65@demo.cih.se",
    # Easy Swedish for readers who prefer it, many of them over 65.
    languages=["sv", "en", "sv-plain"],
    look=Look(
        primary="#1d6b46",
        button_text="#ffffff",
        header_background="#f2f7f4",
        header_text="#1b2a22",
    ),
)

D = datetime.date
ORGANISATIONS = [
    # slug, name, kind, joined, Swedish description, English description
    (
        "malmo-tillsammans",
        "Malmö Tillsammans",
        OrganisationKind.NGO,
        D(2022, 1, 1),
        "Stöttar Malmöbor och stadens förvaltningar som vill utveckla idéer i samverkan, och "
        "processleder IoU65+.",
        "Supports Malmö residents and the city's departments who want to develop ideas together, "
        "and leads the IoU65+ process.",
    ),
    (
        "sensus",
        "Sensus studieförbund",
        OrganisationKind.ASSOCIATION,
        D(2022, 1, 1),
        "Studieförbund vars medarbetare är processledare i Malmö Tillsammans.",
        "Adult education association whose staff are process leaders in Malmö Tillsammans.",
    ),
    (
        "halsa-vard-omsorg",
        "Hälsa-, vård- och omsorgsförvaltningen",
        OrganisationKind.PUBLIC_AGENCY,
        D(2023, 3, 1),
        "Ansvarar för stadens mötesplatser för seniorer och bad om stöd för att arbeta mer "
        "innovativt.",
        "Runs the city's meeting places for seniors and asked for support to work in more "
        "innovative ways.",
    ),
    (
        "motesplatser-seniorer",
        "Mötesplatserna för seniorer",
        OrganisationKind.PUBLIC_AGENCY,
        D(2023, 3, 1),
        "Stadens tio mötesplatser, där äldrepedagoger och personal möter seniorer varje dag.",
        "The city's ten meeting places, where senior educators and staff meet seniors every day.",
    ),
    (
        "cafe-sommaren",
        "Mötesplats Café Sommaren",
        OrganisationKind.PUBLIC_AGENCY,
        D(2023, 3, 1),
        "Mötesplats för seniorer på Augustenborg, där behoven först ringades in.",
        "Meeting place for seniors in Augustenborg, where the needs were first pinned down.",
    ),
    (
        "stadsbiblioteket",
        "Malmö stadsbibliotek",
        OrganisationKind.PUBLIC_AGENCY,
        D(2023, 9, 1),
        "Biblioteken erbjuder bokcirklar och hjälp med digitala tjänster.",
        "The libraries offer book circles and help with digital services.",
    ),
    (
        "pro-malmo",
        "PRO Malmö",
        OrganisationKind.ASSOCIATION,
        D(2023, 9, 1),
        "Pensionärsförening med aktiviteter, resor och studiecirklar.",
        "Pensioners' association with activities, trips and study circles.",
    ),
    (
        "spf-seniorerna",
        "SPF Seniorerna Malmö",
        OrganisationKind.ASSOCIATION,
        D(2023, 9, 1),
        "Seniorförening som ordnar promenader, föredrag och träffar.",
        "Seniors' association arranging walks, talks and get-togethers.",
    ),
    (
        "roda-korset-malmo",
        "Röda Korset Malmö",
        OrganisationKind.NGO,
        D(2024, 1, 1),
        "Frivilliga besöker och ringer äldre som sällan träffar någon.",
        "Volunteers visit and call older people who seldom meet anyone.",
    ),
    (
        "mkb",
        "MKB Fastighets AB",
        OrganisationKind.COMPANY,
        D(2024, 1, 1),
        "Stadens bostadsbolag, med lokaler och värdar nära många seniorer.",
        "The city's housing company, with premises and caretakers close to many seniors.",
    ),
    (
        "malmo-universitet",
        "Malmö universitet",
        OrganisationKind.RESEARCH,
        D(2024, 1, 1),
        "Forskare följer processen och utvärderar prototyperna.",
        "Researchers follow the process and evaluate the prototypes.",
    ),
]

PRINCIPLES = [
    (
        "Seniorerna är med från början",
        "Seniors take part from the start",
        "Behoven ringas in tillsammans med dem som lösningarna är till för.",
        "The needs are pinned down with the people the solutions are for.",
    ),
    (
        "Pröva i liten skala först",
        "Try it small first",
        "Vi bygger enkla prototyper och testar dem i verksamheten innan något blir permanent.",
        "We build simple prototypes and test them in practice before anything is made permanent.",
    ),
    (
        "Tid för att utveckla",
        "Time to develop",
        "Personalen får utrymme att arbeta med nya sätt, inte bara med vardagens måsten.",
        "The staff get room to work on new ways, not only on the day's must-dos.",
    ),
    (
        "Samverkan över gränser",
        "Working across boundaries",
        "Mötesplatserna samarbetar med varandra, med förvaltningar, civilsamhället och "
        "näringslivet.",
        "The meeting places work with each other, with departments, civil society and businesses.",
    ),
]

GOALS = [
    (
        "Mindre ofrivillig ensamhet",
        "Less involuntary loneliness",
        "Färre Malmöbor över 65 känner sig ofrivilligt ensamma.",
        "Fewer Malmö residents over 65 feel involuntarily lonely.",
    ),
    (
        "Nya arbetssätt som lever vidare",
        "New ways of working that last",
        "Personalen har verktyg och vana att utveckla och testa lösningar själva.",
        "The staff have the tools and the habit of developing and testing solutions themselves.",
    ),
    (
        "Mötesplatser som samverkar",
        "Meeting places that work together",
        "Stadens tio mötesplatser samarbetar med varandra och med sina närområden.",
        "The city's ten meeting places work with each other and with their neighbourhoods.",
    ),
]

GOVERNANCE = [
    # kind, Swedish name, English name, Swedish role, English role, meets (sv, en), organisation
    (
        GovernanceKind.PROCESS_LEAD,
        "Processledare från Malmö Tillsammans",
        "Process leaders from Malmö Tillsammans",
        "Leder workshoparna och stöttar arbetsgruppen när den utvecklar och testar sina idéer.",
        "Lead the workshops and support the working group as it develops and tests its ideas.",
        "Varannan vecka",
        "Every other week",
        "malmo-tillsammans",
    ),
    (
        GovernanceKind.WORKING_GROUP,
        "Arbetsgruppen IoU65+",
        "The IoU65+ working group",
        "Äldrepedagoger och personal från mötesplatserna som driver processen framåt.",
        "Senior educators and meeting-place staff who carry the process forward.",
        "Varannan vecka",
        "Every other week",
        "motesplatser-seniorer",
    ),
    (
        GovernanceKind.RESIDENTS_COUNCIL,
        "Referensgrupp 65+",
        "Reference group 65+",
        "Seniorer från mötesplatserna som tillfrågas om vilka koncept som ska testas.",
        "Seniors from the meeting places, asked which concepts should be tested.",
        "En gång i månaden",
        "Once a month",
        None,
    ),
    (
        GovernanceKind.STEERING_GROUP,
        "Styrgrupp",
        "Steering group",
        "Förvaltningens ledning och Malmö Tillsammans följer processen och beslutar om resurser.",
        "The department's management and Malmö Tillsammans follow the process and decide on "
        "resources.",
        "Varje termin",
        "Each term",
        "halsa-vard-omsorg",
    ),
]

ACTING_FOR = {
    "coordinator@demo.cih.se": "malmo-tillsammans",
    "member@demo.cih.se": "motesplatser-seniorer",
    "evaluator@demo.cih.se": "malmo-universitet",
}

FOCUS_AREAS = [
    ("ensamhet", "Mindre ofrivillig ensamhet", "Less involuntary loneliness"),
    ("valbefinnande", "Ökat välbefinnande", "Greater well-being"),
    ("motesplatser", "Levande mötesplatser i närområdet", "Lively meeting places nearby"),
    ("digital-delaktighet", "Digital delaktighet", "Digital inclusion"),
    ("arbetssatt", "Samverkan och nya arbetssätt", "Collaboration and new ways of working"),
]

TARGET_GROUPS = [
    ("seniorer-65", "Malmöbor 65 år och äldre", "Malmö residents aged 65 and over", "", ""),
    (
        "ensamboende-80",
        "Ensamboende över 80 år",
        "People over 80 who live alone",
        "Många av dem går sällan ut på egen hand.",
        "Many of them seldom go out on their own.",
    ),
    (
        "personal",
        "Personal på mötesplatserna",
        "Meeting-place staff",
        "Processen ska öka deras förmåga att arbeta innovativt.",
        "The process is to build their capacity to work in innovative ways.",
    ),
]

CAFE = "Samtal på Café Sommaren"
STAFF = "Personalens bild av behoven"
FOCUS_GROUPS = [
    {
        "key": (CAFE, D(2026, 3, 10)),
        "host": "cafe-sommaren",
        "facilitator": "Äldrepedagog på Café Sommaren",
        "language": "svenska",
        "participant_count": 12,
        "age_band": "67–91",
        "questions_sv": "När känner du dig ensam?\nVad skulle få dig att komma hit oftare?",
        "summary_sv": "Besökarna berättar om långa dagar utan samtal och om att det är svårt "
        "att veta vad som finns och att ta sig dit.",
        "english": {
            "title": "Talks at Café Sommaren",
            "questions": "When do you feel lonely?\nWhat would make you come here more often?",
            "summary": "Visitors tell of long days without a conversation, and that it is hard "
            "to know what there is and to get there.",
        },
        "insights": [
            (
                InsightKind.QUOTE,
                "Det kan gå flera dagar utan att jag pratar med någon.",
                "Several days can go by without my talking to anyone.",
            ),
            (
                InsightKind.STATEMENT,
                "Många vet inte att mötesplatserna finns.",
                "Many do not know that the meeting places exist.",
            ),
            (
                InsightKind.QUOTE,
                "Efter att min man dog slutade jag gå ut.",
                "After my husband died I stopped going out.",
            ),
        ],
    },
    {
        "key": (STAFF, D(2026, 4, 14)),
        "host": "halsa-vard-omsorg",
        "facilitator": "Processledare från Malmö Tillsammans",
        "language": "svenska",
        "participant_count": 10,
        "age_band": "25–64",
        "questions_sv": "Vilka behov möter ni varje dag?\nVad hindrar er från att pröva nytt?",
        "summary_sv": "Personalen ser behoven men har sällan tid att utveckla nya sätt att möta "
        "dem. Besökarna vill bidra, inte bara delta.",
        "english": {
            "title": "The staff's view of the needs",
            "questions": "Which needs do you meet every day?\nWhat keeps you from trying "
            "something new?",
            "summary": "The staff see the needs but seldom have time to develop new ways to "
            "meet them. Visitors want to contribute, not only take part.",
        },
        "insights": [
            (
                InsightKind.QUOTE,
                "Vi hinner aldrig prova något nytt i vardagen.",
                "We never have time to try anything new in our day-to-day work.",
            ),
            (
                InsightKind.STATEMENT,
                "Besökarna vill bidra med det de kan, inte bara delta.",
                "Visitors want to contribute what they know, not only take part.",
            ),
            (
                InsightKind.QUOTE,
                "När det blir mörkt vågar många inte ta sig hem.",
                "Once it gets dark many do not dare make their way home.",
            ),
        ],
    },
]

CONSULTATIONS = [
    {
        "asked_on": D(2026, 5, 12),
        "question_sv": "Vilka av arbetsgruppens koncept vill ni att vi testar först?",
        "material": "Prioriteringsmatrisen och de fyra koncepten från vårens workshoppar.",
        "answered_on": D(2026, 5, 26),
        "answer_sv": "Följeslagare till mötesplatsen och telefonvänner. Kartan kan vänta till "
        "hösten.",
        "english": {
            "question": "Which of the working group's concepts do you want us to test first?",
            "answer": "Companions to the meeting place, and telephone friends. The map can wait "
            "until the autumn.",
        },
    },
]

NEEDS = [
    # Swedish title, English title, Swedish text, English text, focus area, target groups,
    # insights as (focus group, position)
    (
        "Någon att prata med varje dag",
        "Someone to talk to every day",
        "Många seniorer går dagar utan ett enda samtal.",
        "Many seniors go days without a single conversation.",
        "ensamhet",
        ["seniorer-65", "ensamboende-80"],
        [(CAFE, 1), (CAFE, 3)],
    ),
    (
        "Veta vilka mötesplatser som finns",
        "Knowing which meeting places there are",
        "Stadens tio mötesplatser är okända för många som skulle ha glädje av dem.",
        "The city's ten meeting places are unknown to many who would enjoy them.",
        "motesplatser",
        ["seniorer-65"],
        [(CAFE, 2)],
    ),
    (
        "Sällskap på vägen till och från mötesplatsen",
        "Company on the way to and from the meeting place",
        "Oro för att ta sig fram, särskilt när det är mörkt, håller många hemma.",
        "Worry about getting there, above all in the dark, keeps many at home.",
        "motesplatser",
        ["ensamboende-80"],
        [(STAFF, 3)],
    ),
    (
        "Tid för personalen att utveckla nya arbetssätt",
        "Time for the staff to develop new ways of working",
        "Vardagens måsten lämnar inget utrymme för att pröva nytt.",
        "The day's must-dos leave no room to try anything new.",
        "arbetssatt",
        ["personal"],
        [(STAFF, 1)],
    ),
    (
        "Få bidra med sina kunskaper",
        "Being able to contribute one's knowledge",
        "Seniorer vill lära ut och hjälpa till, inte bara ta del av aktiviteter.",
        "Seniors want to teach and help, not only join activities.",
        "valbefinnande",
        ["seniorer-65"],
        [(STAFF, 2)],
    ),
    (
        "Hjälp att komma igång med videosamtal",
        "Help to get started with video calls",
        "Den som inte kan ringa videosamtal missar kontakt med familj och vänner.",
        "Those who cannot make video calls miss out on contact with family and friends.",
        "digital-delaktighet",
        ["seniorer-65", "ensamboende-80"],
        [],
    ),
]

ROUNDS = [
    {
        "title_sv": "Prioriteringsmatris våren 2026",
        "english": "Prioritisation matrix spring 2026",
        "opened": datetime.datetime(2026, 4, 21, 9, 0, tzinfo=datetime.UTC),
        "closed": datetime.datetime(2026, 5, 5, 12, 0, tzinfo=datetime.UTC),
        "closes_on": D(2026, 5, 5),
        "needs": [0, 1, 2, 3, 4, 5],
        # organisation -> scores (urgency, capacity) per need in the order above
        "scores": {
            "malmo-tillsammans": [(5, 4), (3, 4), (4, 3), (4, 4), (3, 4), (3, 2)],
            "motesplatser-seniorer": [(5, 3), (4, 5), (5, 3), (5, 2), (4, 5), (3, 3)],
            "halsa-vard-omsorg": [(5, 3), (3, 4), (4, 2), (4, 3), (3, 3), (4, 2)],
            "pro-malmo": [(5, 4), (4, 4), (4, 4), (2, 1), (5, 5), (4, 3)],
        },
    },
]

ACTION, DECISION, PARKED = ItemKind.ACTION, ItemKind.DECISION, ItemKind.PARKED


def _workshop(theme, summary, items, matrix=None):
    return {"theme": theme, "swot": False, "summary": summary, "items": items, "matrix": matrix}


LOW, MEDIUM, HIGH = 1, 2, 3
# The axes every matrix of the group is drawn on.
AXES = {
    "x_axis": ("Vad vi kan göra", "What we can do"),
    "y_axis": ("Hur angeläget", "How urgent"),
}
NEEDS_MATRIX = {
    "title": ("Vilka behov går vi vidare med?", "Which needs do we take further?"),
    **AXES,
    "entries": [
        ("Någon att prata med", "Someone to talk to", HIGH, HIGH),
        ("Sällskap på vägen", "Company on the way", HIGH, HIGH),
        ("Få bidra med sina kunskaper", "Contributing one's knowledge", HIGH, MEDIUM),
        ("Veta vilka mötesplatser som finns", "Knowing the meeting places", MEDIUM, MEDIUM),
        ("Hjälp med videosamtal", "Help with video calls", MEDIUM, MEDIUM),
        ("Tid för personalen", "Time for the staff", LOW, HIGH),
    ],
}
CONCEPTS_MATRIX = {
    "title": ("Vilka koncept blir prototyper först?", "Which concepts become prototypes first?"),
    **AXES,
    "entries": [
        ("Följeslagare", "Companions", HIGH, HIGH),
        ("Telefonvänner", "Telephone friends", HIGH, HIGH),
        ("Seniorer lär seniorer", "Seniors teach seniors", MEDIUM, MEDIUM),
        ("En app för att boka sällskap", "An app for booking company", LOW, MEDIUM),
    ],
}


MEETINGS = Meetings(
    calendar=every_other_week(1, back=5),
    starts=datetime.time(9, 30),
    ends=datetime.time(12, 0),
    place="Mötesplats Café Sommaren, Augustenborg",
    host="cafe-sommaren",
    agenda_sv="1. Sedan sist\n2. Dagens övning\n3. Vad tar vi med oss?\n4. Till nästa gång",
    agenda_en="1. Since last time\n2. Today's exercise\n3. What do we take with us?\n"
    "4. Until next time",
    turnout={
        "malmo-tillsammans": 1.0,
        "sensus": 0.8,
        "motesplatser-seniorer": 1.0,
        "cafe-sommaren": 0.9,
        "halsa-vard-omsorg": 0.5,
        "stadsbiblioteket": 0.3,
        "pro-malmo": 0.4,
        "roda-korset-malmo": 0.3,
    },
    agendas=[
        _workshop(
            ("En arbetskultur för samverkan", "A working culture for collaboration"),
            (
                "Arbetsgruppen kom överens om hur vi arbetar ihop: vi testar smått, delar det "
                "som inte fungerar och tar hjälp av varandras mötesplatser.",
                "The working group agreed how we work together: we test small, share what does "
                "not work and draw on each other's meeting places.",
            ),
            [
                (
                    DECISION,
                    "Varje mötesplats tar med en fråga från sina besökare till nästa workshop.",
                    "Each meeting place brings a question from its visitors to the next workshop.",
                    None,
                ),
                (
                    ACTION,
                    "Skriva ner gruppens överenskommelser på en sida.",
                    "Write the group's agreements down on one page.",
                    ("sensus", "Processledaren", 14, ""),
                ),
            ],
        ),
        _workshop(
            ("Behoven på djupet", "The needs in depth"),
            (
                "Vi gick igenom vad besökarna och personalen berättat och ringade in sex behov.",
                "We went through what visitors and staff had told us and pinned down six needs.",
            ),
            [
                (
                    DECISION,
                    "Sex behov går vidare till prioriteringsmatrisen.",
                    "Six needs go on to the prioritisation matrix.",
                    None,
                ),
                (
                    ACTION,
                    "Fråga besökarna på varje mötesplats om behoven stämmer.",
                    "Ask the visitors at every meeting place whether the needs ring true.",
                    ("motesplatser-seniorer", "Äldrepedagogerna", 14, ""),
                ),
                (
                    PARKED,
                    "Ett gemensamt sommarprogram för alla mötesplatser.",
                    "A joint summer programme for all the meeting places.",
                    120,
                ),
            ],
        ),
        _workshop(
            (
                "Prioriteringsmatris: vilka behov går vi vidare med?",
                "Prioritisation matrix: which needs do we take further?",
            ),
            (
                "Varje behov placerades efter hur angeläget det är och hur väl vi kan möta det. "
                "Tre behov hamnade högt på båda.",
                "Each need was placed by how urgent it is and how well we can meet it. Three "
                "needs came out high on both.",
            ),
            [
                (
                    DECISION,
                    "Vi tar fram koncept för sällskap, samtal och att få bidra.",
                    "We develop concepts for company, conversation and contributing.",
                    None,
                ),
                (
                    ACTION,
                    "Fråga referensgruppen vilka koncept som ska testas först.",
                    "Ask the reference group which concepts to test first.",
                    ("malmo-tillsammans", "Processledaren", 21, ""),
                ),
            ],
            NEEDS_MATRIX,
        ),
        _workshop(
            ("Från behov till koncept", "From needs to concepts"),
            (
                "Arbetsgruppen skissade fyra koncept och beskrev vem de är till för och hur de "
                "skulle fungera en vanlig vecka.",
                "The working group sketched four concepts and described whom they are for and "
                "how they would work in an ordinary week.",
            ),
            [
                (
                    DECISION,
                    "Följeslagare och telefonvänner blir prototyper först.",
                    "Companions and telephone friends become prototypes first.",
                    None,
                ),
                (
                    ACTION,
                    "Kontakta Röda Korset om frivilliga telefonvänner.",
                    "Contact the Red Cross about volunteer telephone friends.",
                    ("malmo-tillsammans", "Processledaren", 14, ""),
                ),
                (PARKED, "En app för att boka sällskap.", "An app for booking company.", 180),
            ],
            CONCEPTS_MATRIX,
        ),
        _workshop(
            ("Från koncept till prototyp", "From concept to prototype"),
            (
                "Vi byggde enkla prototyper: ett schema för följeslagare och ett samtalsmanus "
                "för telefonvänner.",
                "We built simple prototypes: a rota for companions and a conversation guide for "
                "telephone friends.",
            ),
            [
                (
                    DECISION,
                    "Prototyperna testas på två mötesplatser under fyra veckor.",
                    "The prototypes are tested at two meeting places for four weeks.",
                    None,
                ),
                (
                    ACTION,
                    "Ta fram en enkel enkät för testet.",
                    "Prepare a short survey for the test.",
                    ("malmo-universitet", "Forskaren", 14, ""),
                ),
            ],
        ),
        _workshop(
            ("Hur testar vi i verksamheten?", "How do we test in practice?"),
            (
                "Vi planerade testerna: vem som gör vad, hur vi märker om det fungerar och när vi "
                "ses för att lära av det.",
                "We planned the tests: who does what, how we notice whether it works and when we "
                "meet to learn from it.",
            ),
            [
                (
                    DECISION,
                    "Testerna utvärderas tillsammans med besökarna.",
                    "The tests are evaluated together with the visitors.",
                    None,
                ),
                (
                    ACTION,
                    "Boka ett lärande samtal efter testperioden.",
                    "Book a learning session after the test period.",
                    ("malmo-tillsammans", "Processledaren", 28, ""),
                ),
            ],
        ),
    ],
)

SUGGESTIONS = [
    (
        "Samverkan med bostadsbolaget",
        "Hur kan värdarna hjälpa oss att nå seniorer som aldrig kommer till mötesplatserna?",
        "motesplatser-seniorer",
    ),
]

INITIATIVES = [
    # Swedish title, English title, Swedish summary, English summary, lead, partners, need,
    # target groups, budget, the step it has reached, the reason for a side exit, months
    (
        "Följeslagare till mötesplatsen",
        "Companions to the meeting place",
        "Frivilliga och personal följer seniorer som inte vågar gå själva till och från "
        "mötesplatsen.",
        "Volunteers and staff walk with seniors who do not dare go to and from the meeting place "
        "alone.",
        "motesplatser-seniorer",
        ["roda-korset-malmo", "spf-seniorerna"],
        2,
        ["ensamboende-80"],
        40_000,
        S.EXECUTION,
        "",
        4,
    ),
    (
        "Telefonvänner",
        "Telephone friends",
        "Seniorer som vill ha någon att prata med blir uppringda av en frivillig en gång i veckan.",
        "Seniors who want someone to talk to are called by a volunteer once a week.",
        "roda-korset-malmo",
        ["malmo-tillsammans", "motesplatser-seniorer"],
        0,
        ["seniorer-65", "ensamboende-80"],
        25_000,
        S.EVALUATION,
        "",
        4,
    ),
    (
        "Seniorer lär seniorer",
        "Seniors teach seniors",
        "Besökare håller i korta kurser för varandra: allt från surdeg till släktforskning.",
        "Visitors give short courses for each other: anything from sourdough to family history.",
        "pro-malmo",
        ["cafe-sommaren", "sensus"],
        4,
        ["seniorer-65"],
        15_000,
        S.PROPOSAL,
        "",
        6,
    ),
    (
        "Karta över stadens mötesplatser",
        "A map of the city's meeting places",
        "En karta på papper och på webben med alla tio mötesplatserna och vad som händer där.",
        "A map on paper and on the web showing all ten meeting places and what happens there.",
        "halsa-vard-omsorg",
        ["stadsbiblioteket"],
        1,
        ["seniorer-65"],
        30_000,
        S.PROPOSAL,
        "",
        3,
    ),
    (
        "Videofika",
        "Video coffee mornings",
        "Biblioteket lär ut videosamtal, och mötesplatserna bjuder in till fika på skärmen.",
        "The library teaches video calls, and the meeting places invite people to coffee on "
        "screen.",
        "stadsbiblioteket",
        ["motesplatser-seniorer"],
        5,
        ["seniorer-65"],
        10_000,
        S.NEEDS,
        "",
        3,
    ),
    (
        "Gemensam kalender för alla mötesplatser",
        "A shared calendar for every meeting place",
        "Alla mötesplatsers aktiviteter i en kalender.",
        "Every meeting place's activities in one calendar.",
        "motesplatser-seniorer",
        [],
        1,
        ["seniorer-65"],
        20_000,
        S.PARKED,
        "Kartan testas först; kalendern tas upp igen när vi vet hur den tas emot.",
        3,
    ),
]

IDEAS = [
    (
        "Promenadgrupp från Café Sommaren",
        "En kort promenad varje förmiddag, i lugn takt, så att fler vågar följa med.",
        "idea1@example.org",
        IdeaStatus.AWAITING,
    ),
    (
        "Bokcirkel med stor stil",
        "Jag ser dåligt men älskar att läsa. Kan biblioteket ha böcker med stor stil?",
        "idea2@example.org",
        IdeaStatus.KEPT,
    ),
]
IDEA_REPLY = "Tack! Vi tar med idén till en kommande workshop i IoU65+."

# The districts where the meeting places are, and which of them each need, initiative and focus
# group belongs to (none: all of Malmö).
DISTRICTS = [
    # slug, Swedish name, English name
    ("augustenborg", "Augustenborg", "Augustenborg"),
    ("rosengard", "Rosengård", "Rosengård"),
    ("centrum", "Centrum", "City centre"),
    ("limhamn", "Limhamn-Bunkeflo", "Limhamn-Bunkeflo"),
]
DISTRICT_OF = {
    CAFE: "augustenborg",
    "Sällskap på vägen till och från mötesplatsen": "augustenborg",
    "Följeslagare till mötesplatsen": "augustenborg",
    "Videofika": "centrum",
}


def _step(used: bool, name_sv: str = "", name_en: str = "", description_sv: str = "") -> dict:
    values = {"used": used, "description_sv": description_sv}
    if name_sv:
        values |= {
            "name_sv": name_sv,
            "translations": translations_of("en", name=(name_sv, name_en)),
        }
    return values


# IoU65+'s own steps: needs become concepts, concepts prototypes, and prototypes are tested in
# the meeting places' daily work. Nothing is decided or paid for from a pooled fund on the way.
PROCESS = {
    S.NEEDS: _step(True, "Behov", "Needs", "Vad besökare och personal berättar att de saknar."),
    S.PROPOSAL: _step(
        True,
        "Koncept",
        "Concepts",
        "Ett koncept: vem det är till för och hur det skulle fungera en vanlig vecka.",
    ),
    S.DECISION: _step(False),
    S.FUNDING: _step(False),
    S.EXECUTION: _step(
        True, "Prototyp", "Prototypes", "En enkel prototyp som mötesplatserna bygger och prövar."
    ),
    S.EVALUATION: _step(
        True,
        "Test i praktiken",
        "Tests in practice",
        "Prototypen testas i verksamheten och utvärderas tillsammans med besökarna.",
    ),
}
# The test of a prototype in practice, recorded as the evaluation at its step: what it showed
# and what the group learnt, in Swedish and English.
TESTS = {
    "Telefonvänner": {
        "findings": (
            "Fyra veckor på två mötesplatser: elva seniorer blev uppringda varje vecka, nio vill "
            "fortsätta.",
            "Four weeks at two meeting places: eleven seniors were called every week, nine want "
            "to go on.",
        ),
        "lessons": (
            "Samma frivillig varje vecka gör att samtalen blir personliga.",
            "The same volunteer every week makes the calls personal.",
        ),
    },
}

# The working group's workshops: every other week, with prioritisation matrices where the needs
# or concepts are placed by how urgent they are and by what the group can do about them.
MEETING_KIND = {
    "cadence": Cadence.BIWEEKLY,
    "name_sv": "Workshop i IoU65+",
    "translations": translations_of("en", name=("Workshop i IoU65+", "IoU65+ workshop")),
    "has_swot": False,
    "has_coming_questions": False,
    "has_themes": True,
    "has_matrix": True,
}
