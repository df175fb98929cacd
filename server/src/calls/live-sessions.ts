import type { OrgScope } from '../db/organisations.js';
import type { Logger } from '../lib/logger.js';
import { metrics } from '../lib/metrics.js';
import type { CallSession } from './call-session.js';

/** The connection streaming a session: the rep's socket. */
export interface SessionOwner {
  /** Another connection resumed the call: close, without releasing the session. */
  supersede(): void;
}

interface Entry {
  session: CallSession;
  owner: SessionOwner | undefined;
  graceTimer: NodeJS.Timeout | undefined;
}

export type ResumeResult = { ok: true; session: CallSession } | { ok: false; refusal: 'busy' | 'ended' } | undefined;

/**
 * The live sessions of this gateway and the connection streaming each. A connection that drops
 * without `end` releases its session for a grace period, during which a new connection for the same
 * call resumes it (same transcript, audio clock and fired cards); after it the call ends as
 * interrupted. Sessions remove themselves once ended.
 */
export class LiveSessions {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly graceMs: number,
    private readonly logger: Logger,
  ) {}

  add(session: CallSession, owner: SessionOwner): void {
    this.entries.set(session.callId, { session, owner, graceTimer: undefined });
    metrics.liveCalls.inc();
    void session.ended.then(() => {
      metrics.liveCalls.dec();
      const entry = this.entries.get(session.callId);
      if (entry?.session !== session) return;
      clearTimeout(entry.graceTimer);
      this.entries.delete(session.callId);
    });
  }

  /**
   * Hands a live session of this gateway to `owner`: at once if its connection dropped; with
   * `takeOver`, also from a connection still open (closed as superseded). Undefined when the call has
   * no session here.
   */
  resume(scope: OrgScope, callId: string, owner: SessionOwner, takeOver: boolean): ResumeResult {
    const entry = this.entries.get(callId);
    if (!entry || entry.session.scope.orgId !== scope.orgId) return undefined;
    if (entry.session.isEnding) return { ok: false, refusal: 'ended' };
    const previous = entry.owner;
    if (previous && !takeOver) return { ok: false, refusal: 'busy' };
    clearTimeout(entry.graceTimer);
    entry.graceTimer = undefined;
    entry.owner = owner;
    previous?.supersede();
    this.logger.info({ callId, tookOver: previous !== undefined }, 'live call resumed by a new connection');
    return { ok: true, session: entry.session };
  }

  /** `owner`'s connection closed without ending the call: keep the session for the grace period (unless `endNow`). */
  release(session: CallSession, owner: SessionOwner, endNow: boolean): void {
    const entry = this.entries.get(session.callId);
    if (!entry || entry.session !== session || entry.owner !== owner) return;
    entry.owner = undefined;
    if (endNow || this.graceMs <= 0) {
      void session.end('interrupted');
      return;
    }
    this.logger.info({ callId: session.callId, graceMs: this.graceMs }, 'rep connection dropped; call kept for a reconnect');
    entry.graceTimer = setTimeout(() => {
      entry.graceTimer = undefined;
      if (entry.owner) return;
      this.logger.info({ callId: session.callId }, 'no reconnect within the grace period; call interrupted');
      void session.end('interrupted');
    }, this.graceMs);
  }

  /** The session of a call live on this gateway. */
  get(scope: OrgScope, callId: string): CallSession | undefined {
    const entry = this.entries.get(callId);
    return entry && entry.session.scope.orgId === scope.orgId ? entry.session : undefined;
  }

  all(): CallSession[] {
    return [...this.entries.values()].map((entry) => entry.session);
  }

  /** Stops every grace period (shutdown ends the sessions itself). */
  clearTimers(): void {
    for (const entry of this.entries.values()) clearTimeout(entry.graceTimer);
  }
}
