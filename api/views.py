"""The read-only open-data API: what the portal's public pages show, as JSON, with an OpenAPI 3
document at /api/v1/openapi.json built from the schemas in `schemas.py`.

Every list reads the same public querysets the pages read (an initiative at the needs step or a
withdrawn draft is never in them), pages with a signed cursor (`cursors.py`) and runs a fixed
number of queries whatever the data. Caching, ETags, CORS and the rate limit are the
middleware's (`middleware.py`), so every answer, refusals included, gets them alike.
"""

from decimal import Decimal

from django.conf import settings
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError

from actors import i18n
from actors.districts import in_district
from actors.models import District, Organisation
from actors.selectors import organisation_list_public
from funding import selectors as money
from initiatives.models import FollowUp, Initiative, InitiativeStepChange
from initiatives.selectors import initiative_list_public
from prioritization.choices import RoundStatus
from prioritization.models import DataPoint, FocusArea, Indicator, Need, RoundResult
from workshops.models import Workshop

from . import cursors, schemas
from .cursors import Ordering

API_DESCRIPTION = (
    "Read-only open data of the collaboration: initiatives with their steps, results and money; "
    "needs and focus areas; indicators with their data points; prioritisation results; funding "
    "totals; published workshops; organisations. Only what the portal's public pages show. "
    "Lists are paged with an opaque cursor (`next_cursor`); answers carry an ETag (send it back "
    "in If-None-Match for a 304); requests are limited per address (429 with Retry-After)."
)

api = NinjaAPI(
    title="Open data API",
    version="1",
    description=API_DESCRIPTION,
    urls_namespace="api",
    docs_url=None,  # Swagger UI would load scripts from a CDN, which the site's CSP forbids
    openapi_url="/openapi.json",
)

# Every operation may be refused for bad input or too many requests, and may answer 304.
REFUSALS = {304: None, 400: schemas.Error, 429: schemas.Error}


