import { afterEach, describe, expect, it } from 'vitest';
import type { Bus } from './bus.js';

/** Two buses that share one transport, like two gateway instances on one Redis. */
export interface BusPair {
  a: Bus;
  b: Bus;
  close(): Promise<void>;
}

/** Subscribes and records; `waitFor(n)` resolves once n messages arrived. */
async function collect(bus: Bus, channel: string) {
  const messages: string[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  await bus.subscribe(channel, (payload) => {
    messages.push(payload);
    for (const waiter of waiters.filter((w) => messages.length >= w.count)) waiter.resolve();
  });
  return {
    messages,
    waitFor: (count: number) =>
      new Promise<string[]>((resolve) => {
        if (messages.length >= count) resolve(messages);
        else waiters.push({ count, resolve: () => resolve(messages) });
      }),
  };
}

/** The behaviour every Bus implementation must have; run once per implementation. */
export function busContract(name: string, createPair: () => Promise<BusPair>): void {
  describe(`Bus contract: ${name}`, () => {
    let pair: BusPair | undefined;
    const open = async () => (pair = await createPair());
    afterEach(async () => {
      await pair?.close();
      pair = undefined;
    });

    it('delivers to a subscriber on another instance, in publish order', async () => {
      const { a, b } = await open();
      const onB = await collect(b, 'call:1');
      const sent = Array.from({ length: 200 }, (_, i) => `m${i}`);
      await Promise.all(sent.map((message) => a.publish('call:1', message)));
      expect(await onB.waitFor(200)).toEqual(sent);
    });

    it('delivers to every subscriber of the channel, the publishing instance included', async () => {
      const { a, b } = await open();
      const subscribers = [await collect(a, 'call:2'), await collect(b, 'call:2'), await collect(b, 'call:2')];
      await a.publish('call:2', '{"type":"card"}');
      for (const subscriber of subscribers) expect(await subscriber.waitFor(1)).toEqual(['{"type":"card"}']);
    });

    it('does not leak messages across channels', async () => {
      const { a, b } = await open();
      const mine = await collect(b, 'call:mine');
      const other = await collect(b, 'call:other');
      await a.publish('call:other', 'theirs');
      await a.publish('call:mine', 'x');
      await a.publish('call:other', 'end');
      await other.waitFor(2);
      expect(mine.messages).toEqual(['x']);
      expect(other.messages).toEqual(['theirs', 'end']);
    });

    it('stops delivering after unsubscribe (twice is harmless) and keeps the other subscribers', async () => {
      const { a, b } = await open();
      const stopped: string[] = [];
      const unsubscribe = await b.subscribe('call:3', (payload) => stopped.push(payload));
      const kept = await collect(b, 'call:3');
      await a.publish('call:3', 'before');
      await kept.waitFor(1);
      await unsubscribe();
      await unsubscribe();
      await a.publish('call:3', 'after');
      expect(await kept.waitFor(2)).toEqual(['before', 'after']);
      expect(stopped).toEqual(['before']);
    });

    it('keeps delivering to other handlers when one throws', async () => {
      const { a, b } = await open();
      await b.subscribe('call:4', () => {
        throw new Error('handler bug');
      });
      const kept = await collect(b, 'call:4');
      await a.publish('call:4', 'still delivered');
      expect(await kept.waitFor(1)).toEqual(['still delivered']);
    });

    it('tells the publisher how many instances listen on the channel', async () => {
      const { a, b } = await open();
      expect(await a.publish('call:6', 'nobody')).toBe(0);
      await collect(b, 'call:6');
      await collect(b, 'call:6');
      expect(await a.publish('call:6', 'b listens')).toBe(1);
      await collect(a, 'call:6');
      expect(await a.publish('call:6', 'both listen')).toBe(2);
    });

    it('delivers nothing to a closed instance and refuses to publish from it', async () => {
      const { a, b } = await open();
      const closedSide = await collect(b, 'call:5');
      const openSide = await collect(a, 'call:5');
      await b.close();
      await a.publish('call:5', 'late');
      expect(await openSide.waitFor(1)).toEqual(['late']);
      expect(closedSide.messages).toEqual([]);
      await expect(b.publish('call:5', 'x')).rejects.toThrow();
    });
  });
}
