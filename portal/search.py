"""Search over what the portal publishes: focus areas, needs, initiatives, residents' ideas,
workshops with their minutes, decisions, and the actors.

Each kind of thing is a `Source`: the rows the user may read (the same rules as the detail pages),
its title and its text in Swedish and in the reader's language, and where a hit leads. On
PostgreSQL a source is searched with full-text search over the text in every language
(`actors.fulltext`), the person's words read by websearch_to_tsquery
(which never fails on stray operators or quotes), ranked, the matching words highlighted by
ts_headline. On SQLite (the embedded default of `make run`) the same sources are searched word by
word with icontains and highlighted here. Either way a search runs one query per source, whatever
the data: each query brings its page of hits and, through a window, how many there are.
"""

import hashlib
import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from actors.fulltext import Fields, Text, configuration, in_language, parsed, search_vector
from actors.i18n import SOURCE, content_language
from actors.links import object_url
from actors.models import Organisation
from actors.pagecache import current_version, page_cache
from actors.permissions import is_coordinator, organisation_ids_of, roles_of
from focusgroups.choices import IdeaStatus
from focusgroups.models import Idea
from initiatives.permissions import initiatives_visible_to
from prioritization.models import FocusArea, Need
from workshops.choices import ItemKind, MinutesState, WorkshopStatus
from workshops.models import Workshop, WorkshopItem
from workshops.permissions import reads_internal

# What is searched of a longer query: a search of a few words needs no more, and a longer one
# only costs the database.
MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20
# A search asked again before anything changes (a coordinator back at the results, a colleague
# looking up the same decision) is served from the cache, as anonymous visitors' whole pages are;
# the version in its key is bumped by any write, and this bounds what a bulk update, which bumps
# nothing, may leave stale.
RESULTS_SECONDS = 60
# Pages beyond this are not offered: nobody reads the 101st page of hits, and OFFSET grows.
MAX_PAGE = 50
# How much text around the first match the SQLite fallback shows.
SNIPPET_CHARS = 90

# ts_headline marks matches with these (characters of Unicode's private use area, which no one
# types); the text is escaped and only then are they turned into <mark> elements.
_START, _STOP = "\ue000", "\ue001"


@dataclass(frozen=True)
class Source:
    """One kind of thing searched: its rows for a user, the texts searched, where a hit leads.

    `rows(user)` returns the queryset of what the user may read, annotated with `s_title_sv`,
    `s_title_tr`, `s_text_sv`, `s_text_tr` (the texts shown in Swedish and in the reader's
    language, empty or NULL where none: `_texts`), `s_date` (shown
    with the hit, and the tie-breaker: newer first) and `s_key`. `searched` are the texts always
    searched; `record` those searched only in the rows `record_for(user)` selects (None: in none),
    such as a workshop's summary, public once its minutes are. `url(row)` builds the link from
    the row's values (`pk`, `s_key`).
    """

    kind: str
    label: str
    rows: Callable[[object], QuerySet]
    url: Callable[[dict], str]
    searched: Fields
    record: Fields = ()
    record_for: Callable[[object], Q | None] = lambda user: None


def _texts(title, text, date=None, key=None) -> dict:
    """The annotations every source shows: `title` and `text` give the expression of the text in
    a language (`_translated`, `_plain`, `_joined`), or are None where there is none."""
    language = content_language()

    def expr(value, language):
        if value is None or language is None:
            return Value("", output_field=TextField())
        return value(language)

    return {
        "s_title_sv": expr(title, SOURCE),
        "s_title_tr": expr(title, language if language != SOURCE else None),
        "s_text_sv": expr(text, SOURCE),
        "s_text_tr": expr(text, language if language != SOURCE else None),
        "s_date": F(date) if date else Value(None, output_field=CharField()),
        "s_key": F(key) if key else F("pk"),
    }


def _translated(name: str) -> Callable[[str], object]:
    return lambda language: in_language(name, language)


def _plain(name: str) -> Callable[[str], object]:
    """A text written in one language only, the same whatever the reader's."""
    return lambda language: F(name)


def _joined(*parts: Callable[[str], object]) -> Callable[[str], object]:
    """Texts joined by a line break, as one text to show."""

    def expr(language):
        joined = []
        for part in parts:
            if joined:
                joined.append(Value("\n", output_field=TextField()))
            joined.append(Coalesce(part(language), Value(""), output_field=TextField()))
        return Concat(*joined, output_field=TextField())

    return expr


