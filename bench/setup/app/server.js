'use strict';
// Answers every request with the app's name: enough for the router to reach a running dyno.
const http = require('http');
http.createServer((req, res) => {
    res.writeHead(200, {'Content-Type': 'text/plain'});
    res.end('setup bench app\n');
}).listen(process.env.PORT || 5000);
