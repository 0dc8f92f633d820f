import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")
application = get_wsgi_application()

# Only servers import this module (manage.py commands and the tests do not): with DEBUG off (production, the
# bench), each server process reads the spelling dictionaries (search/dictionary.py, about 3 seconds) and loads the
# sentence encoder (search/meaning.py, when vectors are on) before it answers, not on its first search.
# runserver (DEBUG on) skips it, so a reload after an edit stays quick.
if not settings.DEBUG:
    from search import dictionary, meaning

    dictionary.load()
    meaning.warm()
