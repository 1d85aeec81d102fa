// A dyno for the router tests: plain Node HTTP on the port it is given (0: any), printing
// "listening <port>" once bound. Every answer says which dyno and which connection served it.
const http = require('http');
const name = process.env.DYNO || 'web.1';

function reply(res, status, body, headers = {}) {
  res.writeHead(status, Object.assign({ 'Content-Type': 'text/plain', 'X-Dyno': name }, headers));
  res.end(body);
}

const routes = {
  '/': (req, res) => reply(res, 200, `hello from ${name}\n`, { 'X-Conn': String(req.socket.remotePort) }),
  '/slow': (req, res, q) => setTimeout(() => reply(res, 200, 'slow\n'), Number(q.get('ms') || 1000)),
  '/close': (req) => req.socket.destroy(),
  '/garbage': (req) => { req.socket.end('THIS IS NOT HTTP\r\n\r\n'); },
  // A header, then a chunked body that is not chunked encoding.
  '/bad-chunk': (req) => { req.socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nno\r\n'); },
  // A body that ends when the connection does.
  '/until-close': (req) => { req.socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close'); },
  // Switches protocols though nobody asked, then talks something else.
  '/unasked-101': (req) => { req.socket.end('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: other\r\n\r\nnot http'); },
  // A status that is no HTTP status.
  '/status-12': (req) => { req.socket.end('HTTP/1.1 012 Odd\r\nContent-Length: 0\r\n\r\n'); },
  // An interim answer, then the final one.
  '/interim': (req, res) => { res.writeContinue(); setTimeout(() => reply(res, 200, 'final\n'), 50); },
  // An HTTP/1.0 answer.
  '/http10': (req) => { req.socket.end('HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nold\r\n'); },
  // A whole answer, then bytes nobody asked for: a forged answer for whoever is next.
  // A keep-alive answer, and the connection closed with it: its end comes with its last bytes.
  '/answer-then-close': (req) => { req.socket.end('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n'); },
  '/stray': (req, res) => {
    res.writeHead(200, { 'Content-Length': '3', 'X-Dyno': name });
    res.end('ok\n', () => req.socket.write('HTTP/1.1 418 Forged\r\nContent-Length: 7\r\n\r\nforged\n'));
  },
  '/stall': (req, res) => { res.writeHead(200, { 'X-Dyno': name }); res.write('first'); },
  '/echo-headers': (req, res) => reply(res, 200, JSON.stringify(req.headers), { 'Content-Type': 'application/json' }),
  '/echo-body': (req, res) => { res.writeHead(200, { 'X-Dyno': name }); req.pipe(res); },
  // Answers before reading the request body, then drops the connection (the router's H18).
  '/reject-body': (req, res) => { res.writeHead(200); res.end('no'); req.socket.destroy(); },
  // How many connections this dyno has open, this one included.
  '/connections': (req, res) => server.getConnections((err, n) => reply(res, 200, String(n))),
  '/big': (req, res, q) => {
    const kb = Number(q.get('kb') || 1024);
    res.writeHead(200, { 'X-Dyno': name });
    const piece = Buffer.alloc(1024, 'x');
    for (let i = 0; i < kb; i++) res.write(piece);
    res.end();
  },
  '/drip': (req, res, q) => {
    res.writeHead(200, { 'X-Dyno': name });
    res.write('x'.repeat(16 * 1024 - 6) + 'first;'); // one full piece of the router's 16 KB
    setTimeout(() => res.end('second'), Number(q.get('ms') || 500));
  },
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  (routes[url.pathname] || ((rq, rs) => reply(rs, 404, 'not found\n')))(req, res, url.searchParams);
});
// WebSocket (or any upgrade): switch protocols, then echo every byte back; `/ws-ticks?n=` sends
// n ticks 200 ms apart instead and reads nothing.
server.on('upgrade', (req, socket, head) => {
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/ws-ticks') {
    let left = Number(url.searchParams.get('n') || 1);
    const timer = setInterval(() => {
      socket.write('t');
      if (--left === 0) clearInterval(timer);
    }, 200);
    socket.on('error', () => clearInterval(timer));
    return;
  }
  if (head.length) socket.write(head);
  socket.pipe(socket);
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
