"""The demo of Helsingborg's district development: the city's departments, its housing company,
associations, the church and local companies working in the districts with the people who live
there, and the joint development group that meets once a month around a theme and evaluates its
own work with a SWOT analysis (seeds 002 and 004, retold in our own words).

Its shape is data too: the districts (DISTRICTS, DISTRICT_OF), the networks with their contact
persons (NETWORKS), each initiative's way of working (WAYS_OF_WORKING) and the kind of meeting
the group holds (MEETING_KIND).
"""

import datetime

from actors.choices import GovernanceKind, OrganisationKind
from actors.look import Look
from actors.translations import translations_of
from focusgroups.choices import IdeaStatus, InsightKind
from initiatives.choices import InitiativeStep as S
from initiatives.choices import WayOfWorking
from networks.choices import ParticipantKind
from workshops.choices import Cadence, ItemKind, SwotHeading

from .story import Meetings, monthly, site_settings

NAME_SV = "Helsingborgs stadsdelar tillsammans"
NAME_EN = "Helsingborg's districts together"
TAGLINE_SV = "Vi möter invånarna där de bor och utvecklar stadsdelarna tillsammans med dem"
TAGLINE_EN = "We meet residents where they live and develop the districts together with them"
MISSION_SV = (
    "Stadens förvaltningar och bolag, föreningar, kyrkan och näringslivet arbetar tillsammans "
    "med invånarna för trygga och levande stadsdelar där barn, unga och vuxna har ett gott liv. "
    "Vi stöttar invånarnas egna initiativ, gör gemensamma punktinsatser där behovet är störst "
    "och tar ett samlat grepp om en stadsdel när det behövs."
)
MISSION_EN = (
    "The city's departments and companies, associations, the church and local businesses work "
    "with the residents for safe and lively districts where children, young people and adults "
    "live well. We back residents' own initiatives, make joint focused efforts where the need is "
    "greatest and take a coordinated grip on a whole district when it is needed."
)

SITE = site_settings(
    name=(NAME_SV, NAME_EN),
    short_name="Stadsdelar Helsingborg",
    area="Helsingborg",
    council_name="Invånarnas referensgrupp",
    tagline=(TAGLINE_SV, TAGLINE_EN),
    mission=(MISSION_SV, MISSION_EN),
    contact_email="stadsdelar@demo.cih.se",
    languages=["sv", "en", "ar"],
    # The city's blue, with white text on it and in the header.
    look=Look(
        primary="#005a9c",
        button_text="#ffffff",
        header_background="#003b66",
        header_text="#ffffff",
    ),
)