class ApiError(Exception):
    """A refusal with its status, its code and a sentence for a person."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(request, status: int, code: str, message: str):
    return api.create_response(request, {"error": code, "message": str(message)}, status=status)


@api.exception_handler(ApiError)
def _refused(request, exc: ApiError):
    return error_response(request, exc.status, exc.code, exc.message)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error['loc'][1:]) or error['loc'][0]}: {error['msg']}"
        for error in exc.errors
    )
    return error_response(
        request, 400, "bad_request", _("Invalid parameters: %(problems)s") % {"problems": problems}
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error_response(request, 404, "not_found", _("There is nothing public at this address."))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return error_response(request, exc.status_code, "bad_request", str(exc))


def _known_only(request, filters: schemas.Filters | None) -> None:
    known = set(type(filters).model_fields) if filters is not None else set()
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise ApiError(
            400,
            "bad_request",
            _("Unknown parameters: %(names)s. This address takes: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(sorted(known)) or "–"},
        )
    repeated = sorted(name for name in request.GET if len(request.GET.getlist(name)) > 1)
    if repeated:
        raise ApiError(
            400,
            "bad_request",
            _("Each parameter may be given once: %(names)s.") % {"names": ", ".join(repeated)},
        )


def _district(filters: schemas.DistrictFilters) -> District | None:
    """The district a list is filtered by; an unknown one is refused rather than answered with
    an empty list, which would read as "nothing happens there"."""
    if not filters.district:
        return None
    district = District.objects.filter(slug=filters.district).first()
    if district is None:
        raise ApiError(
            400,
            "bad_request",
            _("Unknown district: %(slug)s. The districts are: %(known)s.")
            % {
                "slug": filters.district,
                "known": ", ".join(District.objects.values_list("slug", flat=True)) or "–",
            },
        )
    return district


def _district_slug(row) -> str | None:
    return row.district.slug if row.district_id else None


def _page(request, queryset, ordering: Ordering, filters: schemas.Filters) -> tuple[list, dict]:
    """One page of `queryset` and the links to the next, refusing a cursor it did not make."""
    try:
        rows, next_cursor = cursors.page(
            queryset, ordering, cursor=filters.cursor, limit=filters.limit, scope=request.path
        )
    except cursors.BadCursor:
        raise ApiError(
            400, "bad_request", _("The cursor is not valid here: start again without one.")
        ) from None
    following = None
    if next_cursor:
        query = QueryDict(mutable=True)
        query.update(request.GET)
        query["cursor"] = next_cursor
        following = f"{request.path}?{query.urlencode()}"
    return rows, {"next_cursor": next_cursor, "next": following}


def _last_modified(request, moments) -> None:
    """Tell the middleware when what the answer shows last changed (for Last-Modified)."""
    moments = [m for m in moments if m is not None]
    if moments:
        request.api_last_modified = max(moments)


def _url(row) -> str:
    # Links into the portal in its default language, so an answer is one whatever the client's.
    with translation.override(settings.LANGUAGE_CODE):
        return row.get_absolute_url()


def _texts(row, *names: str, named: dict[str, str] | None = None) -> dict:
    """The Swedish texts of `row` and their translations (schemas.Translations), each under the
    name the answer gives it (`named`, where it is not the field's)."""
    named = {name: (named or {}).get(name, name) for name in names}
    translations = {}
    for language in row.translations:
        texts = {
            shown: text
            for name, shown in named.items()
            if (text := i18n.translation(row.translations, language, name))
        }
        if texts:
            translations[language] = texts
    return {
        **{f"{shown}_sv": getattr(row, f"{name}_sv") for name, shown in named.items()},
        "translations": translations,
    }


def _amount(value) -> str:
    """SEK with two decimals, whatever the database returned for a sum (0, 0.00, 12.5)."""
    return f"{Decimal(value):.2f}"


def _decimal(value) -> str:
    return str(value)


def _initiative(i: Initiative, funded: Initiative) -> dict:
    """An initiative as the lists show it; `funded` carries its sums (initiatives_with_funding)."""
    funding = money.funding_of(funded)
    return {
        "id": i.pk,
        "url": _url(i),
        **_texts(i, "title", "summary"),
        "focus_area": i.focus_area.slug,
        "district": _district_slug(i),
        "way_of_working": i.way_of_working,
        "lead_organisation": i.lead_organisation.slug,
        "step": i.step,
        "starts_on": i.starts_on,
        "ends_on": i.ends_on,
        "updated": i.updated,
        "funding": {
            key: _amount(funding[key])
            for key in ("budget", "granted", "allocated", "disbursed", "spent")
        },
        "results": {
            "participants": funding["participants"],
            "cost_per_participant": None
            if funding["cost_per_participant"] is None
            else _amount(funding["cost_per_participant"]),
        },
    }


@api.get(
    "/initiatives",
    response={200: schemas.InitiativePage, **REFUSALS},
    url_name="initiative_list",
    summary="Initiatives, newest first, with their step, money and results",
    tags=["initiatives"],
)
def initiative_list(request, filters: Query[schemas.InitiativeFilters]):
    """Queries: the district asked for (1, only with `district`), the page of initiatives (1),
    their sums from the ledger, grants and follow-ups (1)."""
    _known_only(request, filters)
    queryset = initiative_list_public(
        focus_area=filters.focus_area,
        step=filters.step,
        district=_district(filters),
        way=filters.way,
    ).select_related("district")
    if filters.starts_from:
        queryset = queryset.filter(starts_on__gte=filters.starts_from)
    if filters.starts_until:
        queryset = queryset.filter(starts_on__lte=filters.starts_until)
    if filters.updated_since:
        queryset = queryset.filter(updated__gte=filters.updated_since)
    rows, links = _page(request, queryset, Ordering("-created"), filters)
    # The sums for this page's initiatives alone: summed in the page's own query, PostgreSQL
    # would work them out for every public initiative before sorting and keeping 25.
    funded = {
        i.pk: i
        for i in money.initiatives_with_funding(
            Initiative.objects.filter(pk__in=[i.pk for i in rows])
        ).order_by()
    }
    _last_modified(request, [i.updated for i in rows])
    # (one deleted between the two queries is left out rather than failing the page)
    items = [_initiative(i, funded[i.pk]) for i in rows if i.pk in funded]
    return {"items": items, **links}


@api.get(
    "/initiatives/{initiative_id}",
    response={200: schemas.InitiativeDetail, 404: schemas.Error, **REFUSALS},
    url_name="initiative_detail",
    summary="One initiative with its needs, partners, process log, follow-ups and evaluation",
    tags=["initiatives"],
)
def initiative_detail(request, initiative_id: int):
    """Queries: the initiative with its sums and evaluation (1), its needs (1), partners (1),
    process log (1), follow-ups with the participants they reached (1)."""
    _known_only(request, None)
    if not 1 <= initiative_id <= schemas.MAX_ID:
        raise Http404
    initiative = (
        money.initiatives_with_funding(
            initiative_list_public()
            .select_related("evaluation", "district")
            .filter(pk=initiative_id)
        )
        .order_by()
        .first()
    )
    if initiative is None:
        raise Http404
    evaluation = getattr(initiative, "evaluation", None)
    follow_ups = (
        FollowUp.objects.filter(initiative=initiative)
        .annotate(reached=Coalesce(Sum("reach__participants"), 0))
        .order_by("period_end", "pk")
    )
    _last_modified(request, [initiative.updated])
    return {
        **_initiative(initiative, initiative),
        "needs": list(
            Need.objects.filter(initiatives=initiative).order_by("pk").values_list("pk", flat=True)
        ),
        "partners": list(
            Organisation.objects.filter(partner_initiatives=initiative)
            .order_by("name")
            .values_list("slug", flat=True)
        ),
        "log": [
            {"at": c.at, "from_step": c.from_step, "to_step": c.to_step, "note": c.note}
            for c in InitiativeStepChange.objects.filter(initiative=initiative).order_by("at", "pk")
        ],
        "follow_ups": [
            {
                "period_start": f.period_start,
                "period_end": f.period_end,
                "activities": f.activities,
                "participants": f.reached,
                "how_well": f.how_well,
                "quality_score": f.quality_score,
                "better_off": f.better_off,
                "spent": _amount(f.money_spent),
                "status": f.status,
            }
            for f in follow_ups
        ],
        "evaluation": {
            "evaluated_on": evaluation.evaluated_at.date(),
            "recommendation": evaluation.recommendation,
            **_texts(evaluation, "findings", "lessons"),
        }
        if evaluation
        else None,
    }


@api.get(
    "/needs",
    response={200: schemas.NeedPage, **REFUSALS},
    url_name="need_list",
    summary="Residents' needs and where they stand",
    tags=["prioritisation"],
)
def need_list(request, filters: Query[schemas.NeedFilters]):
    """Queries: the district asked for (1, only with `district`), the page of needs with their
    focus areas and districts (1)."""
    _known_only(request, filters)
    queryset = in_district(
        Need.objects.select_related("focus_area", "district"), _district(filters)
    )
    if filters.focus_area:
        queryset = queryset.filter(focus_area__slug=filters.focus_area)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    rows, links = _page(request, queryset, Ordering("pk"), filters)
    items = [
        {
            "id": n.pk,
            **_texts(n, "title", "description"),
            "focus_area": n.focus_area.slug,
            "district": _district_slug(n),
            "status": n.status,
            "prioritised_at": n.prioritised_at.date() if n.prioritised_at else None,
        }
        for n in rows
    ]
    return {"items": items, **links}


@api.get(
    "/focus-areas",
    response={200: schemas.FocusAreaPage, **REFUSALS},
    url_name="focus_area_list",
    summary="The collaboration's focus areas, in their order",
    tags=["prioritisation"],
)
def focus_area_list(request, filters: Query[schemas.Filters]):
    """Queries: the page of focus areas (1)."""
    _known_only(request, filters)
    rows, links = _page(request, FocusArea.objects.all(), Ordering("position"), filters)
    items = [
        {"slug": a.slug, "position": a.position, **_texts(a, "name", "description")} for a in rows
    ]
    return {"items": items, **links}


@api.get(
    "/indicators",
    response={200: schemas.IndicatorPage, **REFUSALS},
    url_name="indicator_list",
    summary="Indicators with every data point, for all residents and per target group",
    tags=["prioritisation"],
)
def indicator_list(request, filters: Query[schemas.IndicatorFilters]):
    """Queries: the page of indicators (1), their data points with their target groups (1)."""
    _known_only(request, filters)
    queryset = Indicator.objects.select_related("focus_area")
    if filters.focus_area:
        queryset = queryset.filter(focus_area__slug=filters.focus_area)
    rows, links = _page(request, queryset, Ordering("slug"), filters)
    points: dict[int, list] = {row.pk: [] for row in rows}
    for point in (
        DataPoint.objects.filter(indicator__in=list(points))
        .select_related("target_group")
        # all residents first, then each target group in its order
        .order_by(F("target_group__position").asc(nulls_first=True), "period", "pk")
    ):
        points[point.indicator_id].append(
            {
                "period": point.period,
                "target_group": point.target_group.slug if point.target_group else "",
                "value": _decimal(point.value),
            }
        )
    items = [
        {
            "slug": i.slug,
            **_texts(i, "name"),
            "unit": i.unit,
            "source": i.source,
            "focus_area": i.focus_area.slug if i.focus_area else None,
            "data_points": points[i.pk],
        }
        for i in rows
    ]
    return {"items": items, **links}


@api.get(
    "/prioritisation-results",
    response={200: schemas.RoundResultPage, **REFUSALS},
    url_name="round_result_list",
    summary="The ranked needs of every closed prioritisation round",
    tags=["prioritisation"],
)
def round_result_list(request, filters: Query[schemas.Filters]):
    """Queries: the page of results with their rounds (1)."""
    _known_only(request, filters)
    queryset = RoundResult.objects.filter(round__status=RoundStatus.CLOSED).select_related("round")
    rows, links = _page(request, queryset, Ordering("pk"), filters)
    items = [
        {
            "round_id": r.round_id,
            **_texts(r.round, "title", named={"title": "round"}),
            "closed_at": r.round.closed_at.date() if r.round.closed_at else None,
            "rank": r.rank,
            "need_id": r.need_id,
            "urgency": _decimal(r.urgency),
            "capacity": _decimal(r.capacity),
            "organisations": r.score_count,
        }
        for r in rows
    ]
    return {"items": items, **links}


@api.get(
    "/funding",
    response={200: schemas.FundingTotals, **REFUSALS},
    url_name="funding_totals",
    summary="What each public initiative was allocated and paid, and each funder pledged and paid",
    tags=["funding"],
)
def funding_totals(request):
    """Queries: per initiative (1), per funder (1) — funding.selectors.public_totals."""
    _known_only(request, None)
    totals = money.public_totals()
    return {
        "per_initiative": [
            {
                "initiative_id": row["initiative"].pk,
                "title_sv": row["initiative"].title_sv,
                "allocated": _amount(row["allocated"]),
                "disbursed": _amount(row["disbursed"]),
            }
            for row in totals["per_initiative"]
        ],
        "per_funder": [
            {
                "funder": str(row["funder"]),
                "pledged": _amount(row["pledged"]),
                "received": _amount(row["received"]),
            }
            for row in totals["per_funder"]
        ],
    }


@api.get(
    "/workshops",
    response={200: schemas.WorkshopPage, **REFUSALS},
    url_name="workshop_list",
    summary="Workshops whose minutes are published, newest first",
    tags=["workshops"],
)
def workshop_list(request, filters: Query[schemas.WorkshopFilters]):
    """Queries: the district asked for (1, only with `district`), the page of workshops with
    their hosts and districts (1)."""
    _known_only(request, filters)
    queryset = in_district(
        Workshop.objects.published().select_related("host", "district"), _district(filters)
    )
    if filters.held_from:
        queryset = queryset.filter(starts_at__date__gte=filters.held_from)
    if filters.held_until:
        queryset = queryset.filter(starts_at__date__lte=filters.held_until)
    rows, links = _page(request, queryset, Ordering("-starts_at"), filters)
    _last_modified(request, [w.updated for w in rows])
    items = [
        {
            "id": w.pk,
            "url": _url(w),
            "starts_at": w.starts_at,
            "ends_at": w.ends_at,
            **_texts(w, "theme", "summary"),
            "host": w.host.slug if w.host else None,
            "district": _district_slug(w),
            "residents": w.residents,
            "published_at": w.published_at,
        }
        for w in rows
    ]
    return {"items": items, **links}


@api.get(
    "/organisations",
    response={200: schemas.OrganisationPage, **REFUSALS},
    url_name="organisation_list",
    summary="The organisations taking part, by name",
    tags=["organisations"],
)
def organisation_list(request, filters: Query[schemas.Filters]):
    """Queries: the page of active organisations (1)."""
    _known_only(request, filters)
    rows, links = _page(request, organisation_list_public(), Ordering("name"), filters)
    items = [
        {
            "slug": o.slug,
            "url": _url(o),
            "name": o.name,
            "kind": o.kind,
            **_texts(o, "description"),
            "website": o.website,
            "joined": o.joined,
        }
        for o in rows
    ]
    return {"items": items, **links}
