import { pino } from 'pino';
import { LocalEngine } from '../../src/stt/local/local-engine.js';
import { DEBIAN_MODEL_DIR } from '../../src/stt/local/pocketsphinx.js';
import type { SpeechEngine } from '../../src/stt/speech-engine.js';
import type { StreamPolicy } from '../../src/stt/speech-stream.js';
import { SpeechTranscriber } from '../../src/stt/speech-transcriber.js';

export const silentLogger = pino({ level: 'silent' });

/** The embedded PocketSphinx engine with one decoder thread. */
export const startLocalEngine = (maxStreams = 4) => LocalEngine.start({ modelDir: DEBIAN_MODEL_DIR, workers: 1, maxStreams, logger: silentLogger });

/**
 * Engines as the gateway uses them: one StreamingTranscriber over them, in this order. It shares
 * the engines, so closing them stays with the test (do not close the transcriber too).
 */
export const transcriberOf = (engines: SpeechEngine | SpeechEngine[], options: { policy?: Partial<StreamPolicy>; probeDelaysMs?: { first: number; max: number } } = {}) =>
  SpeechTranscriber.of(Array.isArray(engines) ? engines : [engines], silentLogger, options);
