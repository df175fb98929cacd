/** The little the live-call code needs of a WebSocket; the gateway adapts uWebSockets.js to it. */
export interface CallSocket {
  send(text: string): void;
  close(code: number, reason: string): void;
}
