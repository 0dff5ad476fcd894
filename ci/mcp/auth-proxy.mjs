// A tiny reverse proxy that adds "Authorization: Bearer $CLOUDOPS_TOKEN" to every request before passing it to
// $TARGET (e.g. http://127.0.0.1:8080). The MCP conformance CLI (0.1.10) cannot send headers of its own; the
// CloudOps server rightly answers 401 without a token, so the conformance scenarios talk to this proxy instead.
// Bodies and answers (including event streams) are streamed through untouched.
import http from 'node:http';

const target = new URL(process.env.TARGET);
const token = process.env.CLOUDOPS_TOKEN;
if (!token) {
  console.error('auth-proxy: CLOUDOPS_TOKEN is not set');
  process.exit(2);
}

const server = http.createServer((req, res) => {
  const headers = { ...req.headers, host: target.host, authorization: `Bearer ${token}` };
  const upstream = http.request(
    { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers },
    (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (e) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`auth-proxy: ${e.message}`);
  });
  req.pipe(upstream);
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  // The caller reads the port from the first line of output.
  console.log(server.address().port);
});