D = datetime.date
ORGANISATIONS = [
    # slug, name, kind, joined, Swedish description, English description
    (
        "socialforvaltningen",
        "Socialförvaltningen",
        OrganisationKind.PUBLIC_AGENCY,
        D(2014, 1, 1),
        "Startade arbetet med brukardelaktighet och håller ihop den gemensamma utvecklingsgruppen.",
        "Started the work on service users' participation and convenes the joint development "
        "group.",
    ),
    (
        "arbetsmarknadsforvaltningen",
        "Arbetsmarknadsförvaltningen",
        OrganisationKind.PUBLIC_AGENCY,
        D(2016, 3, 1),
        "Hjälper invånare till arbete och studier, också ute i stadsdelarna.",
        "Helps residents into work and studies, out in the districts too.",
    ),
    (
        "skol-och-fritid",
        "Skol- och fritidsförvaltningen",
        OrganisationKind.PUBLIC_AGENCY,
        D(2016, 3, 1),
        "Ansvarar för skolor, fritidsgårdar och lokaler för föreningar.",
        "Runs schools, youth centres and premises for associations.",
    ),
    (
        "stadsbyggnadsforvaltningen",
        "Stadsbyggnadsförvaltningen",
        OrganisationKind.PUBLIC_AGENCY,
        D(2017, 9, 1),
        "Planerar stadens fysiska miljö: gator, parker, belysning och nya bostäder.",
        "Plans the city's physical environment: streets, parks, lighting and new homes.",
    ),
    (
        "kontaktcenter",
        "Helsingborg kontaktcenter",
        OrganisationKind.PUBLIC_AGENCY,
        D(2017, 9, 1),
        "Tar emot frågor, idéer och synpunkter från invånare och skickar dem vidare.",
        "Takes in residents' questions, ideas and comments and passes them on.",
    ),
    (
        "helsingborgshem",
        "Helsingborgshem",
        OrganisationKind.COMPANY,
        D(2016, 3, 1),
        "Stadens bostadsbolag, med bovärdar och lokaler i flera stadsdelar.",
        "The city's housing company, with caretakers and premises in several districts.",
    ),
    (
        "svenska-kyrkan",
        "Svenska kyrkan Helsingborg",
        OrganisationKind.NGO,
        D(2018, 1, 1),
        "Församlingarna driver öppna verksamheter, läxhjälp och samtalsgrupper.",
        "The parishes run open activities, homework help and conversation groups.",
    ),
    (
        "rsmh-helsingborg",
        "RSMH Helsingborg",
        OrganisationKind.ASSOCIATION,
        D(2014, 1, 1),
        "Förening för social och mental hälsa där medlemmarna själva har erfarenhet av "
        "psykisk ohälsa.",
        "Association for social and mental health whose members have lived experience of mental "
        "ill-health.",
    ),
    (
        "brukarforeningen",
        "Brukarföreningen Helsingborg",
        OrganisationKind.ASSOCIATION,
        D(2015, 5, 1),
        "Förening för människor med erfarenhet av missbruk och beroende.",
        "Association for people with experience of substance misuse and addiction.",
    ),
    (
        "stadsdelsforeningen-drottninghog",
        "Drottninghögs stadsdelsförening",
        OrganisationKind.ASSOCIATION,
        D(2019, 2, 1),
        "Grannar som ordnar fester, loppis och trygghetsvandringar i stadsdelen.",
        "Neighbours who arrange parties, flea markets and safety walks in the district.",
    ),
    (
        "foretagare-soder",
        "Företagarna på Söder",
        OrganisationKind.COMPANY,
        D(2020, 4, 1),
        "Lokala företag som erbjuder praktikplatser och sommarjobb till unga.",
        "Local businesses offering work placements and summer jobs to young people.",
    ),
    (
        "arbetsformedlingen",
        "Arbetsförmedlingen",
        OrganisationKind.PUBLIC_AGENCY,
        D(2018, 6, 1),
        "Myndigheten för arbetsmarknaden samverkar med staden i stadsdelarna.",
        "The public employment service works with the city in the districts.",
    ),
    (
        "campus-helsingborg",
        "Lunds universitet, Campus Helsingborg",
        OrganisationKind.RESEARCH,
        D(2021, 1, 1),
        "Forskare följer upp stadsdelsarbetet och hur invånarnas förslag tas om hand.",
        "Researchers follow up the district work and how residents' proposals are taken care of.",
    ),
]

PRINCIPLES = [
    (
        "Invånarna är experterna",
        "Residents are the experts",
        "De som bor i stadsdelen och de som använder vår service vet bäst vad som behövs.",
        "The people who live in a district and use our services know best what is needed.",
    ),
    (
        "Öppet för alla",
        "Open to everyone",
        "Alla är välkomna till utvecklingsgruppen, och alla ska våga säga sitt.",
        "Everyone is welcome in the development group, and everyone should dare to speak.",
    ),
    (
        "Olika stadsdelar, olika arbetssätt",
        "Different districts, different ways of working",
        "Vi utgår från varje stadsdels behov och förutsättningar.",
        "We start from each district's needs and conditions.",
    ),
    (
        "Varje förslag får ett svar",
        "Every proposal gets an answer",
        "Den som lämnat ett förslag ska få veta vad som hände med det.",
        "Whoever made a proposal should find out what became of it.",
    ),
]

GOALS = [
    (
        "Sveriges mest engagerade invånare",
        "Sweden's most engaged residents",
        "Fler invånare tar initiativ och är med och formar sin stadsdel.",
        "More residents take initiatives and help shape their district.",
    ),
    (
        "Trygga och attraktiva stadsdelar",
        "Safe and attractive districts",
        "Stadsdelar där barn, unga och vuxna trivs och känner sig trygga.",
        "Districts where children, young people and adults feel at home and safe.",
    ),
    (
        "Minskat utanförskap",
        "Less exclusion",
        "Fler i arbete och studier, och mindre avstånd mellan invånare och förvaltning.",
        "More people in work and studies, and less distance between residents and the city.",
    ),
]

