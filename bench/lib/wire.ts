// A minimal Socket.IO v4 client over raw WebSocket frames, so that the load generator is not the bottleneck it measures.
import WebSocket from 'ws';

/**
 * Speaks just enough of Engine.IO 4 / Socket.IO 5 for the benchmark: connect with `auth`, emit with an
 * acknowledgement, answer pings, and hand every incoming event frame over raw (callers look inside cheaply).
 */
export class WireSocket {
  private nextAckId = 0;
  private readonly acks = new Map<number, (frame: string) => void>();
  /** Raw event frames, e.g. `42["message:new",{...}]`. */
  onEvent: (frame: string) => void = () => {};
  onClose: () => void = () => {};

  private constructor(private readonly ws: WebSocket) {}

  static connect(baseUrl: string, auth: Record<string, unknown>, timeoutMs = 15_000): Promise<WireSocket> {
    const url = baseUrl.replace(/^http/, 'ws') + '/socket.io/?EIO=4&transport=websocket';
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const socket = new WireSocket(ws);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error('connect timeout'));
      }, timeoutMs);
      let connected = false;
      ws.on('message', (data: WebSocket.RawData) => {
        const frame = data.toString();
        if (connected) return socket.onFrame(frame);
        if (frame.startsWith('0')) ws.send('40' + JSON.stringify(auth));
        else if (frame.startsWith('40')) {
          connected = true;
          clearTimeout(timer);
          resolve(socket);
        } else if (frame.startsWith('44')) {
          clearTimeout(timer);
          ws.close();
          reject(new Error(`refused: ${frame.slice(2)}`));
        }
      });
      ws.on('error', (err) => {
        clearTimeout(timer);
        if (!connected) reject(err);
      });
      ws.on('close', () => {
        if (connected) socket.onClose();
      });
    });
  }

  private onFrame(frame: string): void {
    const c0 = frame.charCodeAt(0);
    if (c0 === 50 /* '2' ping */) return this.ws.send('3');
    if (c0 !== 52 /* '4' message */) return;
    const c1 = frame.charCodeAt(1);
    if (c1 === 50 /* '2' event */) return this.onEvent(frame);
    if (c1 === 51 /* '3' ack */) {
      let i = 2;
      while (i < frame.length && frame.charCodeAt(i) >= 48 && frame.charCodeAt(i) <= 57) i++;
      const id = Number(frame.slice(2, i));
      const cb = this.acks.get(id);
      if (cb) {
        this.acks.delete(id);
        cb(frame.slice(i));
      }
    }
  }

  /** Emits an event; `ack` receives the raw acknowledgement array, e.g. `[{"ok":true,"data":{...}}]`. */
  emit(event: string, payload: unknown, ack?: (raw: string) => void): void {
    const body = JSON.stringify([event, payload]);
    if (!ack) return this.ws.send('42' + body);
    const id = this.nextAckId++;
    this.acks.set(id, ack);
    this.ws.send('42' + id + body);
  }

  request<T = unknown>(event: string, payload: unknown, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), timeoutMs);
      this.emit(event, payload, (raw) => {
        clearTimeout(timer);
        const [res] = JSON.parse(raw) as [unknown];
        const r = res as { ok?: boolean; data?: T; error?: { code: string; message: string } };
        if (r && typeof r === 'object' && 'ok' in r && !r.ok) reject(new Error(`${event}: ${r.error?.code} ${r.error?.message}`));
        else resolve((r && typeof r === 'object' && 'data' in r ? r.data : r) as T);
      });
    });
  }

  close(): void {
    this.ws.terminate();
  }
}

/** The event name of a raw event frame (`42["name",…]` or `42<id>["name",…]`), without parsing the payload. */
export function eventName(frame: string): string {
  const start = frame.indexOf('["') + 2;
  return frame.slice(start, frame.indexOf('"', start));
}

/** The payload of a raw event frame. */
export function eventPayload<T>(frame: string): T {
  return (JSON.parse(frame.slice(frame.indexOf('['))) as [string, T])[1];
}
