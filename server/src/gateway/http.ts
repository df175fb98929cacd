import { timingSafeEqual } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { CSRF_HEADER, type ApiError, type Role } from '@call-assist/shared';
import type uWS from 'uWebSockets.js';
import type { z } from 'zod';
import type { Caller } from '../auth/caller.js';
import { AppError, describeError, RateLimitedError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { metrics } from '../lib/metrics.js';
import { COMMON_SECURITY_HEADERS } from './security-headers.js';

/** Largest JSON body accepted by the API. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ApiRequest {
  params: string[];
  query: URLSearchParams;
  headers: Record<string, string>;
  /** The client's IP address (the proxy's X-Real-IP / X-Forwarded-For when TRUST_PROXY). */
  clientAddress: string;
  /** The logged-in user; every route but the few public ones has one. */
  caller: Caller;
  /** Raw body text (empty for GET/DELETE). */
  body: string;
}

/** A request without its body: what identifies the caller and the resource. */
export type RequestInfo = Omit<ApiRequest, 'body'>;

/** A route open to anyone (login, register): the caller is there only if a session cookie was sent. */
export type PublicRequest = Omit<ApiRequest, 'caller'> & { caller?: Caller };

/** Who may use a route: any logged-in user (default), some roles only, or anyone. */
export type Access = 'member' | readonly Role[];

/** How the router learns who is calling and how hard they may call. */
export interface RouterSecurity {
  /** The caller behind the request's session cookie, if any. */
  authenticate(headers: Record<string, string>): Promise<Caller | undefined>;
  /** Requests allowed per user (or address, before login); undefined to go on, else seconds to wait. */
  rateLimit(key: string): number | undefined;
  /** Take the client address from the proxy's headers. */
  trustProxy: boolean;
}

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
export type PublicHandler = (request: PublicRequest) => Promise<ApiResponse>;
/** A handler that reads the body as a stream (uploads), with backpressure on the client. */
export type UploadHandler = (request: Omit<ApiRequest, 'body'> & { body: Readable }) => Promise<ApiResponse>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'del';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 206: 'Partial Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable',
};
const statusLine = (status: number) => `${status} ${STATUS_TEXT[status] ?? ''}`.trim();

