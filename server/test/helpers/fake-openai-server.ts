import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer to `POST /v1/chat/completions`. */
export type FakeReply =
  /** A completion whose message content is this JSON value, serialised. */
  | { json: unknown }
  /** A completion whose message content is this text as is (e.g. invalid JSON). */
  | { content: string }
  /** A completion with a refusal instead of content. */
  | { refusal: string }
  /** An HTTP error with an OpenAI-style error body. */
  | { status: number; message?: string }
  /** Wait this long, then answer with `then` (or nothing if the client has gone). */
  | { delayMs: number; then: FakeReply }
  /** Decide from the request (e.g. answer what its prompt shows, or hold it until others arrive). */
  | { reply: (request: RecordedRequest) => FakeReply | Promise<FakeReply> };

/** A request as the fake received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: {
    model?: string;
    messages?: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
    [key: string]: unknown;
  };
}

export interface FakeOpenAiServer {
  /** `http://127.0.0.1:port/v1`: the SDK's `baseURL`. */
  baseURL: string;
  /** Every request received, in order (retries included). */
  readonly requests: RecordedRequest[];
  /** Queues answers, used in order; with the queue empty the fake answers HTTP 500. */
  enqueue(...replies: FakeReply[]): void;
  /** Replies still queued. */
  readonly pending: number;
  /** Forgets recorded requests and unused replies (between tests). */
  reset(): void;
  close(): Promise<void>;
}

function completion(model: string, message: { content: string | null; refusal: string | null }) {
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function answer(reply: FakeReply, request: RecordedRequest, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const model = request.body.model ?? 'fake';
  if ('reply' in reply) return answer(await reply.reply(request), request, req, res);
  if ('delayMs' in reply) {
    // No sleeping past a client that gave up: the wait ends when the socket closes.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, reply.delayMs);
      res.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return answer(reply.then, request, req, res);
  }
  if ('status' in reply) return send(res, reply.status, { error: { message: reply.message ?? `scripted ${reply.status}`, type: 'fake_error', code: null } });
  if ('refusal' in reply) return send(res, 200, completion(model, { content: null, refusal: reply.refusal }));
  const content = 'json' in reply ? JSON.stringify(reply.json) : reply.content;
  send(res, 200, completion(model, { content, refusal: null }));
}

/** A local OpenAI-compatible chat completions server answering from a script, for analyzer tests. */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      let body: RecordedRequest['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RecordedRequest['body'];
      } catch {
        return send(res, 400, { error: { message: 'invalid JSON body', type: 'invalid_request_error' } });
      }
      const request: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, body };
      requests.push(request);
      if (req.method !== 'POST' || path !== '/v1/chat/completions') return send(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
      const reply = queue.shift() ?? { status: 500, message: 'no scripted reply left' };
      void answer(reply, request, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    get pending() {
      return queue.length;
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
