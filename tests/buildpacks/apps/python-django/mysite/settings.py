"""Dynodesk fixture settings. The config var BREAK_STATIC_ROOT=1 leaves STATIC_ROOT unset (collectstatic fails)."""
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATIC_URL = "static/"
STATIC_ROOT = None if os.environ.get("BREAK_STATIC_ROOT") == "1" else os.path.join(BASE_DIR, "staticfiles")
STATICFILES_DIRS = [os.path.join(BASE_DIR, "static")]
