import { RuleSet, type TalkingPointRule } from '@call-assist/shared';
import { z } from 'zod';
import { channels, type Bus, type Unsubscribe } from '../bus/bus.js';
import type { Logger } from '../lib/logger.js';
import { describeError } from '../lib/errors.js';

/** Loads an organisation's current talking points and their version. */
export type RulesLoader = (orgId: string) => Promise<{ version: number; talkingPoints: TalkingPointRule[] }>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const rulesChangedSchema = z.object({ orgId: z.string(), version: z.number().int() });

/**
 * Compiled rule sets per organisation. An admin edit publishes `{orgId, version}` on the rules
 * channel; every gateway instance recompiles once and hands the new set to its live calls.
 */
export class RulesCache {
  private readonly compiled = new Map<string, Promise<RuleSet>>();
  private readonly listeners = new Set<(orgId: string, rules: RuleSet) => void>();
  private unsubscribe: Unsubscribe | undefined;

  constructor(
    private readonly load: RulesLoader,
    private readonly bus: Bus,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.bus.subscribe(channels.rules, (payload) => {
      const parsed = rulesChangedSchema.safeParse(parseJson(payload));
      if (parsed.success) void this.refresh(parsed.data.orgId, parsed.data.version);
      else this.logger.warn('ignored a malformed rules-changed message');
    });
  }

  async get(orgId: string): Promise<RuleSet> {
    let rules = this.compiled.get(orgId);
    if (!rules) {
      rules = this.compile(orgId);
      this.compiled.set(orgId, rules);
      rules.catch(() => this.compiled.delete(orgId));
    }
    return rules;
  }

  /** Tells every instance (this one included) that an organisation's talking points changed. */
  async announce(orgId: string, version: number): Promise<void> {
    await this.bus.publish(channels.rules, JSON.stringify({ orgId, version }));
  }

  /** Called with every newly compiled rule set; returns a function that removes the listener. */
  onChange(listener: (orgId: string, rules: RuleSet) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async refresh(orgId: string, version: number): Promise<void> {
    const current = this.compiled.get(orgId);
    if (current && (await current.catch(() => undefined))?.version === version) return;
    const next = this.compile(orgId);
    this.compiled.set(orgId, next);
    try {
      const rules = await next;
      for (const listener of this.listeners) listener(orgId, rules);
    } catch (error) {
      this.compiled.delete(orgId);
      this.logger.error({ err: describeError(error), orgId }, 'could not reload talking points');
    }
  }

  private async compile(orgId: string): Promise<RuleSet> {
    const { version, talkingPoints } = await this.load(orgId);
    return new RuleSet(version, talkingPoints);
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
  }
}
