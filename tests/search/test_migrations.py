"""Data migrations that change what editors may already have edited."""

import importlib

import pytest
from django.apps import apps

from search.models import SynonymGroup

more_seizure_words = importlib.import_module("search.migrations.0008_more_seizure_words")

pytestmark = pytest.mark.django_db


def test_the_shipped_seizure_group_learns_the_other_words_for_a_seizure():
    SynonymGroup.objects.all().delete()
    group = SynonymGroup.objects.create(terms="seized, seizure, detained, held, decomiso, retenido")
    more_seizure_words.forwards(apps, None)
    group.refresh_from_db()
    assert {"confiscated", "forfeited", "incautación", "decomiso"} <= set(group.term_list())

    more_seizure_words.backwards(apps, None)
    group.refresh_from_db()
    assert group.term_list() == ["seized", "seizure", "detained", "held", "decomiso", "retenido"]


def test_a_seizure_group_an_editor_reworded_is_left_as_they_wrote_it():
    SynonymGroup.objects.all().delete()
    group = SynonymGroup.objects.create(terms="seized, seizure, held at the border, decomiso")
    more_seizure_words.forwards(apps, None)
    group.refresh_from_db()
    assert group.terms == "seized, seizure, held at the border, decomiso"