GOVERNANCE = [
    # kind, Swedish name, English name, Swedish role, English role, meets (sv, en), organisation
    (
        GovernanceKind.WORKING_GROUP,
        "Gemensam utvecklingsgrupp",
        "Joint development group",
        "Brukare, föreningar och förvaltningar möts kring ett tema, delar information och tar "
        "fram förslag.",
        "Service users, associations and departments meet around a theme, share news and work "
        "out proposals.",
        "En gång i månaden",
        "Once a month",
        "socialforvaltningen",
    ),
    (
        GovernanceKind.RESIDENTS_COUNCIL,
        "Invånarnas referensgrupp",
        "Residents' reference group",
        "Invånare och brukare som tillfrågas innan större beslut fattas.",
        "Residents and service users consulted before larger decisions are taken.",
        "Varannan månad",
        "Every other month",
        None,
    ),
    (
        GovernanceKind.STEERING_GROUP,
        "Styrgrupp för stadsdelsutveckling",
        "Steering group for district development",
        "Förvaltnings- och bolagschefer som beslutar om samordnade insatser i en stadsdel.",
        "Heads of departments and companies who decide on coordinated work in a district.",
        "Fyra gånger om året",
        "Four times a year",
        None,
    ),
    (
        GovernanceKind.PROCESS_LEAD,
        "Processledning",
        "Process lead",
        "Planerar mötena, för protokoll och ser till att förslagen följs upp.",
        "Plans the meetings, keeps the minutes and sees that proposals are followed up.",
        "Varje vecka",
        "Weekly",
        "socialforvaltningen",
    ),
]

# The five demo logins act for these organisations, in the roles they have in every demo.
ACTING_FOR = {
    "coordinator@demo.cih.se": "socialforvaltningen",
    "member@demo.cih.se": "rsmh-helsingborg",
    "evaluator@demo.cih.se": "campus-helsingborg",
}

FOCUS_AREAS = [
    ("trygghet", "Trygga och attraktiva stadsdelar", "Safe and attractive districts"),
    ("delaktighet", "Delaktighet och engagemang", "Participation and engagement"),
    ("arbete-integration", "Arbete och integration", "Work and integration"),
    ("barn-unga", "Barns och ungas livskvalitet", "Children's and young people's quality of life"),
    ("brukarinflytande", "Brukarnas inflytande", "Service users' influence"),
]

TARGET_GROUPS = [
    ("invanare", "Invånare i stadsdelarna", "Residents of the districts", "", ""),
    ("unga-vuxna", "Unga vuxna 18–25 år", "Young adults aged 18–25", "", ""),
    (
        "brukare",
        "Brukare",
        "Service users",
        "Människor som använder socialtjänstens stöd.",
        "People who use the social services' support.",
    ),
    ("foreningar", "Föreningar", "Associations", "", ""),
]

DIALOGUE = "Invånardialog på Drottninghög"
USERS_SAY = "Brukare om delaktighet"
FOCUS_GROUPS = [
    {
        "key": (DIALOGUE, D(2026, 3, 18)),
        "host": "helsingborgshem",
        "facilitator": "Bovärdar från Helsingborgshem och stadsdelsföreningen",
        "language": "svenska, arabiska",
        "participant_count": 14,
        "age_band": "18–80",
        "questions_sv": "Vad är bra med att bo här?\nVad skulle göra stadsdelen tryggare?",
        "summary_sv": "Grannarna trivs men vill ha tryggare kvällar, lokaler de kan låna och "
        "besked om vad som händer med deras förslag.",
        "english": {
            "title": "Residents' dialogue in Drottninghög",
            "questions": "What is good about living here?\nWhat would make the district safer?",
            "summary": "Neighbours like living here but want safer evenings, premises they can "
            "borrow and word of what becomes of their proposals.",
        },
        "insights": [
            (
                InsightKind.QUOTE,
                "Jag vill kunna gå hem från bussen på kvällen utan att vara rädd.",
                "I want to walk home from the bus in the evening without being afraid.",
            ),
            (
                InsightKind.QUOTE,
                "Vi har sagt samma sak i tre år men ingen berättar vad som hände sen.",
                "We have said the same thing for three years, but nobody tells us what happened "
                "next.",
            ),
            (
                InsightKind.STATEMENT,
                "Det finns lokaler i området, men få vet hur man får låna dem.",
                "There are premises in the area, but few know how to borrow them.",
            ),
        ],
    },
    {
        "key": (USERS_SAY, D(2026, 5, 6)),
        "host": "rsmh-helsingborg",
        "facilitator": "RSMH Helsingborg",
        "language": "svenska",
        "participant_count": 9,
        "age_band": "25–70",
        "questions_sv": "När har du känt att din röst räknats?\nVad hindrar dig från att säga "
        "vad du tycker?",
        "summary_sv": "Brukarna vill vara med tidigt, i mindre grupper, och få besked om vad "
        "förslagen leder till.",
        "english": {
            "title": "Service users on participation",
            "questions": "When have you felt that your voice counted?\n"
            "What keeps you from saying what you think?",
            "summary": "Service users want to take part early, in smaller groups, and hear what "
            "their proposals lead to.",
        },
        "insights": [
            (
                InsightKind.QUOTE,
                "Det är vi som vet hur det är. Fråga oss först, inte sist.",
                "We are the ones who know what it is like. Ask us first, not last.",
            ),
            (
                InsightKind.STATEMENT,
                "Många har lämnat förslag utan att få höra något tillbaka.",
                "Many have made proposals without hearing anything back.",
            ),
            (
                InsightKind.QUOTE,
                "I en stor grupp säger jag ingenting.",
                "In a big group I say nothing.",
            ),
        ],
    },
]

