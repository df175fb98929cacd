import { PassThrough, type Readable } from 'node:stream';
import type { ApiError } from '@call-assist/shared';
import type uWS from 'uWebSockets.js';
import type { z } from 'zod';
import { AppError, describeError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { metrics } from '../lib/metrics.js';
import { COMMON_SECURITY_HEADERS } from './security-headers.js';

/** Largest JSON body accepted by the API. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ApiRequest {
  params: string[];
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Raw body text (empty for GET/DELETE). */
  body: string;
}

/** A request without its body: what identifies the caller and the resource. */
export type RequestInfo = Omit<ApiRequest, 'body'>;

export interface ApiResponse {
  status: number;
  body?: unknown;
  /** Extra headers, e.g. content-disposition for a download. */
  headers?: Record<string, string>;
  /** A body sent as it is read (a recording), instead of JSON; `headers` give its content type. */
  stream?: StreamedBody;
}

export interface StreamedBody {
  body: Readable;
  /** Exactly how many bytes `body` yields (the content-length). */
  bytes: number;
}

/** A request's connection: whether the client went away, and what to stop when it does. */
interface Connection {
  aborted: boolean;
  onAborted?: () => void;
}

export type ApiHandler = (request: ApiRequest) => Promise<ApiResponse>;
/** A handler that reads the body as a stream (uploads), with backpressure on the client. */
export type UploadHandler = (request: Omit<ApiRequest, 'body'> & { body: Readable }) => Promise<ApiResponse>;
type Method = 'get' | 'post' | 'put' | 'del';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 206: 'Partial Content', 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 500: 'Internal Server Error', 503: 'Service Unavailable',
};
const statusLine = (status: number) => `${status} ${STATUS_TEXT[status] ?? ''}`.trim();

export function errorBody(code: string, message: string, issues?: ApiError['error']['issues']): ApiError {
  return { ok: false, error: { code, message, ...(issues && { issues }) } };
}

