/** Stops a subscription; safe to call more than once. */
export type Unsubscribe = () => Promise<void>;

/**
 * Fan-out of messages between gateway instances. Payloads are strings (already-serialised JSON) so a
 * message is serialised once, however many sockets receive it. Delivery is asynchronous, in publish
 * order per channel, at most once, to every subscriber of the channel on every instance.
 */
export interface Bus {
  publish(channel: string, payload: string): Promise<void>;
  subscribe(channel: string, handler: (payload: string) => void): Promise<Unsubscribe>;
  close(): Promise<void>;
}

/** Channel names; one place so every instance agrees on them. */
export const channels = {
  call: (callId: string) => `call:${callId}`,
  /** Talking points of an organisation changed: payload `{orgId, version}`. */
  rules: 'rules',
  /** A user was disabled or deleted: every gateway closes their sockets. Payload `{userId}`. */
  accessRevoked: 'access-revoked',
} as const;