CONSULTATIONS = [
    {
        "asked_on": D(2026, 6, 2),
        "question_sv": "Ska lokaler att låna i stadsdelarna prioriteras före fler "
        "kvällsaktiviteter?",
        "material": "Sammanfattning av invånardialogen och vårens prioritering.",
        "answered_on": D(2026, 6, 16),
        "answer_sv": "Ja. Med lokaler kan föreningar och grannar själva ordna aktiviteter på "
        "kvällarna.",
        "english": {
            "question": "Should premises to borrow in the districts come before more evening "
            "activities?",
            "answer": "Yes. With premises, associations and neighbours can arrange evening "
            "activities themselves.",
        },
    },
]

NEEDS = [
    # Swedish title, English title, Swedish text, English text, focus area, target groups,
    # insights as (focus group, position)
    (
        "Tryggare väg mellan busshållplats och bostad",
        "A safer way between the bus stop and home",
        "Mörka gångvägar gör att många undviker att gå ut på kvällen.",
        "Dark footpaths keep many from going out in the evening.",
        "trygghet",
        ["invanare"],
        [(DIALOGUE, 1)],
    ),
    (
        "Besked om vad som händer med invånarnas förslag",
        "Word of what becomes of residents' proposals",
        "Förslag försvinner i förvaltningarna och invånarna får inget svar.",
        "Proposals vanish in the departments and residents get no answer.",
        "delaktighet",
        ["invanare", "brukare"],
        [(DIALOGUE, 2), (USERS_SAY, 2)],
    ),
    (
        "Lokaler som föreningar och grannar kan låna",
        "Premises associations and neighbours can borrow",
        "Det finns lokaler, men det är krångligt att få låna dem.",
        "There are premises, but borrowing them is complicated.",
        "delaktighet",
        ["foreningar", "invanare"],
        [(DIALOGUE, 3)],
    ),
    (
        "Mindre mötesformer där alla vågar säga sitt",
        "Smaller meetings where everyone dares to speak",
        "Den stora gruppen gör att många håller tyst.",
        "The large group keeps many quiet.",
        "brukarinflytande",
        ["brukare"],
        [(USERS_SAY, 3), (USERS_SAY, 1)],
    ),
    (
        "Fler vägar till jobb för unga vuxna",
        "More ways into work for young adults",
        "Unga vuxna i stadsdelarna saknar kontakter med arbetsgivare.",
        "Young adults in the districts lack contacts with employers.",
        "arbete-integration",
        ["unga-vuxna"],
        [],
    ),
    (
        "Samlad kunskap om vad föreningarna gör",
        "Shared knowledge of what the associations do",
        "Deltagarna vet för lite om varandras verksamheter för att kunna hänvisa rätt.",
        "Participants know too little of each other's work to refer people to the right place.",
        "delaktighet",
        ["foreningar", "brukare"],
        [],
    ),
]

ROUNDS = [
    {
        "title_sv": "Prioritering våren 2026",
        "english": "Prioritisation spring 2026",
        "opened": datetime.datetime(2026, 4, 8, 9, 0, tzinfo=datetime.UTC),
        "closed": datetime.datetime(2026, 4, 29, 15, 0, tzinfo=datetime.UTC),
        "closes_on": D(2026, 4, 29),
        "needs": [0, 1, 2, 3, 5],
        # organisation -> scores (urgency, capacity) per need in the order above
        "scores": {
            "socialforvaltningen": [(3, 2), (5, 5), (3, 3), (4, 4), (4, 3)],
            "helsingborgshem": [(5, 4), (3, 3), (4, 5), (2, 2), (2, 2)],
            "rsmh-helsingborg": [(3, 1), (5, 3), (3, 2), (5, 4), (4, 3)],
            "stadsdelsforeningen-drottninghog": [(5, 3), (4, 2), (5, 4), (2, 1), (3, 2)],
        },
    },
]

