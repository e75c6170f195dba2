// A TCP proxy on loopback that a test can cut and restore, to simulate a database outage.
import net from 'node:net';
import { createTestDatabase } from './server.js';

export interface CuttableProxy {
  port: number;
  /** Drops every open connection and refuses new ones. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startProxy(targetHost: string, targetPort: number): Promise<CuttableProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(targetPort, targetHost);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  await listen();
  return { port, cut: stop, restore: listen, close: stop };
}

/**
 * A fresh test database on the PostgreSQL server (DATABASE_URL), reached through a proxy the test can cut: `url`
 * goes through the proxy; `drop` closes the proxy and drops the database.
 */
export async function proxiedTestDatabase(): Promise<{ url: string; proxy: CuttableProxy; drop(): Promise<void> }> {
  const testDb = await createTestDatabase();
  if (!testDb) throw new Error('proxiedTestDatabase needs DATABASE_URL');
  const target = new URL(testDb.url);
  const proxy = await startProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = new URL(testDb.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  return {
    url: viaProxy.toString(),
    proxy,
    drop: async () => {
      await proxy.close();
      await testDb.drop();
    },
  };
}
