"""The public open-data package: everything public, as tables in Swedish."""

from django.utils.translation import get_language_info

from actors.i18n import translation_languages
from funding import selectors as ledger
from initiatives import statistics as initiatives
from prioritization import statistics as prioritization

from . import table

# The title in Swedish, the language every text is written in, and in each language the portal
# has a catalogue for, whether or not this collaboration offers it: the columns stay the same.
TITLES = [
    ("title_sv", "title_sv", "Title in Swedish"),
    *(
        (f"title_{code}", f"title_{code}", f"Title in {info['name']} (empty where not translated)")
        for code, info in ((code, get_language_info(code)) for code in translation_languages())
    ),
]


def build() -> list[dict]:
    """Initiatives, needs, round results, indicators and money, as the tables of the package.

    Queries: public initiatives (1), needs (1), round results (1), data points (1), money
    (funding.selectors.public_totals: 2).
    """
    money = ledger.public_totals()
    return [
        table(
            "initiatives.csv",
            "Initiatives",
            [
                ("id", "id", "Number of the initiative on the portal (/initiatives/<id>/)"),
                *TITLES,
                ("focus_area", "focus_area", "Focus area"),
                ("lead_organisation", "lead_organisation", "Organisation that leads it"),
                (
                    "step",
                    "step",
                    "Step of the process: proposal, decision, funding, execution, evaluation,"
                    " completed, parked, rejected or withdrawn",
                ),
                ("budget", "budget", "Requested budget in SEK"),
                ("starts_on", "starts_on", "Planned start (YYYY-MM-DD)"),
                ("ends_on", "ends_on", "Planned end (YYYY-MM-DD)"),
            ],
            initiatives.public_initiatives(),
        ),
        table(
            "needs.csv",
            "Needs",
            [
                ("id", "id", "Number of the need on the portal"),
                *TITLES,
                ("focus_area", "focus_area", "Focus area"),
                ("status", "status", "identified, prioritised, being_met, met or set_aside"),
                ("prioritised_at", "prioritised_at", "Date it was prioritised"),
            ],
            prioritization.public_needs(),
        ),
        table(
            "prioritisation_results.csv",
            "Prioritisation results",
            [
                ("round", "round", "Prioritisation round (closed)"),
                ("closed_at", "closed_at", "Date the round closed"),
                ("rank", "rank", "Place of the need in the round"),
                ("need_id", "need_id", "Number of the need (needs.csv)"),
                ("need", "need", "Title of the need in Swedish"),
                ("urgency", "urgency", "Mean urgency given by the organisations, 1 to 5"),
                ("capacity", "capacity", "Mean capacity to meet it, 1 to 5"),
                ("organisations", "organisations", "Organisations that scored"),
            ],
            prioritization.public_round_results(),
        ),
        table(
            "indicators.csv",
            "Indicators",
            [
                ("indicator", "indicator", "Short name of the indicator"),
                ("name", "name", "Name in Swedish"),
                ("unit", "unit", "Unit of the value"),
                ("source", "source", "Where the statistic comes from"),
                ("period", "period", "Year, half (H1/H2), quarter (Q1-Q4) or month"),
                ("target_group", "target_group", "Target group; empty for all residents"),
                ("value", "value", "The value"),
            ],
            prioritization.public_data_points(),
        ),
        table(
            "funding_per_initiative.csv",
            "Funding per initiative",
            [
                ("initiative", "initiative", "Title of the initiative"),
                ("allocated", "allocated", "SEK allocated; empty when not recorded"),
                ("disbursed", "disbursed", "SEK disbursed; empty when not recorded"),
            ],
            money["per_initiative"],
        ),
        table(
            "funding_per_funder.csv",
            "Funding per funder",
            [
                ("funder", "funder", "Funder"),
                ("pledged", "pledged", "SEK pledged"),
                ("received", "received", "SEK received"),
            ],
            money["per_funder"],
        ),
    ]
