import { parentPort, workerData } from 'node:worker_threads';
import { PocketSphinxDecoder } from './pocketsphinx.js';
import { UtteranceDecoder } from './utterance-decoder.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.js';

/**
 * A worker thread hosting PocketSphinx decoders. Decoders load the language model (~0.6 s, tens of
 * MB), so they are kept and reused call after call instead of being created per call.
 */
const { modelDir } = workerData as WorkerSetup;
const port = parentPort!;
const idle: PocketSphinxDecoder[] = [];
const streams = new Map<number, { decoder: PocketSphinxDecoder; utterances: UtteranceDecoder }>();

const post = (message: FromWorker) => port.postMessage(message);

function release(streamId: number): void {
  const stream = streams.get(streamId);
  if (!stream) return;
  streams.delete(streamId);
  idle.push(stream.decoder);
}

function handle(message: ToWorker): void {
  const { streamId } = message;
  switch (message.type) {
    case 'open': {
      const decoder = idle.pop() ?? new PocketSphinxDecoder(modelDir);
      const utterances = new UtteranceDecoder(decoder, (event) => post({ type: 'transcript', streamId, event }));
      streams.set(streamId, { decoder, utterances });
      post({ type: 'opened', streamId });
      return;
    }
    case 'audio':
      streams.get(streamId)?.utterances.write(message.samples);
      return;
    case 'finish':
      streams.get(streamId)?.utterances.finish();
      release(streamId);
      post({ type: 'finished', streamId });
      return;
    case 'abort':
      streams.get(streamId)?.utterances.abandon();
      release(streamId);
      return;
    default:
      message satisfies never;
  }
}

port.on('message', (message: ToWorker) => {
  try {
    handle(message);
  } catch (error) {
    // A decoder that failed mid-utterance is in an unknown state: drop it rather than reuse it.
    streams.delete(message.streamId);
    post({ type: 'failed', streamId: message.streamId, message: error instanceof Error ? error.message : String(error) });
  }
});

// Load one decoder up front so a missing model fails at start-up, not on the first call.
try {
  idle.push(new PocketSphinxDecoder(modelDir));
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
