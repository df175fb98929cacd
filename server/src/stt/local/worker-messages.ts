import type { TranscriptEvent } from '../streaming-transcriber.js';

/** Main thread → decoder worker. */
export type ToWorker =
  | { type: 'open'; streamId: number }
  | { type: 'audio'; streamId: number; samples: Int16Array }
  | { type: 'finish'; streamId: number }
  | { type: 'abort'; streamId: number };

/** Decoder worker → main thread. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'opened'; streamId: number }
  | { type: 'transcript'; streamId: number; event: TranscriptEvent }
  | { type: 'finished'; streamId: number }
  | { type: 'failed'; streamId?: number; message: string };

/** Data the worker is started with. */
export interface WorkerSetup {
  modelDir: string;
}
