// Runs Beside as a separate OS process (for crash, restart and multi-node tests) and waits until it is ready.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed on stdout so far (setup link, demo logins). */
  stdout(): string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A loopback port nothing listens on now, for a process that must come back on the same address. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startServerProcess(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const port = env.PORT ?? '0';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
    cwd: ROOT,
    // tsx resolves @beside/shared to its source through tests/tsconfig.json, so no build is needed.
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TSX_TSCONFIG_PATH: 'tests/tsconfig.json',
      ...env,
      PORT: port,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err.slice(-2000)}`)), 60_000);
    const check = () => {
      const m = /running on http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err.slice(-2000)}`));
    });
  });
  return {
    url,
    child,
    stdout: () => out,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The demo logins printed by `--demo`. */
export function demoLogins(stdout: string): Record<string, { email: string; password: string }> {
  const logins: Record<string, { email: string; password: string }> = {};
  for (const m of stdout.matchAll(/^\s+(volunteer|moderator)\s+(\S+)\s+password: (\S+)/gm)) {
    logins[m[1]!] = { email: m[2]!, password: m[3]! };
  }
  return logins;
}
