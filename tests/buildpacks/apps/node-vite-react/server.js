// Serves the files `vite build` wrote to dist/, with node's http module only.
const http = require("http");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "dist");
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };

http
  .createServer((req, res) => {
    const wanted = decodeURIComponent(req.url.split("?")[0]);
    const file = path.join(root, wanted === "/" ? "index.html" : wanted);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404).end("not found\n");
        return;
      }
      res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream" }).end(body);
    });
  })
  .listen(Number(process.env.PORT || 5000));
