import type { LiveCallCreated } from '@call-assist/shared';
import { apiRequest } from './http';
import { liveCallCreatedSchema } from './schemas';

/** Creates a live call: its id and a first, short-lived token for its socket. */
export const createLiveCall = (): Promise<LiveCallCreated> => apiRequest('POST', '/api/live-calls', liveCallCreatedSchema);

/**
 * A fresh token for one of the caller's calls (tokens last minutes: every reconnect asks for one).
 * 404 when the call is not theirs, 409 `call_ended` when it is over.
 */
export const fetchCallToken = (callId: string, purpose: 'stream' | 'watch' = 'stream'): Promise<LiveCallCreated> =>
  apiRequest('POST', `/api/live-calls/${encodeURIComponent(callId)}/token`, liveCallCreatedSchema, { body: { purpose } });

/** The socket URL of a call, on the origin the page came from (the gateway, or Vite's proxy). */
export function callSocketUrl(callId: string, token: string): string {
  const origin = window.location.origin.replace(/^http/, 'ws');
  return `${origin}/ws/calls/${encodeURIComponent(callId)}?token=${encodeURIComponent(token)}`;
}
