// Decodes whole calls with the real PocketSphinx pipeline, noting the audio position at which each
// transcript event was emitted (what a card's latency is measured from). Used by stability.ts.
import { parentPort } from 'node:worker_threads';
import { PocketSphinxDecoder } from '../server/src/stt/local/pocketsphinx.js';
import { UtteranceDecoder } from '../server/src/stt/local/utterance-decoder.js';
import type { TranscriptEvent } from '../server/src/stt/streaming-transcriber.js';

export type TimedEvent = TranscriptEvent & { atMs: number };

const decoder = new PocketSphinxDecoder();
const STEP = 1_600;

parentPort!.on('message', ({ id, samples }: { id: string; samples: Int16Array }) => {
  const events: TimedEvent[] = [];
  let atMs = 0;
  const utterances = new UtteranceDecoder(decoder, (event) => events.push({ ...event, atMs }));
  for (let offset = 0; offset < samples.length; offset += STEP) {
    atMs = Math.min(samples.length, offset + STEP) / 16;
    utterances.write(samples.subarray(offset, offset + STEP));
  }
  utterances.finish();
  parentPort!.postMessage({ id, events });
});
