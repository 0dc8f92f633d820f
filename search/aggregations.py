"""Building blocks of Elasticsearch aggregations that several apps ask for (the public statistics, the trends)."""

from datetime import date

from django.conf import settings


def weekly_histogram(field_name="submitted_at", aggs=None):
    """Buckets of one calendar week each (Monday to Sunday in the site's time zone), empty weeks left out.

    `aggs`: sub-aggregations worked out within each week. Read a bucket's Monday with week_of(bucket).
    """
    histogram = {
        "date_histogram": {
            "field": field_name,
            "calendar_interval": "week",
            "time_zone": settings.TIME_ZONE,
            "min_doc_count": 1,
            "format": "yyyy-MM-dd",
        }
    }
    if aggs:
        histogram["aggs"] = aggs
    return histogram


def week_of(bucket):
    """The Monday a weekly_histogram bucket stands for."""
    return date.fromisoformat(bucket["key_as_string"])
