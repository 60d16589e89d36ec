"""Loaded by pytest before Django (``-p tests.environment``): production settings (DEBUG off)
with a throwaway secret key, over plain HTTP as the test client and live server speak it."""

import os

os.environ.setdefault("SECRET_KEY", "renaksi-tests-only")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("STATIC_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
# Values the deployment checks (renaksi/checks.py) accept, for commands run inside the suite;
# pytest-django itself swaps in the locmem mail backend.
os.environ.setdefault("SITE_URL", "https://renaksi.example.go.id")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
