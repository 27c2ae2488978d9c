"""WSGI entry point (gunicorn dari.wsgi).

The Korean analyser (hundreds of MB) is loaded here, at start-up, not by a first request:
with `gunicorn --preload` the master loads it once and every worker shares its memory.
DARI_LAZY_KOREAN=1 leaves it to the first request that needs it."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dari.settings")
application = get_wsgi_application()

if os.environ.get("DARI_LAZY_KOREAN") != "1":
    from dari.matching.text import korean_analyser

    korean_analyser()
