import { randomUUID } from 'node:crypto';
import type { CardFeedback, MutedSpan } from '@call-assist/shared';
import type { OrgScope } from '../../db/organisations.js';
import type { AudioLayout, CallProgress, CallState, CallStore, StartRefusal, StoredCard, StoredSegment } from '../call-store.js';

interface StoredCall {
  orgId: string;
  status: 'created' | 'live' | 'suspended' | 'ended' | 'interrupted' | 'failed';
  provider: string | null;
  layout: AudioLayout;
  audioDurationMs: number;
  segments: StoredSegment[];
  cards: (StoredCard & { feedback: CardFeedback | null; feedbackAt: Date | null })[];
  mutedSpans: MutedSpan[];
  switches: { atMs: number; from: string; to: string; reason: string }[];
}

/** The live-call store in memory, for tests of the rooms without PostgreSQL (shared by "gateways" in one test). */
export class MemoryCallStore implements CallStore {
  readonly calls = new Map<string, StoredCall>();
  /** Card bodies by talking point, as the talking-points table would give them. */
  readonly bodies = new Map<string, string>();

  async createCall(scope: OrgScope): Promise<string> {
    const id = randomUUID();
    this.calls.set(id, { orgId: scope.orgId, status: 'created', provider: null, layout: { channels: 1, speakers: ['any'] }, audioDurationMs: 0, segments: [], cards: [], mutedSpans: [], switches: [] });
    return id;
  }

  private call(scope: OrgScope, callId: string): StoredCall | undefined {
    const call = this.calls.get(callId);
    return call?.orgId === scope.orgId ? call : undefined;
  }

  async startCall(scope: OrgScope, callId: string, fields: { sttProvider: string; layout: AudioLayout }): Promise<StartRefusal | 'started' | 'resumed'> {
    const call = this.call(scope, callId);
    if (!call) return 'unknown';
    if (call.status === 'created' || call.status === 'suspended') {
      const previous = call.status;
      Object.assign(call, { status: 'live', provider: fields.sttProvider, ...(previous === 'created' && { layout: fields.layout }) });
      return previous === 'created' ? 'started' : 'resumed';
    }
    return call.status === 'live' ? 'busy' : 'ended';
  }

  async callProgress(scope: OrgScope, callId: string): Promise<CallProgress> {
    const call = this.call(scope, callId)!;
    return {
      audioDurationMs: call.audioDurationMs,
      provider: call.provider,
      layout: call.layout,
      segments: [...call.segments],
      cards: call.cards.map((card) => ({ ...card, body: this.bodies.get(card.talkingPointId) ?? '' })),
      mutedSpans: call.mutedSpans.map((span) => ({ ...span })),
    };
  }

  async suspendCall(scope: OrgScope, callId: string, fields: { audioDurationMs: number }): Promise<void> {
    Object.assign(this.call(scope, callId)!, { status: 'suspended', audioDurationMs: fields.audioDurationMs });
  }

  async expireSuspendedCalls(): Promise<{ orgId: string; callId: string }[]> {
    return [];
  }

  async releaseCall(scope: OrgScope, callId: string, previous: 'started' | 'resumed'): Promise<void> {
    this.call(scope, callId)!.status = previous === 'started' ? 'created' : 'suspended';
  }

  async endCall(scope: OrgScope, callId: string, fields: { status: 'ended' | 'interrupted' | 'failed'; audioDurationMs: number }): Promise<void> {
    Object.assign(this.call(scope, callId)!, fields);
  }

  async recordProviderSwitch(scope: OrgScope, callId: string, change: { atMs: number; from: string; to: string; reason: string }): Promise<void> {
    const call = this.call(scope, callId)!;
    call.switches.push(change);
    call.provider = change.to;
  }

  async callState(scope: OrgScope, callId: string): Promise<CallState> {
    const status = this.call(scope, callId)?.status;
    if (!status) return 'unknown';
    return status === 'created' || status === 'live' || status === 'suspended' ? status : 'ended';
  }

  async saveSegment(scope: OrgScope, callId: string, segment: StoredSegment): Promise<void> {
    const call = this.call(scope, callId)!;
    if (!call.segments.some((stored) => stored.seq === segment.seq)) call.segments.push(segment);
  }

  async saveCard(scope: OrgScope, callId: string, card: StoredCard): Promise<void> {
    const call = this.call(scope, callId)!;
    if (!call.cards.some((stored) => stored.id === card.id)) call.cards.push({ ...card, feedback: null, feedbackAt: null });
  }

  async saveMutedSpans(scope: OrgScope, callId: string, spans: MutedSpan[]): Promise<void> {
    this.call(scope, callId)!.mutedSpans = spans.map((span) => ({ ...span }));
  }

  async setCardFeedback(scope: OrgScope, callId: string, cardId: string, feedback: CardFeedback, at: Date): Promise<boolean> {
    const card = this.call(scope, callId)?.cards.find((stored) => stored.id === cardId);
    if (!card) return false;
    Object.assign(card, { feedback, feedbackAt: at });
    return true;
  }

  async setCardFeedbackUnlessLive(scope: OrgScope, callId: string, cardId: string, feedback: CardFeedback, at: Date): Promise<'recorded' | 'unknown_card' | 'live'> {
    if (this.call(scope, callId)?.status === 'live') return 'live';
    return (await this.setCardFeedback(scope, callId, cardId, feedback, at)) ? 'recorded' : 'unknown_card';
  }
}
