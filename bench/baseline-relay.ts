// The baseline: a bare Socket.IO relay. Two sockets that ask are paired in a room; a message is acked and sent to the room.
import http from 'node:http';
import { Server } from 'socket.io';

const httpServer = http.createServer();
// The same transport settings as Beside's realtime/io.ts, so that only what Beside adds differs.
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 16 * 1024, pingInterval: 10_000, pingTimeout: 8_000 });
let waiting: { socketId: string; room: string } | null = null;
let rooms = 0;

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
  });
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = httpServer.address();
  process.stdout.write(`Baseline relay is running on http://localhost:${typeof address === 'object' && address ? address.port : 0}\n`);
});
