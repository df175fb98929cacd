import { CloseCode, MAX_AUDIO_FRAME_BYTES } from '@call-assist/shared';
import type uWS from 'uWebSockets.js';
import type { CallSocket } from '../calls/call-socket.js';
import type { CallTokens, TokenCheck } from '../calls/call-tokens.js';
import type { LiveCalls } from '../calls/live-calls.js';
import { RepConnection } from '../calls/rep-connection.js';
import { WatchConnection } from '../calls/watch-connection.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import type { Logger } from '../lib/logger.js';
import { metrics } from '../lib/metrics.js';
import { errorBody, safeDecode } from './http.js';

interface Connection {
  onText(text: string): void;
  onBinary(frame: ArrayBuffer): void;
  onClose(): void;
}

interface SocketData {
  callId: string;
  token: TokenCheck;
  /** The token's user, once it was accepted. */
  userId?: string;
  connection?: Connection;
  closed: boolean;
}

type ConnectionFactory = (socket: CallSocket, orgId: string, callId: string) => Connection;

/**
 * Transport limit: frames up to 1 MiB reach our code, which closes anything over the protocol's
 * MAX_AUDIO_FRAME_BYTES with `frameTooLarge`; beyond 1 MiB uWebSockets.js itself closes with 1009.
 */
const TRANSPORT_MAX_PAYLOAD_BYTES = 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Per-user limits across all of a user's sockets on this gateway (each connection has its own
 * tighter ones too): messages of any kind, and bytes — about three calls' worth of real-time audio.
 */
const USER_MESSAGES_PER_S = 120;
const USER_BYTES_PER_S = 3 * 32_000;

interface UserBudgets {
  messages: RateLimiter;
  bytes: RateLimiter;
}

function behavior(
  kind: 'rep' | 'watch',
  tokens: CallTokens,
  budgets: UserBudgets,
  logger: Logger,
  open: Set<uWS.WebSocket<SocketData>>,
  create: ConnectionFactory,
): uWS.WebSocketBehavior<SocketData> {
  // The rep socket streams and needs a stream token; watching is allowed with either.
  const accepts = (purpose: string) => kind === 'watch' || purpose === 'stream';
  return {
    maxPayloadLength: Math.max(TRANSPORT_MAX_PAYLOAD_BYTES, MAX_AUDIO_FRAME_BYTES),
    // Seconds; automatic pings keep a muted (silent) rep connected.
    idleTimeout: 60,
    sendPingsAutomatically: true,
    // A reader this far behind is better reconnected than buffered without bound.
    maxBackpressure: 4 * 1024 * 1024,
    closeOnBackpressureLimit: 1,
    upgrade: (res, req, context) => {
      // Copy what we need now: `req` dies when this callback returns.
      const callId = safeDecode(req.getParameter(0) ?? '');
      const token = new URLSearchParams(req.getQuery() ?? '').get('token') ?? '';
      if (!token) {
        // No credentials at all: refused like any unauthenticated request. A token that fails its
        // checks is refused after the upgrade instead, with a close code and reason a client can read.
        metrics.apiErrors.inc({ code: 'unauthenticated', status: '401' });
        res.cork(() => res.writeStatus('401 Unauthorized').writeHeader('content-type', 'application/json').end(JSON.stringify(errorBody('unauthenticated', 'a call token is required'))));
        return;
      }
      const data: SocketData = { callId, token: tokens.verify(token), closed: false };
      res.upgrade(data, req.getHeader('sec-websocket-key'), req.getHeader('sec-websocket-protocol'), req.getHeader('sec-websocket-extensions'), context);
    },
    open: (ws) => {
      open.add(ws);
      metrics.callSockets.inc({ kind });
      const data = ws.getUserData();
      const socket: CallSocket = {
        send: (text) => {
          // Corked: a send outside uWS's own callbacks (an engine event, a timer) goes out in one write.
          if (!data.closed) ws.cork(() => ws.send(text, false));
        },
        close: (code, reason) => {
          if (data.closed) return;
          data.closed = true;
          ws.end(code, reason);
        },
      };
      if (!data.token.ok) return socket.close(CloseCode.unauthorized, data.token.reason);
      if (data.token.claims.callId !== data.callId) return socket.close(CloseCode.unauthorized, 'token is for another call');
      if (!accepts(data.token.claims.purpose)) return socket.close(CloseCode.unauthorized, 'a watch token cannot stream');
      data.userId = data.token.claims.userId;
      data.connection = create(socket, data.token.claims.orgId, data.callId);
    },
    message: (ws, message, isBinary) => {
      const data = ws.getUserData();
      const { connection } = data;
      if (!connection || data.closed) return;
      const user = data.userId!;
      if (!budgets.messages.take(user).ok || !budgets.bytes.take(user, message.byteLength).ok) {
        metrics.rateLimited.inc({ limit: 'socket' });
        data.closed = true;
        ws.end(CloseCode.rateLimited, 'too many messages from this user');
        return;
      }
      if (isBinary) return connection.onBinary(message);
      let text: string;
      try {
        text = utf8.decode(message);
      } catch {
        text = '\u0000';
      }
      connection.onText(text);
    },
    close: (ws, code) => {
      open.delete(ws);
      metrics.callSockets.dec({ kind });
      metrics.socketCloses.inc({ kind, code: String(code) });
      const data = ws.getUserData();
      data.closed = true;
      data.connection?.onClose();
      logger.debug({ callId: data.callId, code }, 'call socket closed');
    },
  };
}

/** `WS /ws/calls/:callId` (the rep, streaming) and `WS /ws/calls/:callId/watch` (read-only). */
export function registerCallSockets(
  app: uWS.TemplatedApp,
  deps: { tokens: CallTokens; calls: LiveCalls; logger: Logger },
): { closeAll(code: number, reason: string): void; closeUser(userId: string, code: number, reason: string): void; stop(): void } {
  const { tokens, calls, logger } = deps;
  const open = new Set<uWS.WebSocket<SocketData>>();
  const budgets: UserBudgets = { messages: new RateLimiter(USER_MESSAGES_PER_S * 2, USER_MESSAGES_PER_S), bytes: new RateLimiter(USER_BYTES_PER_S * 20, USER_BYTES_PER_S) };
  app.ws<SocketData>(
    '/ws/calls/:callId',
    behavior('rep', tokens, budgets, logger, open, (socket, orgId, callId) => new RepConnection(socket, { orgId }, callId, calls, logger)),
  );
  app.ws<SocketData>(
    '/ws/calls/:callId/watch',
    behavior('watch', tokens, budgets, logger, open, (socket, orgId, callId) => new WatchConnection(socket, { orgId }, callId, calls, logger)),
  );
  return {
    stop: () => {
      budgets.messages.stop();
      budgets.bytes.stop();
    },
    closeUser: (userId, code, reason) => closeWhere(open, (data) => data.userId === userId, code, reason),
    closeAll: (code, reason) => closeWhere(open, () => true, code, reason),
  };
}

function closeWhere(open: Set<uWS.WebSocket<SocketData>>, select: (data: SocketData) => boolean, code: number, reason: string): void {
  for (const ws of [...open]) {
    const data = ws.getUserData();
    if (data.closed || !select(data)) continue;
    data.closed = true;
    ws.end(code, reason);
  }
}