FOLLOW_UP = "Följa upp utvecklingsgruppens förslag"
ACTION, DECISION, PARKED = ItemKind.ACTION, ItemKind.DECISION, ItemKind.PARKED
NEXT_STEP = ItemKind.NEXT_STEP
SWOT_EVALUATION = {
    "theme": (
        "Utvärdering av vårt gemensamma utvecklingsarbete (SWOT)",
        "Evaluation of our joint development work (SWOT)",
    ),
    "swot": True,
    "summary": (
        "Socialdirektören ledde en utvärdering av gruppens arbete: vad som fungerar, vad som "
        "brister, vilka möjligheter och hot vi ser, och vad vi gör härnäst under varje rubrik.",
        "The director of social services led an evaluation of the group's work: what works, "
        "what falls short, which opportunities and threats we see, and what we do next under "
        "each heading.",
    ),
    "coming_questions": (
        "Substitutionsbehandling, som brukarföreningen föreslagit, och hur förslagen följs upp.",
        "Substitution treatment, as the service users' association proposed, and how the "
        "proposals are followed up.",
    ),
    "items": [
        (
            ItemKind.STRENGTH,
            "Ett öppet forum för dialog, där alla är välkomna.",
            "An open forum for dialogue where everyone is welcome.",
            None,
        ),
        (
            ItemKind.STRENGTH,
            "Brukarnas erfarenhet tas tillvara och avståndet till förvaltningen har minskat.",
            "Service users' experience is put to use and the distance "
            "to the departments has shrunk.",
            None,
        ),
        (
            ItemKind.STRENGTH,
            "Kontinuitet: vi ses en gång i månaden.",
            "Continuity: we meet once a month.",
            None,
        ),
        (
            ItemKind.WEAKNESS,
            "Förslag och projekt följs inte upp.",
            "Proposals and projects are not followed up.",
            None,
        ),
        (
            ItemKind.WEAKNESS,
            "Ojämnt deltagande: vi vet aldrig vilka som kommer.",
            "Uneven attendance: we never know who will come.",
            None,
        ),
        (
            ItemKind.WEAKNESS,
            "Förvaltningen sätter agendan; fler behöver skicka in teman.",
            "The department sets the agenda; more people need to send in themes.",
            None,
        ),
        (
            ItemKind.OPPORTUNITY,
            "En kunskaps- och kontaktbank för alla deltagare.",
            "A bank of knowledge and contacts for every participant.",
            None,
        ),
        (
            ItemKind.OPPORTUNITY,
            "Fler myndigheter kan bjudas in att samverka.",
            "More public agencies can be invited to work with us.",
            None,
        ),
        (
            ItemKind.THREAT,
            "Tvivel på att det leder till något.",
            "Doubts that it leads anywhere.",
            None,
        ),
        (
            ItemKind.THREAT,
            "Föreningarnas ekonomi är osäker.",
            "The associations' finances are uncertain.",
            None,
        ),
        (
            NEXT_STEP,
            "Vi fortsätter att ses varje månad, öppet för alla.",
            "We go on meeting every month, open to everyone.",
            SwotHeading.STRENGTH,
        ),
        (
            NEXT_STEP,
            "Varje förslag får en ansvarig och följs upp på nästa möte.",
            "Every proposal gets someone responsible and is followed up at the next meeting.",
            SwotHeading.WEAKNESS,
        ),
        (
            NEXT_STEP,
            "Vi bjuder in fler myndigheter till mötena.",
            "We invite more public agencies to the meetings.",
            SwotHeading.OPPORTUNITY,
        ),
        (
            NEXT_STEP,
            "Vi visar på varje möte vad förslagen har lett till.",
            "At every meeting we show what the proposals have led to.",
            SwotHeading.THREAT,
        ),
        (
            ACTION,
            "Behålla en mötestid i månaden och hålla mötet öppet för alla.",
            "Keep one meeting a month and keep it open to everyone.",
            ("socialforvaltningen", "Processledaren", 28, SwotHeading.STRENGTH),
        ),
        (
            ACTION,
            "Införa en stående punkt om kommande frågor och en parkeringsruta för idéer.",
            "Add a standing point on coming questions and a parking lot for ideas.",
            ("socialforvaltningen", "Processledaren", 28, SwotHeading.WEAKNESS),
        ),
        (
            ACTION,
            "Göra en genomgång av vad de olika föreningarna gör.",
            "Go through what the different associations do.",
            ("rsmh-helsingborg", "Ordföranden", 56, SwotHeading.OPPORTUNITY),
        ),
        (
            ACTION,
            "Be förvaltningarna återkoppla på varje förslag inom en månad.",
            "Ask the departments to answer every proposal within a month.",
            ("socialforvaltningen", "Enhetschefen", 42, SwotHeading.THREAT),
        ),
        (
            PARKED,
            "Ett gemensamt seminarium om för och emot substitutionsbehandling.",
            "A joint seminar on the case for and against substitution treatment.",
            120,
        ),
    ],
}
MEETINGS = Meetings(
    # The second Monday of each month, as the group has met since it started.
    calendar=monthly(0, 2, back=5),
    starts=datetime.time(13, 30),
    ends=datetime.time(15, 30),
    place="Socialförvaltningen, mötesrummet på plan 2",
    host="socialforvaltningen",
    agenda_sv="1. Kommande frågor\n2. Dagens tema\n3. Uppföljning av åtgärder\n"
    "4. Parkeringsrutan\n5. Nästa möte och tema",
    agenda_en="1. Coming questions\n2. Today's theme\n3. Follow-up of actions\n"
    "4. The parking lot\n5. Next meeting and theme",
    turnout={
        "socialforvaltningen": 1.0,
        "rsmh-helsingborg": 0.9,
        "brukarforeningen": 0.7,
        "svenska-kyrkan": 0.6,
        "helsingborgshem": 0.5,
        "arbetsmarknadsforvaltningen": 0.4,
        "stadsdelsforeningen-drottninghog": 0.5,
        "kontaktcenter": 0.3,
    },
    agendas=[
        SWOT_EVALUATION,
        {
            "theme": (
                "Boenden för personer med psykisk funktionsnedsättning",
                "Housing for people with mental disabilities",
            ),
            "swot": False,
            "coming_questions": (
                "Hur brukarna kan vara med när boendenas husregler ses över.",
                "How service users can take part when the homes' house rules are reviewed.",
            ),
            "summary": (
                "Socialförvaltningen berättade om boenden med stöd enligt socialtjänstlagen och "
                "brukarna om hur det är att bo där.",
                "The social services described supported housing under the Social Services Act, "
                "and service users told what it is like to live there.",
            ),
            "items": [
                (
                    DECISION,
                    "Brukarna bjuds in till nästa översyn av boendenas husregler.",
                    "Service users are invited to the next review of the homes' house rules.",
                    None,
                ),
                (
                    ACTION,
                    "Skicka ut boendenas kontaktuppgifter till alla deltagare.",
                    "Send the homes' contact details to every participant.",
                    ("socialforvaltningen", "Enhetschefen för boendestöd", 14, ""),
                ),
                (
                    PARKED,
                    "Studiebesök på ett boende i en annan kommun.",
                    "A study visit to a home in another municipality.",
                    90,
                ),
            ],
        },
        {
            "theme": (
                "En gemensam folder för sociala organisationer",
                "A joint leaflet for social organisations",
            ),
            "swot": False,
            "summary": (
                "Vi samlade vad varje förening erbjuder och hur man når dem, som underlag för en "
                "gemensam folder.",
                "We gathered what each association offers and how to reach it, as the basis for "
                "a joint leaflet.",
            ),
            "items": [
                (
                    DECISION,
                    "Foldern tas fram på svenska och arabiska.",
                    "The leaflet is made in Swedish and Arabic.",
                    None,
                ),
                (
                    ACTION,
                    FOLLOW_UP + " i en lista som visas på varje möte.",
                    "Follow up the development group's proposals in a list shown at every meeting.",
                    ("socialforvaltningen", "Processledaren", 28, ""),
                ),
                (
                    ACTION,
                    "Samla in föreningarnas texter till foldern.",
                    "Collect the associations' texts for the leaflet.",
                    ("brukarforeningen", "Sekreteraren", 21, ""),
                ),
            ],
        },
        {
            "theme": (
                "Hur når vi fler i stadsdelarna?",
                "How do we reach more people in the districts?",
            ),
            "swot": False,
            "summary": (
                "Helsingborgshem och stadsdelsföreningen berättade hur de når grannar som sällan "
                "kommer på möten: i trapphus, på loppisar och genom bovärdarna.",
                "The housing company and the district association told how they reach "
                "neighbours who seldom come to meetings: in stairwells, at flea markets and "
                "through the caretakers.",
            ),
            "items": [
                (
                    DECISION,
                    "Nästa invånardialog hålls på en loppis i stället för i en möteslokal.",
                    "The next residents' dialogue is held at a flea market instead "
                    "of a meeting room.",
                    None,
                ),
                (
                    ACTION,
                    "Bjuda in Arbetsförmedlingen till ett möte om unga vuxna.",
                    "Invite the employment service to a meeting on young adults.",
                    ("arbetsmarknadsforvaltningen", "Samordnaren", 28, ""),
                ),
                (
                    PARKED,
                    "En motivationsfilm om vad utvecklingsgruppen har åstadkommit.",
                    "A film on what the development group has achieved, to inspire others.",
                    180,
                ),
            ],
        },
    ],
)

