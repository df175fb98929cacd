import { CloseCode, MAX_AUDIO_FRAME_BYTES } from '@call-assist/shared';
import type uWS from 'uWebSockets.js';
import type { CallSocket } from '../calls/call-socket.js';
import type { CallTokens, TokenCheck } from '../calls/call-tokens.js';
import type { LiveCalls } from '../calls/live-calls.js';
import { RepConnection } from '../calls/rep-connection.js';
import { WatchConnection } from '../calls/watch-connection.js';
import type { Logger } from '../lib/logger.js';
import { metrics } from '../lib/metrics.js';
import { safeDecode } from './http.js';

interface Connection {
  onText(text: string): void;
  onBinary(frame: ArrayBuffer): void;
  onClose(): void;
}

interface SocketData {
  callId: string;
  token: TokenCheck;
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

function behavior(kind: 'rep' | 'watch', tokens: CallTokens, logger: Logger, open: Set<uWS.WebSocket<SocketData>>, create: ConnectionFactory): uWS.WebSocketBehavior<SocketData> {
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
      const data: SocketData = { callId, token: tokens.verify(token), closed: false };
      res.upgrade(data, req.getHeader('sec-websocket-key'), req.getHeader('sec-websocket-protocol'), req.getHeader('sec-websocket-extensions'), context);
    },
    open: (ws) => {
      open.add(ws);
      metrics.callSockets.inc({ kind });
      const data = ws.getUserData();
      const socket: CallSocket = {
        send: (text) => {
          if (!data.closed) ws.send(text, false);
        },
        close: (code, reason) => {
          if (data.closed) return;
          data.closed = true;
          ws.end(code, reason);
        },
      };
      if (!data.token.ok) return socket.close(CloseCode.unauthorized, data.token.reason);
      if (data.token.claims.callId !== data.callId) return socket.close(CloseCode.unauthorized, 'token is for another call');
      data.connection = create(socket, data.token.claims.orgId, data.callId);
    },
    message: (ws, message, isBinary) => {
      const { connection } = ws.getUserData();
      if (!connection) return;
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
): { closeAll(code: number, reason: string): void } {
  const { tokens, calls, logger } = deps;
  const open = new Set<uWS.WebSocket<SocketData>>();
  app.ws<SocketData>(
    '/ws/calls/:callId',
    behavior('rep', tokens, logger, open, (socket, orgId, callId) => new RepConnection(socket, { orgId }, callId, calls, logger)),
  );
  app.ws<SocketData>(
    '/ws/calls/:callId/watch',
    behavior('watch', tokens, logger, open, (socket, orgId, callId) => new WatchConnection(socket, { orgId }, callId, calls, logger)),
  );
  return {
    closeAll: (code, reason) => {
      for (const ws of [...open]) {
        const data = ws.getUserData();
        if (data.closed) continue;
        data.closed = true;
        ws.end(code, reason);
      }
    },
  };
}
