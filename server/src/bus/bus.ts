/** Stops a subscription; safe to call more than once. */
export type Unsubscribe = () => Promise<void>;

/**
 * Fan-out of messages between gateway instances. Payloads are strings (already-serialised JSON) so a
 * message is serialised once, however many sockets receive it. Delivery is asynchronous, in publish
 * order per channel, at most once, to every subscriber of the channel on every instance.
 */
export interface Bus {
  /** Resolves with how many instances had a subscriber for the channel (0: nobody listens). */
  publish(channel: string, payload: string): Promise<number>;
  subscribe(channel: string, handler: (payload: string) => void): Promise<Unsubscribe>;
  close(): Promise<void>;
}

/** Channel names; one place so every instance agrees on them. */
export const channels = {
  /** A live call's messages, for watchers on gateways other than the one running it. */
  call: (callId: string) => `call:${callId}`,
  /** Requests to the gateway running a live call (snapshot, card feedback). */
  room: (callId: string) => `room:${callId}`,
  /** Answers to one gateway's requests. */
  gateway: (gatewayId: string) => `gateway:${gatewayId}`,
  /** Talking points of an organisation changed: payload `{orgId, version}`. */
  rules: 'rules',
  /** A user was disabled or deleted: every gateway closes their sockets. Payload `{userId}`. */
  accessRevoked: 'access-revoked',
} as const;