/** decodeURIComponent that cannot throw (a malformed escape stays as it is). */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Parses a JSON body against a schema; a 400 with every issue named when it does not fit. */
export function parseBody<T extends z.ZodType>(schema: T, body: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AppError('invalid_json', 'request body is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw Object.assign(new AppError('invalid_body', `invalid request body: ${issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; ')}`), { issues });
  }
  return parsed.data;
}

/** Registers JSON API routes on a uWS app: abort-safe, corked writes, bounded bodies, errors as JSON. */
export class Router {
  constructor(
    private readonly app: uWS.TemplatedApp,
    private readonly logger: Logger,
  ) {}

  get(pattern: string, handler: ApiHandler) { return this.add('get', pattern, handler); }
  post(pattern: string, handler: ApiHandler) { return this.add('post', pattern, handler); }
  put(pattern: string, handler: ApiHandler) { return this.add('put', pattern, handler); }
  delete(pattern: string, handler: ApiHandler) { return this.add('del', pattern, handler); }

  /** POST whose body streams to the handler; the client is paused while the handler falls behind. */
  upload(pattern: string, handler: UploadHandler): this {
    this.app.post(pattern, (res, req) => {
      const request = this.requestInfo(req, pattern);
      const body = new PassThrough();
      let aborted = false;
      res.onAborted(() => {
        aborted = true;
        body.destroy(new AppError('upload_aborted', 'the client went away during the upload'));
      });
      body.on('drain', () => !aborted && res.resume());
      res.onData((chunk, isLast) => {
        if (!body.write(Buffer.from(chunk.slice(0))) && !isLast) res.pause();
        if (isLast) body.end();
      });
      handler({ ...request, body }).then(
        (response) => this.respond(res, response, () => aborted),
        (error: unknown) => this.respond(res, this.errorResponse(error), () => aborted),
      );
    });
    return this;
  }

  /**
   * Server-sent events (`text/event-stream`): `open` checks the request (errors answer as JSON, like
   * any route) and returns the first event and a subscription; each `send` writes one event, `last`
   * ends the stream. A comment every 15 s keeps proxies from closing an idle stream.
   */
  events(pattern: string, open: (request: RequestInfo) => Promise<EventStream>): this {
    this.app.get(pattern, (res, req) => {
      const request = this.requestInfo(req, pattern);
      let closed = false;
      let unsubscribe: (() => Promise<void>) | undefined;
      let keepAlive: NodeJS.Timeout | undefined;
      const finish = () => {
        if (closed) return;
        closed = true;
        clearInterval(keepAlive);
        void unsubscribe?.();
      };
      res.onAborted(finish);
      const write = (text: string, last: boolean) => {
        if (closed) return;
        res.cork(() => (last ? res.end(text) : res.write(text)));
        if (last) finish();
      };
      open(request).then(
        async (stream) => {
          if (closed) return;
          res.cork(() => {
            res.writeStatus('200 OK').writeHeader('content-type', 'text/event-stream; charset=utf-8').writeHeader('cache-control', 'no-store');
            for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) res.writeHeader(name, value);
            // nginx buffers responses by default; an event stream must not wait in its buffer.
            res.writeHeader('x-accel-buffering', 'no');
          });
          const event = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
          write(event(stream.first), stream.done);
          if (closed) return;
          keepAlive = setInterval(() => write(': keep-alive\n\n', false), 15_000);
          try {
            unsubscribe = await stream.subscribe((data, last) => write(event(data), last));
            if (closed) await unsubscribe();
          } catch (error) {
            this.logger.warn({ err: describeError(error) }, 'event stream subscription failed');
            write('', true);
          }
        },
        (error: unknown) => this.respond(res, this.errorResponse(error), () => closed),
      );
    });
    return this;
  }

  private add(method: Method, pattern: string, handler: ApiHandler): this {
    this.app[method](pattern, (res, req) => {
      const request = this.requestInfo(req, pattern);
      const connection: Connection = { aborted: false };
      res.onAborted(() => {
        connection.aborted = true;
        connection.onAborted?.();
      });
      const isAborted = () => connection.aborted;
      readBody(res, method === 'get' || method === 'del' ? 0 : MAX_BODY_BYTES)
        .then((body) => handler({ ...request, body }))
        .then(
          (response) => (response.stream ? this.streamResponse(res, response, response.stream, connection) : this.respond(res, response, isAborted)),
          (error: unknown) => this.respond(res, this.errorResponse(error), isAborted),
        );
    });
    return this;
  }

  /** Everything needed from `req`, read now: it is invalid after the route callback returns. */
  private requestInfo(req: uWS.HttpRequest, pattern: string): Omit<ApiRequest, 'body'> {
    const paramCount = (pattern.match(/:/g) ?? []).length;
    const headers: Record<string, string> = {};
    req.forEach((key, value) => (headers[key] = value));
    return {
      params: Array.from({ length: paramCount }, (_, i) => safeDecode(req.getParameter(i) ?? '')),
      query: new URLSearchParams(req.getQuery() ?? ''),
      headers,
    };
  }

  private respond(res: uWS.HttpResponse, response: ApiResponse, isAborted: () => boolean): void {
    if (response.status >= 400) {
      const code = (response.body as Partial<ApiError> | undefined)?.error?.code ?? 'none';
      metrics.apiErrors.inc({ code, status: String(response.status) });
    }
    if (isAborted()) return;
    res.cork(() => {
      res.writeStatus(statusLine(response.status)).writeHeader('cache-control', 'no-store');
      for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) res.writeHeader(name, value);
      for (const [name, value] of Object.entries(response.headers ?? {})) res.writeHeader(name, value);
      if (response.body === undefined) res.end();
      else res.writeHeader('content-type', 'application/json; charset=utf-8').end(JSON.stringify(response.body));
    });
  }

  /**
   * Sends a streamed body with backpressure (uWS's tryEnd/onWritable pattern): reading pauses while
   * the socket cannot take more, and stops when the client goes away.
   */
  private streamResponse(res: uWS.HttpResponse, response: ApiResponse, { body, bytes }: StreamedBody, connection: Connection): void {
    if (connection.aborted) {
      body.destroy();
      return;
    }
    let responded = false;
    const stop = () => {
      responded = true;
      body.destroy();
    };
    connection.onAborted = stop;
    // Returns whether uWS took the chunk whole; ends the response once `bytes` have gone out.
    const send = (chunk: Uint8Array): boolean => {
      let ok = false;
      res.cork(() => {
        const [accepted, done] = res.tryEnd(chunk, bytes);
        ok = accepted;
        if (done) stop();
      });
      return ok;
    };
    res.cork(() => {
      res.writeStatus(statusLine(response.status));
      for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) res.writeHeader(name, value);
      for (const [name, value] of Object.entries(response.headers ?? {})) res.writeHeader(name, value);
    });
    body.on('data', (chunk: Buffer) => {
      if (responded) return;
      const offset = res.getWriteOffset();
      if (send(chunk) || responded) return;
      body.pause();
      res.onWritable((at) => {
        const ok = send(chunk.subarray(at - offset));
        if (ok && !responded) body.resume();
        return ok;
      });
    });
    body.on('end', () => {
      if (responded) return;
      responded = true;
      // An empty body never reaches tryEnd; a body shorter than announced cannot be finished.
      if (bytes === 0) res.cork(() => res.end());
      else res.close();
    });
    body.on('error', (error) => {
      if (responded) return;
      responded = true;
      this.logger.warn({ err: describeError(error) }, 'streamed response failed');
      // The status line may be out already: closing is the only honest answer left.
      res.close();
    });
  }

  private errorResponse(error: unknown): ApiResponse {
    if (error instanceof AppError) {
      const issues = (error as AppError & { issues?: ApiError['error']['issues'] }).issues;
      return { status: error.httpStatus, body: errorBody(error.code, error.message, issues) };
    }
    this.logger.error({ err: describeError(error) }, 'API handler failed');
    return { status: 500, body: errorBody('internal_error', 'something went wrong on our side') };
  }
}

export interface EventStream {
  /** Sent at once: the current state, so a client needs no separate request. */
  first: unknown;
  /** The first event is also the last (e.g. the job has already finished). */
  done: boolean;
  subscribe(send: (data: unknown, last: boolean) => void): Promise<() => Promise<void>>;
}

/** Collects the body, copying each chunk (uWS reuses the memory) and refusing more than `maxBytes`. */
function readBody(res: uWS.HttpResponse, maxBytes: number): Promise<string> {
  if (maxBytes === 0) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    res.onData((chunk, isLast) => {
      if (failed) return;
      size += chunk.byteLength;
      if (size > maxBytes && chunk.byteLength > 0) {
        failed = true;
        reject(new AppError('body_too_large', `request body over ${maxBytes} bytes`, 413));
        return;
      }
      chunks.push(Buffer.from(chunk.slice(0)));
      if (isLast) resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
