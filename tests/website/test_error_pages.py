"""The pages nginx answers with by itself (manage.py write_error_pages): the site's plain page, in each language."""

from django.core.management import call_command

from website.management.commands.write_error_pages import too_many_searches_path


def test_the_too_many_searches_pages_are_written_in_english_and_spanish(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    call_command("write_error_pages", verbosity=0)

    english = too_many_searches_path(tmp_path, "en").read_text(encoding="utf-8")
    spanish = too_many_searches_path(tmp_path, "es").read_text(encoding="utf-8")
    assert '<html lang="en">' in english and "<h1>Too many searches</h1>" in english
    assert "Wait 10 seconds, then search again." in english
    assert '<html lang="es">' in spanish and "<h1>Demasiadas búsquedas</h1>" in spanish
    assert "Espere 10 segundos y vuelva a buscar." in spanish
    # A whole page of the site's (its banner and a way home, to the home page in its language), not a bare sentence.
    for page, home in ((english, 'href="/"'), (spanish, 'href="/es/"')):
        assert 'class="usa-banner"' in page and home in page and "{%" not in page
    assert 'href="/"' not in spanish
