"""Five more shipped synonym groups, for words the public uses and the articles may not: scams and fraud, refunds,
shoes, customs and duties, each in English and Spanish. A group is added only when no existing group holds any of
its words, so an editor's own group on the subject is not doubled."""

from django.db import migrations

GROUPS = [
    "scam, scams, scammer, scammers, scammed, fraud, fraudulent, estafa, estafas, estafador, fraude, fraudulento",
    "refund, refunds, money back, chargeback, reembolso, reembolsos, devolución del dinero",
    "shoes, sneakers, trainers, zapatos, zapatillas, tenis",
    "customs, aduana, aduanas",
    "duty, duties, tariff, tariffs, import tax, arancel, aranceles, impuestos de importación",
]


def _terms(text):
    return {term.strip().lower() for term in text.split(",") if term.strip()}


def forwards(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    listed = set().union(*(_terms(group.terms) for group in SynonymGroup.objects.all()))
    for terms in GROUPS:
        if not _terms(terms) & listed:
            SynonymGroup.objects.create(terms=terms)
            listed |= _terms(terms)


def backwards(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    shipped = [_terms(terms) for terms in GROUPS]
    for group in SynonymGroup.objects.all():
        if _terms(group.terms) in shipped:
            group.delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0008_more_seizure_words")]

    operations = [migrations.RunPython(forwards, backwards)]
