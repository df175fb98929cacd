import { describe, expect, it } from 'vitest';
import { NodePool } from './node-pool.js';

describe('NodePool', () => {
  it('prefers the node with the fewest streams, then the configured order', () => {
    const pool = new NodePool(['ws://a', 'ws://b', 'ws://c']);
    expect(pool.candidates()).toEqual(['ws://a', 'ws://b', 'ws://c']);
    pool.acquire('ws://a');
    pool.acquire('ws://a');
    pool.acquire('ws://b');
    expect(pool.candidates()).toEqual(['ws://c', 'ws://b', 'ws://a']);
    pool.release('ws://a');
    pool.release('ws://a');
    expect(pool.candidates()[0]).toBe('ws://a');
  });

  it('skips a node that said WAIT for the announced time, bounded', () => {
    let now = 0;
    const pool = new NodePool(['ws://a', 'ws://b'], () => now);
    pool.markFull('ws://a', 0.5);
    expect(pool.candidates()).toEqual(['ws://b']);
    now = 29_000;
    expect(pool.candidates()).toEqual(['ws://b']);
    now = 30_001;
    expect(pool.candidates()).toEqual(['ws://a', 'ws://b']);
    pool.markFull('ws://b', 999);
    now += 120_001;
    expect(pool.candidates()).toContain('ws://b');
  });
});
