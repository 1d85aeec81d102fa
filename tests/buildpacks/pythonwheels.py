"""tst_pythonbuildpack's package index: writes a few tiny pure-Python wheels, then serves them
on 127.0.0.1 as a PEP 503 index (http://127.0.0.1:PORT/simple/) and a flat folder for pip's
--find-links (http://127.0.0.1:PORT/wheels/). Prints the port on the first line.

Usage: python3 pythonwheels.py DIR

The wheels are byte-for-byte the same on every run (stored, not compressed, fixed dates), so
the fixture apps' lockfiles can carry their sha256 hashes.
"""
import base64
import functools
import hashlib
import http.server
import os
import re
import sys
import zipfile

GREETER = {"dynodesk_greeter/__init__.py": '''def greet(name):
    return "Hello from %s" % name
'''}

WEB = {"dynodesk_web/__init__.py": '''"""Serves a WSGI application given as module:callable on $PORT (a tiny gunicorn)."""
import importlib
import os
import signal
import sys
from wsgiref.simple_server import make_server


def main():
    module, _, name = sys.argv[1].partition(":")
    app = getattr(importlib.import_module(module), name or "application")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    port = int(os.environ.get("PORT", "5000"))
    print("dynodesk-web serving %s on %d" % (sys.argv[1], port), flush=True)
    make_server("0.0.0.0", port, app).serve_forever()
'''}

DEVTOOL = {"dynodesk_devtool/__init__.py": "NAME = 'devtool'\n"}

DJANGO = {
    "django/__init__.py": "VERSION = (4, 2, 0, 'final', 0)\n",
    "django/core/__init__.py": "",
    "django/core/exceptions.py": "class ImproperlyConfigured(Exception):\n    pass\n",
    "django/core/management/__init__.py": '''"""Just enough of Django's manage.py for collectstatic (a test double)."""
import importlib
import os
import shutil
import sys

from django.core.exceptions import ImproperlyConfigured


def collectstatic(settings):
    root = getattr(settings, "STATIC_ROOT", None)
    if not root:
        raise ImproperlyConfigured("You're using the staticfiles app without having set the STATIC_ROOT "
                                   "setting to a filesystem path.")
    copied = 0
    for source in getattr(settings, "STATICFILES_DIRS", []):
        for folder, _, files in os.walk(source):
            for f in files:
                target = os.path.join(root, os.path.relpath(os.path.join(folder, f), source))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(os.path.join(folder, f), target)
                copied += 1
    print("\\n%d static files copied to '%s'." % (copied, os.path.abspath(root)))


def execute_from_command_line(argv=None):
    argv = argv or sys.argv
    settings = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    if argv[1:2] == ["collectstatic"]:
        collectstatic(settings)
    else:
        sys.exit("Unknown command: %r" % argv[1:2])
'''}

PACKAGES = [
    ("dynodesk-greeter", "1.0.0", GREETER, [], {}),
    ("dynodesk-web", "1.0.0", WEB, ["dynodesk-greeter"], {"dynodesk-web": "dynodesk_web:main"}),
    ("dynodesk-devtool", "1.0.0", DEVTOOL, [], {}),
    ("Django", "4.2.0", DJANGO, [], {}),
]


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def write_wheel(folder, name, version, files, requires, scripts):
    dist = re.sub(r"[-_.]+", "_", name)
    info = "%s-%s.dist-info" % (dist, version)
    files = dict(files)
    files[info + "/METADATA"] = "Metadata-Version: 2.1\nName: %s\nVersion: %s\n%s" % (
        name, version, "".join("Requires-Dist: %s\n" % r for r in requires))
    files[info + "/WHEEL"] = "Wheel-Version: 1.0\nGenerator: dynodesk-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if scripts:
        files[info + "/entry_points.txt"] = "[console_scripts]\n" + "".join("%s = %s\n" % s for s in scripts.items())
    record = "".join("%s,%s,%d\n" % (p, record_hash(d.encode()), len(d.encode())) for p, d in sorted(files.items()))
    files[info + "/RECORD"] = record + info + "/RECORD,,\n"
    path = os.path.join(folder, "%s-%s-py3-none-any.whl" % (dist, version))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as whl:
        for p, d in sorted(files.items()):
            entry = zipfile.ZipInfo(p, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            whl.writestr(entry, d)
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    root = sys.argv[1]
    flat = os.path.join(root, "wheels")
    os.makedirs(flat, exist_ok=True)
    for name, version, files, requires, scripts in PACKAGES:
        wheel = write_wheel(flat, name, version, files, requires, scripts)
        project = os.path.join(root, "simple", re.sub(r"[-_.]+", "-", name).lower())
        os.makedirs(project, exist_ok=True)
        with open(wheel, "rb") as src, open(os.path.join(project, os.path.basename(wheel)), "wb") as dst:
            dst.write(src.read())
    handler = functools.partial(QuietHandler, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
