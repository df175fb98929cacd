import type { ApiError } from '@call-assist/shared';
import type uWS from 'uWebSockets.js';
import type { z } from 'zod';
import { AppError, describeError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

/** Largest JSON body accepted by the API. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ApiRequest {
  params: string[];
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Raw body text (empty for GET/DELETE). */
  body: string;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
}

export type ApiHandler = (request: ApiRequest) => Promise<ApiResponse>;
type Method = 'get' | 'post' | 'put' | 'del';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 500: 'Internal Server Error', 503: 'Service Unavailable',
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

  private add(method: Method, pattern: string, handler: ApiHandler): this {
    const paramCount = (pattern.match(/:/g) ?? []).length;
    this.app[method](pattern, (res, req) => {
      // Everything from `req` must be read now: it is invalid after this callback returns.
      const params = Array.from({ length: paramCount }, (_, i) => safeDecode(req.getParameter(i) ?? ''));
      const query = new URLSearchParams(req.getQuery() ?? '');
      const headers: Record<string, string> = {};
      req.forEach((key, value) => (headers[key] = value));
      let aborted = false;
      res.onAborted(() => (aborted = true));
      const respond = (response: ApiResponse) => {
        if (aborted) return;
        res.cork(() => {
          res.writeStatus(statusLine(response.status)).writeHeader('cache-control', 'no-store').writeHeader('x-content-type-options', 'nosniff');
          if (response.body === undefined) res.end();
          else res.writeHeader('content-type', 'application/json; charset=utf-8').end(JSON.stringify(response.body));
        });
        aborted = true;
      };
      readBody(res, method === 'get' || method === 'del' ? 0 : MAX_BODY_BYTES)
        .then((body) => handler({ params, query, headers, body }))
        .then(respond, (error: unknown) => respond(this.errorResponse(error)));
    });
    return this;
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
