// A webhook receiver on loopback for the paging tests: records every request (raw body and headers) and answers
// with whatever status the test chooses.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPage {
  at: number;
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}

export interface PageReceiver {
  url: string;
  received: ReceivedPage[];
  /** The status answered from now on (200 by default). */
  answer(status: number): void;
  close(): Promise<void>;
}

export async function startPageReceiver(): Promise<PageReceiver> {
  const received: ReceivedPage[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // Kept as an empty object: the test's checks on the body then fail visibly.
      }
      received.push({ at: Date.now(), path: req.url ?? '', headers: req.headers, raw, body });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/beside`,
    received,
    answer: (s) => {
      status = s;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port with nothing listening on it (bound once, then closed). */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hooks/beside`;
}
