import type { LiveCallCreated } from '@call-assist/shared';
import { apiRequest } from './http';
import { liveCallCreatedSchema } from './schemas';

/** Creates a live call: its id and the token its sockets present. */
export const createLiveCall = (): Promise<LiveCallCreated> => apiRequest('POST', '/api/live-calls', liveCallCreatedSchema);

/** The socket URL of a call, on the origin the page came from (the gateway, or Vite's proxy). */
export function callSocketUrl(callId: string, token: string): string {
  const origin = window.location.origin.replace(/^http/, 'ws');
  return `${origin}/ws/calls/${encodeURIComponent(callId)}?token=${encodeURIComponent(token)}`;
}
