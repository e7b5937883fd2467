import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPbxDialer, PbxDialError } from './pbx-dial.js';

/** A loopback PBX that takes the request and never answers (hung, or far away). */
async function silentPbx(): Promise<{ url: string; server: Server; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req) => void seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ari/channels?endpoint=PJSIP/201`, server, seen };
}

describe('PBX dialer', () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = null;
  });

  it('gives up after its timeout: unreachable, saying how long it waited', async () => {
    const pbx = await silentPbx();
    server = pbx.server;
    const sut = createPbxDialer({ timeoutMs: 200 });
    const started = Date.now();
    const err = await sut.dial(pbx.url, 'Basic YTpi').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PbxDialError);
    expect(err).toMatchObject({ kind: 'unreachable', status: null, message: 'The PBX did not answer within 0.2 s' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(pbx.seen).toEqual(['POST /ari/channels?endpoint=PJSIP/201 Basic YTpi']);
  });

  it('does not follow a redirect: the Authorization header stays with the configured host', async () => {
    const seen: string[] = [];
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(307, { location: 'http://127.0.0.1:9/elsewhere' }).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dial`;
    await expect(createPbxDialer().dial(url, 'Basic YTpi')).rejects.toMatchObject({ kind: 'refused', status: 307 });
    expect(seen).toEqual(['/dial']);
  });
});
