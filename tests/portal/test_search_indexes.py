"""The search's vectors are the expressions the apps' migrations index (workshops/0006,
initiatives/0006, prioritization/0007): a change to one side only would leave the search reading
every row. PostgreSQL only: SQLite has no such index."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from initiatives.models import Initiative
from portal import search
from prioritization.models import Need
from workshops.models import Workshop, WorkshopItem

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

INDEXES = [
    (WorkshopItem, search.DECISION_FIELDS, "workshopitem_text_search"),
    (Workshop, search.WORKSHOP_FIELDS, "workshop_text_search"),
    (Workshop, search.WORKSHOP_RECORD, "workshop_summary_search"),
    (Initiative, search.INITIATIVE_FIELDS, "initiative_text_search"),
    (Need, search.NEED_FIELDS, "need_text_search"),
]


@pytest.mark.parametrize(("model", "fields", "index"), INDEXES, ids=[i[2] for i in INDEXES])
def test_a_search_vector_is_read_through_its_index(model, fields, index):
    query = SearchQuery("trygghet", config="swedish", search_type="websearch")
    queryset = model.objects.annotate(vector=search.search_vector(fields)).filter(vector=query)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # The test tables are nearly empty, where reading them whole would be the cheaper plan.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Index Scan on {index}" in plan, plan
