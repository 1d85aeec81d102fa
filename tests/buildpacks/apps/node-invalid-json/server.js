const http = require("http");
http.createServer((req, res) => res.end(process.env.FIXTURE_BODY || "ok\n")).listen(Number(process.env.PORT || 5000));
