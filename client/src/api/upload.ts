import { z } from 'zod';
import { ApiRequestError } from './http';

const uploadedSchema = z.object({ callId: z.string(), audioDurationMs: z.number(), analysisStatus: z.string() });
export type UploadedRecording = z.infer<typeof uploadedSchema>;

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/**
 * Uploads one recording (`POST /api/calls`, multipart, field `file`). XMLHttpRequest rather than
 * fetch: it reports upload progress, which a 500 MB file needs.
 */
export function uploadRecording(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadedRecording> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/calls');
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onerror = () => reject(new ApiRequestError(0, 'network_error', 'Could not reach the server. Check your connection and try again.'));
    request.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    request.onload = () => {
      const json = parseJson(request.responseText);
      if (request.status >= 200 && request.status < 300) {
        const parsed = uploadedSchema.safeParse(json);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiRequestError(request.status, 'bad_response', 'The server sent an answer this page does not understand. Reload the page.'));
        return;
      }
      const parsed = errorSchema.safeParse(json);
      reject(
        parsed.success
          ? new ApiRequestError(request.status, parsed.data.error.code, parsed.data.error.message)
          : new ApiRequestError(request.status, 'http_error', `The server answered ${request.status} ${request.statusText}`.trim()),
      );
    };
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
