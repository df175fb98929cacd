import type { Config, ProviderName } from '../config.js';
import type { Logger } from '../lib/logger.js';
import { DeepgramEngine } from './deepgram/deepgram-engine.js';
import { LocalEngine } from './local/local-engine.js';
import type { SpeechEngine } from './speech-engine.js';
import { SpeechTranscriber } from './speech-transcriber.js';
import { WhisperLiveEngine } from './whisperlive/whisperlive-engine.js';

async function createEngine(name: ProviderName, config: Config, logger: Logger): Promise<SpeechEngine> {
  switch (name) {
    case 'local':
      return LocalEngine.start({
        modelDir: config.POCKETSPHINX_MODEL_DIR,
        workers: config.LOCAL_STT_WORKERS,
        maxStreams: config.LOCAL_STT_MAX_STREAMS,
        logger,
      });
    case 'deepgram':
      return new DeepgramEngine({
        apiKey: config.DEEPGRAM_API_KEY!,
        ...(config.DEEPGRAM_URL && { baseUrl: config.DEEPGRAM_URL }),
        model: config.DEEPGRAM_MODEL,
        maxStreams: config.DEEPGRAM_MAX_STREAMS,
        logger,
      });
    case 'whisperlive':
      return new WhisperLiveEngine({
        urls: config.WHISPERLIVE_URLS!,
        apiKey: config.WHISPERLIVE_API_KEY,
        model: config.WHISPERLIVE_MODEL,
        language: config.WHISPERLIVE_LANGUAGE === 'auto' ? null : config.WHISPERLIVE_LANGUAGE,
        int16: config.WHISPERLIVE_INT16,
        readyTimeoutMs: config.WHISPERLIVE_READY_TIMEOUT_MS,
        logger,
      });
    default:
      return name satisfies never;
  }
}

/** The configured engines in failover order (STT_PROVIDERS), behind one StreamingTranscriber. */
export async function createTranscriber(config: Config, logger: Logger): Promise<SpeechTranscriber> {
  const engines: SpeechEngine[] = [];
  try {
    for (const name of config.sttProviders) engines.push(await createEngine(name, config, logger.child({ provider: name })));
  } catch (error) {
    await Promise.all(engines.map((engine) => engine.close()));
    throw error;
  }
  return SpeechTranscriber.of(engines, logger);
}
