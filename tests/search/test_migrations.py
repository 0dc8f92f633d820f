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


more_default_synonyms = importlib.import_module("search.migrations.0009_more_default_synonyms")


def test_the_new_shipped_groups_are_added_once_and_taken_away_again():
    SynonymGroup.objects.all().delete()
    more_default_synonyms.forwards(apps, None)
    more_default_synonyms.forwards(apps, None)
    groups = [group.term_list() for group in SynonymGroup.objects.all()]
    assert len(groups) == len(more_default_synonyms.GROUPS)
    assert any({"scam", "estafa"} <= set(terms) for terms in groups)

    more_default_synonyms.backwards(apps, None)
    assert not SynonymGroup.objects.exists()


def test_a_subject_an_editor_already_grouped_gets_no_second_group():
    SynonymGroup.objects.all().delete()
    SynonymGroup.objects.create(terms="refund, money back")
    more_default_synonyms.forwards(apps, None)
    assert SynonymGroup.objects.filter(terms__icontains="refund").count() == 1
    assert SynonymGroup.objects.filter(terms__icontains="estafa").exists()
