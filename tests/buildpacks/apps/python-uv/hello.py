"""Dynodesk fixture: a WSGI app served by the dynodesk-web console script from an installed wheel."""
from dynodesk_greeter import greet


def application(environ, start_response):
    body = (greet("python-uv") + "\n").encode()
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