def _focus_areas(user) -> QuerySet:
    return FocusArea.objects.annotate(
        **_texts(_translated("name"), _translated("description"), key="slug")
    )


def _needs(user) -> QuerySet:
    return Need.objects.annotate(
        **_texts(_translated("title"), _translated("description"), date="created")
    )


def _initiatives(user) -> QuerySet:
    return initiatives_visible_to(user).annotate(
        **_texts(
            _translated("title"),
            _joined(_translated("summary"), _translated("resident_involvement")),
            date="starts_on",
        )
    )


def _ideas(user) -> QuerySet:
    """Ideas taken up as a need are public by their title, on the need's page; coordinators also
    find the ideas waiting for them or kept for later (the moderation page)."""
    first_need = Need.ideas.through.objects.filter(idea_id=OuterRef("pk")).order_by("need_id")
    ideas = Idea.objects.annotate(need=Subquery(first_need.values("need_id")[:1]))
    shown = Q(status=IdeaStatus.ACCEPTED, need__isnull=False)
    text = None
    if is_coordinator(user):
        shown |= Q(status__in=[IdeaStatus.AWAITING, IdeaStatus.KEPT])
        text = _plain("text")
    return ideas.filter(shown).annotate(**_texts(_plain("title"), text, date="created", key="need"))


def _idea_text(user) -> Q | None:
    """What a resident wrote beside the title is read by coordinators only."""
    return Q(pk__isnull=False) if is_coordinator(user) else None


def _idea_url(row: dict) -> str:
    if row["s_key"]:
        return object_url("prioritization:need_detail", row["s_key"])
    return object_url("prioritization:idea_moderate", row["pk"])


def _record_for(user, prefix: str = "") -> Q:
    """The workshops whose record (summary, decisions) the user reads: published minutes, and
    for members and staff every held workshop's (workshops.permissions.can_see_record)."""
    record = Q(**{f"{prefix}minutes_state": MinutesState.PUBLISHED})
    if reads_internal(user):
        record |= Q(**{f"{prefix}status": WorkshopStatus.HELD})
    return record


def _workshops(user) -> QuerySet:
    """Every workshop by its theme and agenda; its summary where its minutes are the user's."""
    record = _record_for(user)

    def summary(language):
        return Case(
            When(record, then=in_language("summary", language)),
            default=Value(""),
            output_field=TextField(),
        )

    return Workshop.objects.annotate(
        **_texts(_translated("theme"), _joined(_translated("agenda"), summary), date="starts_at")
    )


def _decisions(user) -> QuerySet:
    """Decisions in published minutes; members and staff also read those of draft minutes."""
    return WorkshopItem.objects.filter(
        _record_for(user, "workshop__"), kind=ItemKind.DECISION
    ).annotate(
        **_texts(
            _translated("workshop__theme"),
            _translated("text"),
            date="workshop__starts_at",
            key="workshop_id",
        )
    )


def _organisations(user) -> QuerySet:
    """Active organisations; coordinators also find the inactive ones (actors.permissions)."""
    organisations = Organisation.objects.all()
    if not is_coordinator(user):
        organisations = organisations.filter(active=True)
    return organisations.annotate(
        **_texts(_plain("name"), _translated("description"), date="joined", key="slug")
    )


INITIATIVE = "initiatives:initiative_detail"
FOCUS_AREA = "prioritization:focusarea_detail"
ORGANISATION = "portal:organisation_detail"


# The vectors of decisions, workshops, initiatives and needs are indexed (migrations
# workshops/0004, initiatives/0004, prioritization/0005): change them together. What a user may
# not read is left out by the rows and by `record`, so each vector is the same for everyone.
DECISION_FIELDS: Fields = (Text("text", "A"),)
WORKSHOP_FIELDS: Fields = (Text("theme", "A"), Text("agenda", "C"))
WORKSHOP_RECORD: Fields = (Text("summary", "B"),)
INITIATIVE_FIELDS: Fields = (
    Text("title", "A"),
    Text("summary", "B"),
    Text("resident_involvement", "B"),
)
NEED_FIELDS: Fields = (Text("title", "A"), Text("description", "B"))


def _link(viewname: str, key: str = "pk", anchor: str = "") -> Callable[[dict], str]:
    return lambda row: object_url(viewname, row[key]) + anchor


