"""Counting the queries of a request, to compare a small and a large case."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(client, url):
    """How many queries ``client.get(url)`` takes (asserting it answered 200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries)


def row_counts(*models):
    """How many rows each of ``models`` holds, in order: to show a command changed nothing."""
    return [model.objects.count() for model in models]
