// Served from dist/server.js, which only the build script (tsc) makes.
declare const require: (name: string) => any;
declare const process: { env: Record<string, string | undefined> };

const http = require("http");
const ms = require("ms");

function greeting(name: string): string {
  return `compiled from TypeScript for ${name}, a day is ${ms("1d")} ms`;
}

http
  .createServer((req: { url: string }, res: { setHeader(k: string, v: string): void; end(body: string): void }) => {
    res.setHeader("Content-Type", "text/plain");
    if (req.url === "/env") {
      const keys = ["NODE_ENV", "WEB_CONCURRENCY", "WEB_MEMORY", "MEMORY_AVAILABLE"];
      res.end(keys.map((k) => `${k}=${process.env[k] ?? ""}`).join("\n") + "\n");
    } else {
      res.end(greeting("Dynodesk") + "\n");
    }
  })
  .listen(Number(process.env.PORT || 5000));