IDEA_FIELDS: Fields = (Text("title", "A", translated=False),)
IDEA_RECORD: Fields = (Text("text", "B", translated=False),)
FOCUS_AREA_FIELDS: Fields = (Text("name", "A"), Text("description", "B"))
ORGANISATION_FIELDS: Fields = (Text("name", "A", translated=False), Text("description", "B"))

# In the order the results page lists their counts.
SOURCES = (
    Source(
        "decision",
        _("Decisions"),
        _decisions,
        _link("workshops:detail", "s_key", "#decisions-title"),
        DECISION_FIELDS,
    ),
    Source(
        "workshop",
        _("Workshops"),
        _workshops,
        _link("workshops:detail"),
        WORKSHOP_FIELDS,
        WORKSHOP_RECORD,
        _record_for,
    ),
    Source("initiative", _("Initiatives"), _initiatives, _link(INITIATIVE), INITIATIVE_FIELDS),
    Source("need", _("Needs"), _needs, _link("prioritization:need_detail"), NEED_FIELDS),
    Source("idea", _("Residents' ideas"), _ideas, _idea_url, IDEA_FIELDS, IDEA_RECORD, _idea_text),
    Source(
        "focus_area", _("Focus areas"), _focus_areas, _link(FOCUS_AREA, "s_key"), FOCUS_AREA_FIELDS
    ),
    Source(
        "organisation",
        _("Actors"),
        _organisations,
        _link(ORGANISATION, "s_key"),
        ORGANISATION_FIELDS,
    ),
)
KINDS = {source.kind: source for source in SOURCES}


@dataclass(frozen=True)
class Hit:
    """One thing found: its kind, its title and an extract with the matching words marked."""

    kind: str
    kind_label: str
    title: SafeString
    extract: SafeString
    url: str
    date: object
    rank: float


@dataclass
class SearchResult:
    """What a search found: the hits of the page, and how many of each kind there are."""

    query: str
    hits: list[Hit] = field(default_factory=list)
    counts: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, label, count)
    kind: str = ""
    page: object = None  # a django Page over the chosen kind's hits, for the pagination

    @property
    def total(self) -> int:
        return sum(count for _kind, _label, count in self.counts)


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as searched: control characters (NUL among them) dropped, white space made
    single, at most MAX_QUERY_LENGTH characters (cut at a word where one ends near the limit);
    and whether it was cut."""
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
        for char in raw
        if unicodedata.category(char) not in ("Cs", "Co", "Cn")
    )
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    cut = text[:MAX_QUERY_LENGTH]
    if " " in cut[MAX_QUERY_LENGTH // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut, True


def search(*, user, query: str, kind: str = "", page: int = 1) -> SearchResult:
    """Search every source the user may read for `query` (already cleaned). With `kind`, the
    hits are that kind's, `page` by `page`; without, the best PAGE_SIZE hits of every kind."""
    result = SearchResult(query=query, kind=kind if kind in KINDS else "")
    if not query:
        return result
    page = min(max(page, 1), MAX_PAGE)
    key = _cache_key(user, query, result.kind, page)
    cached = page_cache().get(key) if key else None
    if cached is not None:
        return cached
    _search(result, user, page)
    if key:
        page_cache().set(key, result, RESULTS_SECONDS)
    return result


def _cache_key(user, query: str, kind: str, page: int) -> str | None:
    """The same search by a reader who may see the same things, in the same language, while
    nothing has changed: the page cache's version, which every write bumps, is in the key."""
    if not settings.PAGE_CACHE_ENABLED:
        return None
    seen_as = (sorted(roles_of(user)), sorted(organisation_ids_of(user)))
    asked = repr((content_language(), kind, page, seen_as, query)).encode()
    return f"search:{current_version()}:{hashlib.sha256(asked).hexdigest()}"


def _search(result: SearchResult, user, page: int) -> None:
    """Fill `result` with what the database finds."""
    query = result.query
    # Of the chosen kind a page of hits; of the others, only how many (one row carries the
    # window's count). Without a kind, the first page of every kind.
    slices = [
        ((page - 1) * PAGE_SIZE if result.kind else 0, PAGE_SIZE)
        if not result.kind or source.kind == result.kind
        else (0, 1)
        for source in SOURCES
    ]
    found = []
    for source, (_offset, limit), rows in zip(
        SOURCES, slices, _rows_of_every_source(user, query, slices), strict=True
    ):
        if limit == PAGE_SIZE:
            found += [(source, row) for row in rows]
        count = rows[0]["s_total"] if rows else 0
        result.counts.append((source.kind, source.label, count))
    found.sort(key=lambda hit: (hit[1]["s_rank"] or 0, str(hit[1]["s_date"] or "")), reverse=True)
    result.hits = [_hit(source, row, query) for source, row in found[:PAGE_SIZE]]
    if result.kind:
        count = next(count for kind, _label, count in result.counts if kind == result.kind)
        paginator = Paginator(range(min(count, MAX_PAGE * PAGE_SIZE)), PAGE_SIZE)
        result.page = paginator.get_page(page)


