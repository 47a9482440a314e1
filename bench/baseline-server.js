// The baseline every HTTP, start-up and idle-RSS figure is set against: a bare node:http server
// that answers "hello" and prints its port once listening. Plain JavaScript, so plain `node` can
// start it as well as `node --import tsx`, and the start-up bench can tell the two apart.
import { createServer } from 'node:http';

const server = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('hello');
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(JSON.stringify({ port: address.port }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
