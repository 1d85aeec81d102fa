'use strict';
// A web app on Node.js's own http module: the platform sets PORT, the router sends requests here.
const http = require('http');

const port = Number(process.env.PORT || 5000);

const page = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Hello from Node.js</title></head>
<body style="font-family: sans-serif; margin: 3em">
  <h1>Hello from Node.js</h1>
  <p>This app was made from Dynodesk's Node.js template. Edit <code>server.js</code> and deploy again.</p>
</body>
</html>
`;

const server = http.createServer((req, res) => {
  if (req.url === '/' || req.url.startsWith('/?')) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page);
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
});

server.listen(port, () => console.log(`listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