# The SQL of a source's search on PostgreSQL, by what shapes it (the source, the language, the
# slice, and the user's roles and organisations, which decide what they may read), with the query
# left as a placeholder: building and compiling the querysets costs more than running them.
_compiled: dict[tuple, tuple[str, tuple]] = {}
_COMPILED_MAX = 500
_PLACEHOLDER = "\ue002query\ue002"


def _rows_of_every_source(user, query: str, slices: list[tuple[int, int]]) -> list[list[dict]]:
    """Each source's hits in its slice (offset, limit), as dicts of the selected values. On
    PostgreSQL the sources' statements travel together, in one round trip."""
    if connection.vendor != "postgresql":
        return [
            list(_fallback(source, user, query)[offset : offset + limit])
            for source, (offset, limit) in zip(SOURCES, slices, strict=True)
        ]
    statements, params = [], []
    for source, (offset, limit) in zip(SOURCES, slices, strict=True):
        sql, source_params = _compiled_sql(source, user, offset, limit)
        statements.append(sql)
        params += [query if param == _PLACEHOLDER else param for param in source_params]
    found = []
    with connection.cursor() as cursor:
        cursor.execute("; ".join(statements), params)
        while True:
            names = [_COLUMN.get(column.name, column.name) for column in cursor.description]
            found.append([dict(zip(names, row, strict=True)) for row in cursor.fetchall()])
            if not cursor.cursor.nextset():
                return found


def _compiled_sql(source: Source, user, offset: int, limit: int) -> tuple[str, tuple]:
    key = (
        source.kind,
        content_language(),
        offset,
        limit,
        roles_of(user),
        organisation_ids_of(user),
    )
    compiled = _compiled.get(key)
    if compiled is None:
        queryset = _postgresql(source, user, _PLACEHOLDER)[offset : offset + limit]
        sql, params = queryset.query.sql_with_params()
        if len(_compiled) >= _COMPILED_MAX:
            _compiled.clear()
        compiled = _compiled[key] = (sql, tuple(params))
    return compiled


# The primary key comes back under its column's name.
_COLUMN = {"id": "pk"}


# PostgreSQL ---------------------------------------------------------------------------------------


def _display(name: str) -> Coalesce:
    """The text in the reader's language, falling back to the Swedish one."""
    return Coalesce(NullIf(F(f"s_{name}_tr"), Value("")), F(f"s_{name}_sv"))


def _display_config(name: str):
    """The configuration the shown text is parsed with for its highlights: the reader's
    language's for a translation actually shown."""
    translated = configuration(content_language())
    if translated == "swedish":
        return Value("swedish")
    return Case(
        When(
            Q(**{f"s_{name}_tr": ""}) | Q(**{f"s_{name}_tr__isnull": True}), then=Value("swedish")
        ),
        default=Value(translated),
    )


def _headline(name: str, query, **options) -> SearchHeadline:
    """The shown title or text with the query's words between the sentinels."""
    return SearchHeadline(
        _display(name),
        query,
        config=_display_config(name),
        start_sel=_START,
        stop_sel=_STOP,
        **options,
    )


