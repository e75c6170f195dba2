// The baseline: a bare Socket.IO relay. Two sockets that ask are paired in a room; a message is acked and sent to the room.
// For the surge benchmark it also keeps Beside's queue in memory: the same events and pushes, no storage.
import http from 'node:http';
import { Server, type Socket } from 'socket.io';

const httpServer = http.createServer();
// The same transport settings as Beside's realtime/io.ts, so that only what Beside adds differs.
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 16 * 1024, pingInterval: 10_000, pingTimeout: 8_000 });
let waiting: { socketId: string; room: string } | null = null;
let rooms = 0;

// ---- the surge's queue (bench/surge.ts): first come, first served; positions pushed like Beside's (coalesced, changes only)
const queue: string[] = [];
const volunteers = new Map<string, { capacity: number; chats: Set<string> }>();
const chats = new Map<string, { survivor: string; volunteer: string; alerted: boolean }>();
const lastPosition = new Map<string, number>();
let pushTimer: NodeJS.Timeout | null = null;
const CRISIS = 'kill myself';

function pushPositions(): void {
  pushTimer ??= setTimeout(() => {
    pushTimer = null;
    queue.forEach((id, i) => {
      if (lastPosition.get(id) === i + 1) return;
      lastPosition.set(id, i + 1);
      io.to(id).emit('queue:status', { state: 'waiting', position: i + 1 });
    });
  }, 500);
}

function match(): void {
  for (const [volunteerId, v] of volunteers) {
    while (v.chats.size < v.capacity && queue.length > 0) {
      const survivor = queue.shift()!;
      lastPosition.delete(survivor);
      const room = `room:${++rooms}`;
      chats.set(room, { survivor, volunteer: volunteerId, alerted: false });
      v.chats.add(room);
      io.in([survivor, volunteerId]).socketsJoin(room);
      io.to(room).emit('conversation:started', { id: room });
    }
  }
  pushPositions();
}

function endChat(room: string): void {
  const chat = chats.get(room);
  if (!chat) return;
  chats.delete(room);
  volunteers.get(chat.volunteer)?.chats.delete(room);
  io.to(room).emit('conversation:ended', { conversationId: room });
  io.in(room).socketsLeave(room);
  match();
}

function surgeHandlers(socket: Socket): void {
  if (socket.handshake.auth?.role === 'moderator') void socket.join('moderators');
  socket.on('shift:set', (p: { onShift: boolean; capacity?: number }, ack: (a: unknown) => void) => {
    if (p.onShift) volunteers.set(socket.id, { capacity: p.capacity ?? 1, chats: volunteers.get(socket.id)?.chats ?? new Set() });
    else volunteers.delete(socket.id);
    ack({ ok: true, data: { onShift: p.onShift } });
    match();
  });
  socket.on('queue:join', (_p: unknown, ack: (a: unknown) => void) => {
    if (!queue.includes(socket.id)) queue.push(socket.id);
    lastPosition.set(socket.id, queue.length);
    ack({ ok: true, data: { state: 'waiting', position: queue.length } });
    match();
  });
  socket.on('conversation:end', (p: { conversationId: string }, ack: (a: unknown) => void) => {
    endChat(p.conversationId);
    ack({ ok: true, data: { conversationId: p.conversationId } });
  });
  socket.on('disconnect', () => {
    const at = queue.indexOf(socket.id);
    if (at >= 0) queue.splice(at, 1);
    for (const room of volunteers.get(socket.id)?.chats ?? []) endChat(room);
    volunteers.delete(socket.id);
    pushPositions();
  });
}

io.on('connection', (socket) => {
  socket.on('pair', (_payload: unknown, ack: (a: unknown) => void) => {
    if (!waiting || !io.sockets.sockets.has(waiting.socketId)) {
      waiting = { socketId: socket.id, room: `room:${++rooms}` };
      void socket.join(waiting.room);
      return ack({ ok: true, data: { waiting: true } });
    }
    const { room } = waiting;
    waiting = null;
    void socket.join(room);
    io.to(room).emit('conversation:started', { id: room });
    ack({ ok: true, data: { waiting: false } });
  });
  let seq = 0;
  socket.on('message:send', (msg: { conversationId: string; clientId: string; body: string }, ack?: (a: unknown) => void) => {
    const message = { ...msg, seq: ++seq, createdAt: new Date().toISOString() };
    io.to(msg.conversationId).emit('message:new', message);
    ack?.({ ok: true, data: message });
    const chat = chats.get(msg.conversationId);
    if (chat && !chat.alerted && msg.body.includes(CRISIS)) {
      chat.alerted = true;
      io.to('moderators').emit('risk:alert', { conversationId: msg.conversationId });
    }
  });
  surgeHandlers(socket);
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = httpServer.address();
  process.stdout.write(`Baseline relay is running on http://localhost:${typeof address === 'object' && address ? address.port : 0}\n`);
});
