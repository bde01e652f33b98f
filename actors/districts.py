"""Reading a page for one district.

A thing of a district (a need, an initiative, a workshop, a focus group) belongs to one district
or, with none, to the whole collaboration; a list read for a district shows that district's
things and the whole collaboration's, since those concern every district too. The choice is the
query parameter `district=<slug>`, and it is offered only where there is a choice to make: a
collaboration of one district (Husby) never sees it.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import District

PARAMETER = "district"


@dataclass(frozen=True)
class DistrictChoice:
    """The districts a page may be read for and the one it is read for (None: all of them)."""

    districts: list[District] = field(default_factory=list)
    chosen: District | None = None

    @property
    def offered(self) -> bool:
        """Whether the page shows a choice of district: only when there are two or more."""
        return len(self.districts) > 1

    @property
    def slug(self) -> str:
        return self.chosen.slug if self.chosen else ""

    @property
    def query(self) -> dict[str, str]:
        """The parameter to keep in links to other pages of the list (empty for all)."""
        return {PARAMETER: self.chosen.slug} if self.chosen else {}


def district_by_slug(districts: list[District], slug: str) -> District | None:
    return next((district for district in districts if district.slug == slug), None)


def district_choice(request) -> DistrictChoice:
    """The district the request asks for (one query: the districts, for the filter as well).

    An unknown district is a 404, not an empty list: an empty list would tell the reader that
    nothing happens in a district that the collaboration does not have (a mistyped or old link),
    and a page that is not found is never kept in the page cache."""
    districts = list(District.objects.all())
    slug = request.GET.get(PARAMETER, "")
    if not slug:
        return DistrictChoice(districts)
    chosen = district_by_slug(districts, slug)
    if chosen is None:
        raise Http404(_("The collaboration has no such district."))
    return DistrictChoice(districts, chosen)


def of_district(district: District | None, path: str = "district") -> Q:
    """What concerns `district`: its own things and the whole collaboration's (everything when
    `district` is None). `path` leads from the model to the district ("needs__district")."""
    if district is None:
        return Q()
    return Q(**{path: district}) | Q(**{f"{path}__isnull": True})


def in_district(queryset: QuerySet, district: District | None, path: str = "district"):
    """The rows of `queryset` that concern `district` (`of_district`)."""
    return queryset.filter(of_district(district, path)) if district else queryset


def districted_models() -> list[type[Model]]:
    """The models whose things belong to a district, found by their `district` field, so that
    this floor never names the apps above it."""
    return [
        model
        for model in apps.get_models()
        if any(
            field.name == "district" and field.related_model is District
            for field in model._meta.get_fields()
        )
    ]


def offer_district(form, name: str = "district") -> None:
    """Offer the form's choice of district only when the collaboration has more than one.

    With one district the field is left out and a new thing keeps no district: "the whole
    collaboration" and "its one district" are then the same, and when a second district is
    added later the things written so far rightly stay the whole collaboration's instead of
    being pinned to whichever district came first."""
    districts = list(District.objects.all())
    if len(districts) < 2:
        del form.fields[name]
        return
    choice = form.fields[name]
    choice.choices = [("", _("The whole collaboration"))] + [
        (district.pk, district.name) for district in districts
    ]