SUGGESTIONS = [
    # title, description, suggested by (organisation slug)
    (
        "För och emot substitutionsbehandling",
        "Ett tema där både brukare och vården får berätta om sina erfarenheter.",
        "brukarforeningen",
    ),
    (
        "Öppna uppgifter om socialtjänsten",
        "Hur kan invånarna själva följa vad socialtjänsten gör och vad förslagen blir?",
        "rsmh-helsingborg",
    ),
]

INITIATIVES = [
    # Swedish title, English title, Swedish summary, English summary, lead, partners, need,
    # target groups, budget, the step it has reached, the reason for a side exit, months
    (
        "Ljusare gångvägar på Drottninghög",
        "Brighter footpaths in Drottninghög",
        "Trygghetsvandringar med grannarna visar var belysning och buskar behöver ses över, och "
        "staden åtgärdar det.",
        "Safety walks with the neighbours show where lighting and bushes need seeing to, and "
        "the city puts it right.",
        "stadsbyggnadsforvaltningen",
        ["helsingborgshem", "stadsdelsforeningen-drottninghog"],
        0,
        ["invanare"],
        250_000,
        S.FUNDING,
        "",
        6,
    ),
    (
        "Svar på varje förslag inom en månad",
        "An answer to every proposal within a month",
        "Varje förslag från utvecklingsgruppen eller kontaktcenter får en ansvarig och ett svar "
        "inom en månad, och listan visas på varje möte.",
        "Every proposal from the development group or the contact centre gets someone "
        "responsible and an answer within a month, and the list is shown at every meeting.",
        "socialforvaltningen",
        ["kontaktcenter"],
        1,
        ["invanare", "brukare"],
        60_000,
        S.DECISION,
        "",
        12,
    ),
    (
        "Låna en lokal i din stadsdel",
        "Borrow premises in your district",
        "Föreningar och grannar bokar bostadsbolagets och stadens lokaler på ett ställe.",
        "Associations and neighbours book the housing company's and the city's premises in one "
        "place.",
        "helsingborgshem",
        ["skol-och-fritid"],
        2,
        ["foreningar", "invanare"],
        80_000,
        S.PROPOSAL,
        "",
        12,
    ),
    (
        "Samtalsgrupper före storgruppen",
        "Small groups before the big meeting",
        "Före varje månadsmöte träffas brukarna i små grupper och tar med sig sina frågor.",
        "Before each monthly meeting service users meet in small groups and bring their questions.",
        "rsmh-helsingborg",
        ["brukarforeningen", "svenska-kyrkan"],
        3,
        ["brukare"],
        30_000,
        S.PROPOSAL,
        "",
        6,
    ),
    (
        "Jobbspår för unga vuxna på Söder",
        "A path into work for young adults on Söder",
        "Lokala företag tar emot unga vuxna på praktik med en handledare från "
        "arbetsmarknadsförvaltningen.",
        "Local businesses take young adults on work placements with a supervisor from the "
        "labour market department.",
        "arbetsmarknadsforvaltningen",
        ["foretagare-soder", "arbetsformedlingen"],
        4,
        ["unga-vuxna"],
        400_000,
        S.DECISION,
        "",
        12,
    ),
    (
        "Film om utvecklingsgruppen",
        "A film about the development group",
        "En kort film där deltagarna berättar vad gruppen har lett till.",
        "A short film in which participants tell what the group has led to.",
        "socialforvaltningen",
        [],
        5,
        ["foreningar"],
        50_000,
        S.PARKED,
        "Vi tar upp filmen igen när foldern är klar.",
        3,
    ),
    (
        "Gemensam folder för sociala organisationer",
        "A joint leaflet for social organisations",
        "Vad varje förening erbjuder och hur man når den, samlat i en folder.",
        "What each association offers and how to reach it, in one leaflet.",
        "brukarforeningen",
        ["rsmh-helsingborg"],
        5,
        ["foreningar", "brukare"],
        20_000,
        S.NEEDS,
        "",
        3,
    ),
]

