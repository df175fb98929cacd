import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEngine, transcriberOf } from '../../../test/helpers/engines.js';
import { synthesizeTurns } from '../../../test/helpers/speech.js';
import type { StreamingTranscriber, TranscriptEvent } from '../streaming-transcriber.js';
import type { LocalEngine } from './local-engine.js';
import { transcriberContract } from '../streaming-transcriber.contract.js';

const turns = [
  { speaker: 'caller' as const, text: 'Okay. Can I ask, like, is it safe? Because I have heard some horror stories.' },
  { speaker: 'agent' as const, text: 'Totally fair question. All of our injectors are registered nurses.' },
];

async function transcribe(engine: StreamingTranscriber, samples: Int16Array): Promise<TranscriptEvent[]> {
  const events: TranscriptEvent[] = [];
  const errors: Error[] = [];
  const stream = await engine.open({ sampleRateHz: 16_000, keyterms: [], onTranscript: (e) => events.push(e), onError: (e) => errors.push(e) });
  for (let offset = 0; offset < samples.length; offset += 1_600) stream.write(samples.subarray(offset, offset + 1_600));
  await stream.finish();
  expect(errors).toEqual([]);
  return events;
}

describe('LocalEngine (PocketSphinx in worker threads)', () => {
  let local: LocalEngine;
  let engine: StreamingTranscriber;
  beforeAll(async () => {
    local = await startLocalEngine(2);
    engine = transcriberOf(local);
  });
  afterAll(() => local.close());

  it('streams partials and finals with monotonic times for real speech', async () => {
    const audio = await synthesizeTurns(turns);
    const events = await transcribe(engine, audio);
    const partials = events.filter((e) => e.kind === 'partial');
    const finals = events.filter((e) => e.kind === 'final');
    expect(partials.length).toBeGreaterThan(10);
    expect(finals.length).toBeGreaterThanOrEqual(2);
    const text = finals.map((f) => f.text).join(' ');
    expect(text).toMatch(/is it safe/);
    expect(text).toMatch(/because i have heard/);
    expect(text).toMatch(/registered nurses/);
    for (const [index, final] of finals.entries()) {
      expect(final.endMs).toBeGreaterThan(final.startMs);
      if (index > 0) expect(final.startMs).toBeGreaterThanOrEqual(finals[index - 1]!.endMs);
      expect(final.words?.length).toBeGreaterThan(0);
    }
    expect(finals.at(-1)!.endMs).toBeLessThanOrEqual((audio.length / 16) + 50);

    // While speech continues, a partial at least every 250 ms of audio.
    let previous: TranscriptEvent | undefined;
    for (const event of events) {
      if (event.kind === 'partial' && previous?.kind === 'partial' && event.text !== '') expect(event.endMs - previous.endMs).toBeLessThanOrEqual(250);
      previous = event;
    }
  });

  it('reuses pooled decoders: a second call starts its clock at zero', async () => {
    const audio = await synthesizeTurns(turns.slice(1));
    const first = await transcribe(engine, audio);
    const second = await transcribe(engine, audio);
    expect(second.filter((e) => e.kind === 'final').map((e) => [e.text, e.startMs])).toEqual(
      first.filter((e) => e.kind === 'final').map((e) => [e.text, e.startMs]),
    );
  });

  it('refuses a stream beyond its capacity with a clear, retryable error', async () => {
    const noop = { sampleRateHz: 16_000, keyterms: [], onTranscript: () => {}, onError: () => {} };
    const open = [await engine.open(noop), await engine.open(noop)];
    await expect(engine.open(noop)).rejects.toMatchObject({ code: 'engine_busy', retryable: true, failure: 'capacity' });
    open.forEach((stream) => stream.abort());
    const again = await engine.open(noop);
    again.abort();
  });
});

transcriberContract('local (PocketSphinx)', async () => {
  const local = await startLocalEngine(2);
  return { transcriber: transcriberOf(local), close: () => local.close() };
});
