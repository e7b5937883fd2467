import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A PBX's originate endpoint as Asterisk ARI speaks it (ARI's Channels REST API, `originate`):
 * `POST /ari/channels?endpoint=…&extension=…&context=…&priority=…` with HTTP Basic auth, 200 with the
 * new channel as JSON, 401 without the right credentials. A loopback server for the tests: it keeps
 * every request, and `answer` makes it fail on purpose.
 */
export interface FakeAriPbx {
  port: number;
  /** Every request: method, path with query, Authorization header. */
  received: { method: string; url: string; authorization: string | undefined }[];
  /** The status of the next answers (200: a channel). */
  answer: number;
  close(): Promise<void>;
}

export async function startFakeAriPbx(authorization: string): Promise<FakeAriPbx> {
  let server: Server | null = null;
  const pbx: FakeAriPbx = {
    port: 0, received: [], answer: 200,
    close: () => new Promise<void>((resolve) => {
      server?.closeAllConnections();
      server?.close(() => resolve());
    }),
  };
  server = createServer((req: IncomingMessage, res) => {
    pbx.received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const url = new URL(req.url ?? '/', 'http://pbx');
    if (req.method !== 'POST' || url.pathname !== '/ari/channels') return json(404, { message: 'Resource not found' });
    if (req.headers.authorization !== authorization) return json(401, { message: 'Authentication required' });
    if (pbx.answer !== 200) return json(pbx.answer, { message: 'Internal Server Error' });
    const q = url.searchParams;
    return json(200, {
      id: `${Math.floor(Date.now() / 1000)}.${pbx.received.length}`, name: `${q.get('endpoint')}-00000001`, state: 'Down', protocol_id: '', language: 'ja',
      accountcode: '', creationtime: new Date().toISOString(), caller: { name: '', number: '' }, connected: { name: '', number: '' },
      dialplan: { context: q.get('context'), exten: q.get('extension'), priority: Number(q.get('priority')), app_name: '', app_data: '' },
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  pbx.port = (server.address() as AddressInfo).port;
  return pbx;
}

/** A loopback port nothing listens on (a PBX that is down). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