IDEAS = [
    (
        "Lekplats vid Planteringen",
        "Barnen i kvarteren runt Planteringen har långt till närmaste lekplats.",
        "idea1@example.org",
        IdeaStatus.AWAITING,
    ),
    (
        "Läxhjälp på lördagar",
        "Många föräldrar arbetar på vardagarna och kan inte hjälpa till med läxorna.",
        "idea2@example.org",
        IdeaStatus.KEPT,
    ),
]
IDEA_REPLY = (
    "Tack! Vi lägger idén i parkeringsrutan och tar upp den på ett kommande möte i "
    "utvecklingsgruppen."
)

# The districts the collaboration covers, and which of them each need, initiative, focus group
# and idea belongs to (none: all of them).
DISTRICTS = [
    # slug, Swedish name, English name
    ("drottninghog", "Drottninghög", "Drottninghög"),
    ("dalhem", "Dalhem", "Dalhem"),
    ("planteringen", "Planteringen", "Planteringen"),
    ("soder", "Söder", "Söder"),
    ("narlunda", "Närlunda", "Närlunda"),
]
DISTRICT_OF = {
    DIALOGUE: "drottninghog",
    "Tryggare väg mellan busshållplats och bostad": "drottninghog",
    "Fler vägar till jobb för unga vuxna": "soder",
    "Ljusare gångvägar på Drottninghög": "drottninghog",
    "Låna en lokal i din stadsdel": "drottninghog",
    "Jobbspår för unga vuxna på Söder": "soder",
    "Lekplats vid Planteringen": "planteringen",
}