export function errorBody(code: string, message: string, issues?: ApiError['error']['issues']): ApiError {
  return { ok: false, error: { code, message, ...(issues && { issues }) } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path parameter can be an id at all; anything else is answered 404 without a query. */
export const isUuid = (text: string): boolean => UUID.test(text);

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

/**
 * Registers JSON API routes on a uWS app: abort-safe, corked writes, bounded bodies, errors as JSON.
 * Every route but the explicitly public ones needs a session (401) and, if it names roles, one of
 * them (403); state-changing requests must echo the session's CSRF token (403); every request
 * counts against its user's (or address's) rate limit (429).
 */
export class Router {
  constructor(
    private readonly app: uWS.TemplatedApp,
    private readonly logger: Logger,
    private readonly security: RouterSecurity,
  ) {}

  get(pattern: string, handler: ApiHandler, access: Access = 'member') { return this.add('get', pattern, access, handler as PublicHandler); }
  post(pattern: string, handler: ApiHandler, access: Access = 'member') { return this.add('post', pattern, access, handler as PublicHandler); }
  put(pattern: string, handler: ApiHandler, access: Access = 'member') { return this.add('put', pattern, access, handler as PublicHandler); }
  patch(pattern: string, handler: ApiHandler, access: Access = 'member') { return this.add('patch', pattern, access, handler as PublicHandler); }
  delete(pattern: string, handler: ApiHandler, access: Access = 'member') { return this.add('del', pattern, access, handler as PublicHandler); }

  /** A route anyone may call (login, register, logout); still rate limited. */
  publicRoute(method: 'get' | 'post', pattern: string, handler: PublicHandler) { return this.add(method, pattern, 'public', handler); }

  /** POST whose body streams to the handler; the client is paused while the handler falls behind. */
  upload(pattern: string, handler: UploadHandler, access: Access = 'member'): this {
    this.app.post(pattern, (res, req) => {
      const request = this.requestInfo(req, res, pattern);
      const body = new PassThrough();
      // The handler starts only once the caller is checked; an abort before then must not be an
      // unhandled 'error' event (the handler's own listeners see errors once it reads).
      body.on('error', () => undefined);
      // `res` may not be touched once the client went away or the answer went out.
      let finished = false;
      res.onAborted(() => {
        finished = true;
        body.destroy(new AppError('upload_aborted', 'the client went away during the upload'));
      });
      body.on('drain', () => !finished && res.resume());
      res.onData((chunk, isLast) => {
        if (finished || body.destroyed) return;
        if (!body.write(Buffer.from(chunk.slice(0))) && !isLast) res.pause();
        if (isLast) body.end();
      });
      const answer = (response: ApiResponse) => {
        const wasFinished = finished;
        finished = true;
        this.respond(res, response, () => wasFinished);
      };
      this.admit('post', request, access)
        .then((caller) => handler({ ...request, caller: caller!, body }))
        .then(answer, (error: unknown) => {
          // Refused before (or while) reading: what the client still sends is dropped.
          body.destroy();
          answer(this.errorResponse(error));
        });
    });
    return this;
  }

  /**
   * Server-sent events (`text/event-stream`): `open` checks the request (errors answer as JSON, like
   * any route) and returns the first event and a subscription; each `send` writes one event, `last`
   * ends the stream. A comment every 15 s keeps proxies from closing an idle stream.
   */
  events(pattern: string, open: (request: RequestInfo) => Promise<EventStream>, access: Access = 'member'): this {
    this.app.get(pattern, (res, req) => {
      const request = this.requestInfo(req, res, pattern);
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
      this.admit('get', request, access)
        .then((caller) => open({ ...request, caller: caller! }))
        .then(
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

  private add(method: Method, pattern: string, access: Access | 'public', handler: PublicHandler): this {
    this.app[method](pattern, (res, req) => {
      const request = this.requestInfo(req, res, pattern);
      const connection: Connection = { aborted: false };
      res.onAborted(() => {
        connection.aborted = true;
        connection.onAborted?.();
      });
      const isAborted = () => connection.aborted;
      // The body is read from the start (uWS does not keep it for later), while the caller is checked.
      const body = readBody(res, method === 'get' || method === 'del' ? 0 : MAX_BODY_BYTES);
      Promise.all([this.admit(method, request, access), body])
        .then(([caller, text]) => {
          // A JSON body must say so: a cross-site HTML form can post text/plain that parses as
          // JSON (login CSRF), but cannot send application/json without a CORS preflight we refuse.
          if (text !== '' && !/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
            throw new AppError('unsupported_media_type', 'send the body as application/json', 415);
          }
          return handler({ ...request, ...(caller && { caller }), body: text });
        })
        .then(
          (response) => (response.stream ? this.streamResponse(res, response, response.stream, connection) : this.respond(res, response, isAborted)),
          (error: unknown) => this.respond(res, this.errorResponse(error), isAborted),
        );
    });
    return this;
  }

  /** Who is calling, refused with 401/403/429 when they may not. */
  private async admit(method: Method, request: Omit<PublicRequest, 'body'>, access: Access | 'public'): Promise<Caller | undefined> {
    const caller = await this.security.authenticate(request.headers);
    const retryAfterS = this.security.rateLimit(caller ? `user:${caller.userId}` : `address:${request.clientAddress}`);
    if (retryAfterS !== undefined) {
      metrics.rateLimited.inc({ limit: 'http' });
      throw new RateLimitedError('rate_limited', `too many requests; try again in ${retryAfterS} s`, retryAfterS);
    }
    if (access === 'public') {
      // Browsers say where a request came from; nothing on another site may log in or register here.
      if (method !== 'get' && request.headers['sec-fetch-site'] === 'cross-site') throw new AppError('cross_site_request', 'cross-site requests are refused', 403);
      return caller;
    }
    if (!caller) throw new AppError('unauthenticated', 'log in first', 401);
    if (method !== 'get' && !sameSecret(request.headers[CSRF_HEADER], caller.csrfToken)) {
      throw new AppError('csrf_failed', `missing or wrong ${CSRF_HEADER} header (reload the page)`, 403);
    }
    if (access !== 'member' && !access.includes(caller.role)) throw new AppError('forbidden', `your role (${caller.role}) may not do this`, 403);
    return caller;
  }

  /** Everything needed from `req` and `res`, read now: `req` is invalid after the route callback returns. */
  private requestInfo(req: uWS.HttpRequest, res: uWS.HttpResponse, pattern: string): Omit<PublicRequest, 'body'> {
    const paramCount = (pattern.match(/:/g) ?? []).length;
    const headers: Record<string, string> = {};
    req.forEach((key, value) => (headers[key] = value));
    return {
      params: Array.from({ length: paramCount }, (_, i) => safeDecode(req.getParameter(i) ?? '')),
      query: new URLSearchParams(req.getQuery() ?? ''),
      headers,
      clientAddress: clientAddress(res, headers, this.security.trustProxy),
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
      const headers = error instanceof RateLimitedError ? { 'retry-after': String(error.retryAfterS) } : undefined;
      return { status: error.httpStatus, body: errorBody(error.code, error.message, issues), ...(headers && { headers }) };
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

/** Constant-time comparison of a presented secret with the expected one. */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The client's address. Behind a proxy every connection comes from the proxy, so its X-Real-IP (or
 * the last X-Forwarded-For hop, the one the proxy itself appended) is used — only when the proxy is
 * trusted, since a client can send these headers itself.
 */
function clientAddress(res: uWS.HttpResponse, headers: Record<string, string>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = headers['x-real-ip'] ?? headers['x-forwarded-for']?.split(',').at(-1);
    if (forwarded?.trim()) return forwarded.trim();
  }
  return Buffer.from(res.getRemoteAddressAsText()).toString('utf8');
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
