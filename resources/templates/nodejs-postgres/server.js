'use strict';
// A web app with a Heroku Postgres database: it counts its visits in the table `visits`, which
// the release phase (migrate.js) makes.
const http = require('http');
const { sql } = require('./db');

const port = Number(process.env.PORT || 5000);

function escape(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family: sans-serif; margin: 3em">
  <h1>${title}</h1>
  ${body}
</body>
</html>
`;
}

async function countVisit() {
  return Number(await sql('INSERT INTO visits DEFAULT VALUES; SELECT count(*) FROM visits;'));
}

const server = http.createServer(async (req, res) => {
  if (req.url !== '/' && !req.url.startsWith('/?')) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
    return;
  }
  try {
    const visits = await countVisit();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page('Hello from Node.js and Postgres',
      `<p>This page has been visited <strong id="visits">${visits}</strong> time${visits === 1 ? '' : 's'}.</p>
  <p>Each visit is a row in the <code>visits</code> table of the database at <code>DATABASE_URL</code>.</p>`));
  } catch (error) {
    console.error(`database error: ${error.message}`);
    res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page('Database error', `<p>${escape(error.message)}</p>`));
  }
});

server.listen(port, () => console.log(`listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