# The networks per district: who takes part, what they coordinate, and their contact persons,
# named on the site only by those who agreed to it.
NETWORKS = [
    {
        "district": "drottninghog",
        "name_sv": "Nätverket för Drottninghög",
        "description_sv": "Trygghet, mötesplatser och aktiviteter under ombyggnaden av stadsdelen.",
        "translations": {
            "en": {
                "name": "The Drottninghög network",
                "description": "Safety, meeting places and activities while the district is "
                "being rebuilt.",
            }
        },
        "organisations": [
            "helsingborgshem",
            "stadsbyggnadsforvaltningen",
            "skol-och-fritid",
            "svenska-kyrkan",
            "stadsdelsforeningen-drottninghog",
        ],
        "participants": [("Polisen i Helsingborg", ParticipantKind.PUBLIC_AGENCY)],
        "contacts": [
            {
                "name": "Nadia Karim",
                "role": "Bovärd, Helsingborgshem",
                "email": "nadia.karim@demo.cih.se",
                "organisation": "helsingborgshem",
                "consents_to_publication": True,
            },
            {
                "name": "Per Olsson",
                "role": "Samordnare, stadsbyggnadsförvaltningen",
                "email": "per.olsson@demo.cih.se",
                "organisation": "stadsbyggnadsforvaltningen",
                "consents_to_publication": False,
            },
        ],
    },
    {
        "district": "soder",
        "name_sv": "Nätverket för Söder",
        "description_sv": "Vägar till arbete och studier för unga vuxna.",
        "translations": {
            "en": {
                "name": "The Söder network",
                "description": "Ways into work and studies for young adults.",
            }
        },
        "organisations": ["arbetsmarknadsforvaltningen", "arbetsformedlingen", "foretagare-soder"],
        "contacts": [
            {
                "name": "Hanna Ek",
                "role": "Samordnare, arbetsmarknadsförvaltningen",
                "email": "hanna.ek@demo.cih.se",
                "organisation": "arbetsmarknadsforvaltningen",
                "consents_to_publication": True,
            },
        ],
    },
]

# Each initiative's way of working (004) and the roles it names: an own initiative enabled by a
# network, a focused joint intervention with an owner and a named responsible person, or a
# coordinated whole-district project with the city director as commissioner and a responsible
# manager. The others are the residents' and associations' own initiatives.
WAYS_OF_WORKING = {
    "Låna en lokal i din stadsdel": (
        WayOfWorking.OWN_INITIATIVE,
        {"enabled_by": "Nätverket för Drottninghög"},
    ),
    "Ljusare gångvägar på Drottninghög": (
        WayOfWorking.DISTRICT_PROJECT,
        {
            "commissioner": "Stadsdirektören",
            "responsible_manager": "Förvaltningschefen, stadsbyggnadsförvaltningen",
        },
    ),
    "Svar på varje förslag inom en månad": (
        WayOfWorking.JOINT_INTERVENTION,
        {"owner": "socialforvaltningen", "responsible_person": "Enhetschefen för brukarstöd"},
    ),
    "Jobbspår för unga vuxna på Söder": (
        WayOfWorking.JOINT_INTERVENTION,
        {"owner": "arbetsmarknadsforvaltningen", "responsible_person": "Samordnaren på Söder"},
    ),
}

# The development group's meetings: monthly, around a theme, with a standing point for coming
# questions, a SWOT evaluation with what to do next under each heading, and themes sent in by
# the participants.
MEETING_KIND = {
    "cadence": Cadence.MONTHLY,
    "name_sv": "Utvecklingsgruppens möte",
    "translations": translations_of(
        "en", name=("Utvecklingsgruppens möte", "Development group meeting")
    ),
    "has_swot": True,
    "has_coming_questions": True,
    "has_themes": True,
    "has_matrix": False,
}
