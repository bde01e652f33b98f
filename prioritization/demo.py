"""Demo data for prioritisation: the six focus areas and the first three target groups."""

from .models import FocusArea, TargetGroup

FOCUS_AREAS = [
    ("mental-health", "God psykisk hälsa", "Good mental health"),
    ("physical-health", "God fysisk hälsa", "Good physical health"),
    ("safety", "Trygghet", "Safety"),
    ("work-economy", "Arbete och ekonomiska möjligheter", "Work and economic opportunities"),
    (
        "relationships-leisure",
        "Goda relationer och meningsfull fritid",
        "Good relationships and meaningful leisure",
    ),
    (
        "knowledge-influence",
        "Tillgång till kunskap, organisering och inflytande",
        "Access to knowledge, organising and influence",
    ),
]

TARGET_GROUPS = [
    (
        "children-13-16",
        "Barn 13–16 år",
        "Children aged 13–16",
        "Fokus på eftermiddagsaktiviteter efter skolan.",
        "With a focus on after-school activities.",
    ),
    ("young-16-25", "Unga 16–25 år", "Young people aged 16–25", "", ""),
    ("parents", "Föräldrar", "Parents", "", ""),
]


def load(*, scale: int = 1) -> None:
    for position, (slug, name_sv, name_en) in enumerate(FOCUS_AREAS, start=1):
        FocusArea.objects.update_or_create(
            slug=slug, defaults={"position": position, "name_sv": name_sv, "name_en": name_en}
        )
    for position, (slug, name_sv, name_en, text_sv, text_en) in enumerate(TARGET_GROUPS, start=1):
        TargetGroup.objects.update_or_create(
            slug=slug,
            defaults={
                "position": position,
                "name_sv": name_sv,
                "name_en": name_en,
                "description_sv": text_sv,
                "description_en": text_en,
            },
        )
