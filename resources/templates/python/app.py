"""A web app on the Python standard library: the platform sets PORT, the router sends requests here."""
import http.server
import os
import signal
import sys

PAGE = b"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Hello from Python</title></head>
<body style="font-family: sans-serif; margin: 3em">
  <h1>Hello from Python</h1>
  <p>This app was made from Dynodesk's Python template. Edit <code>app.py</code> and deploy again.</p>
</body>
</html>
"""


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/" or self.path.startswith("/?"):
            body, status, kind = PAGE, 200, "text/html; charset=utf-8"
        else:
            body, status, kind = b"Not found\n", 404, "text/plain; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        print("%s - %s" % (self.address_string(), format % args), flush=True)


def main():
    port = int(os.environ.get("PORT", "5000"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = http.server.ThreadingHTTPServer(("0.0.0.0", port), Handler)
    print("listening on %d" % port, flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