def _postgresql(source: Source, user, query: str) -> QuerySet:
    either = reduce(
        operator.or_,
        (
            SearchQuery(query, config=config, search_type="websearch")
            for config in ("swedish", "english", "simple")
        ),
    )
    rows = source.rows(user).annotate(s_vector=search_vector(source.searched))
    matches = Q(s_vector=either)
    rank = SearchRank(F("s_vector"), either)
    record = source.record_for(user) if source.record else None
    if record is not None:
        rows = rows.annotate(s_record=search_vector(source.record))
        matches |= record & Q(s_record=either)
        rank = rank + Case(
            When(record, then=SearchRank(F("s_record"), either)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    return (
        rows.filter(matches)
        .annotate(
            s_rank=rank,
            s_total=Window(Count("*")),
            s_title=_headline("title", either, highlight_all=True),
            s_extract=_headline("text", either, max_words=35, min_words=15),
        )
        .order_by("-s_rank", F("s_date").desc(nulls_last=True), "-pk")
        .values("pk", "s_key", "s_date", "s_rank", "s_total", "s_title", "s_extract")
    )


# SQLite and other databases: a plain fallback -----------------------------------------------------


def _words(query: str) -> list[str]:
    """The words of the query, without the operators and quotes of a web search, nor single
    letters beside longer words (they would match inside nearly every text)."""
    words = [w for w in re.findall(r"\w[\w'’-]*", query) if w.lower() not in ("or", "and")]
    longer = [word for word in words if len(word) > 1]
    return (longer or words)[:12] or [query]


def _searched(fields: Fields, offset: int) -> tuple[dict, list[tuple[str, str]]]:
    """The annotations a source's texts need to be searched word by word, in every language,
    and (annotation, weight) of each."""
    annotations, names = {}, []
    for text in fields:
        for expression, _config in dict.fromkeys(parsed(text), None):
            name = f"s_word_{offset + len(names)}"
            annotations[name] = Coalesce(expression, Value(""), output_field=TextField())
            names.append((name, text.weight))
    return annotations, names


def _fallback(source: Source, user, query: str) -> QuerySet:
    weights = {"A": 1.0, "B": 0.4, "C": 0.2}
    record = source.record_for(user) if source.record else None
    annotations, searched = _searched(source.searched, 0)
    fields = [(name, weight, None) for name, weight in searched]
    if record is not None:
        more, searched = _searched(source.record, len(fields))
        annotations |= more
        fields += [(name, weight, record) for name, weight in searched]
    matches = Q()
    rank = Value(0.0, output_field=FloatField())
    for word in _words(query):
        found = Q()
        for name, weight, condition in fields:
            contains = Q(**{f"{name}__icontains": word})
            if condition is not None:
                contains &= condition
            found |= contains
            rank = rank + Case(
                When(contains, then=Value(weights[weight])),
                default=Value(0.0),
                output_field=FloatField(),
            )
        matches &= found
    shown = ("s_title_sv", "s_title_tr", "s_text_sv", "s_text_tr")
    return (
        source.rows(user)
        .annotate(**annotations)
        .filter(matches)
        .annotate(
            s_rank=Cast(rank, FloatField()),
            s_total=Window(Count("*"), output_field=IntegerField()),
        )
        .order_by("-s_rank", F("s_date").desc(nulls_last=True), "-pk")
        .values("pk", "s_key", "s_date", "s_rank", "s_total", *shown)
    )


def _marked_by_words(text: str, words: list[str], *, extract: bool) -> str:
    """The text with the words marked by the sentinels; for an extract, only the part around
    the first match."""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    if extract:
        found = pattern.search(text)
        start = max((found.start() if found else 0) - SNIPPET_CHARS, 0)
        end = start + 2 * SNIPPET_CHARS + (found.end() - found.start() if found else 0)
        piece = text[start:end]
        text = ("… " if start else "") + piece + (" …" if end < len(text) else "")
    return pattern.sub(lambda match: f"{_START}{match.group(0)}{_STOP}", text)


# Both ---------------------------------------------------------------------------------------------


def marked(text: str) -> SafeString:
    """The text escaped, its highlighted words (between the sentinels) in <mark> elements: the
    only markup that reaches the page is the portal's own."""
    parts = []
    inside = False
    for piece in re.split(f"([{_START}{_STOP}])", text or ""):
        if piece == _START and not inside:
            parts.append("<mark>")
            inside = True
        elif piece == _STOP and inside:
            parts.append("</mark>")
            inside = False
        elif piece not in (_START, _STOP):
            parts.append(escape(piece))
    if inside:
        parts.append("</mark>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def _hit(source: Source, row: dict, query: str) -> Hit:
    if "s_title" in row:
        title, extract = row["s_title"], row["s_extract"]
    else:
        words = _words(query)

        def shown(name):
            return row[f"s_{name}_tr"] or row[f"s_{name}_sv"]

        title = _marked_by_words(shown("title") or "", words, extract=False)
        extract = _marked_by_words(shown("text") or "", words, extract=True)
    return Hit(
        kind=source.kind,
        kind_label=str(source.label),
        title=marked(title),
        extract=marked(extract),
        url=source.url(row),
        date=row["s_date"],
        rank=float(row["s_rank"] or 0),
    )
