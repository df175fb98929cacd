import { z } from 'zod';
import { ApiRequestError, authHeaders, errorFromAnswer, noteAuthFailure, parseJson } from './http';

const uploadedSchema = z.object({ callId: z.string(), audioDurationMs: z.number(), analysisStatus: z.string() });
export type UploadedRecording = z.infer<typeof uploadedSchema>;

/**
 * Uploads one recording (`POST /api/calls`, multipart, field `file`). XMLHttpRequest rather than
 * fetch: it reports upload progress, which a 500 MB file needs.
 */
export function uploadRecording(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadedRecording> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/calls');
    request.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(authHeaders('POST'))) request.setRequestHeader(name, value);
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
      const error = errorFromAnswer(request.status, request.statusText, json);
      noteAuthFailure(error);
      reject(error);
    };
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}
