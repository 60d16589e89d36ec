"""Loaded by pytest before Django (``-p tests.environment``): a throwaway secret key, so the
settings load with DEBUG off as in production."""

import os

os.environ.setdefault("SECRET_KEY", "renaksi-tests-only")
