import type { Config, ProviderName } from '../config.js';
import type { Logger } from '../lib/logger.js';
import { DeepgramTranscriber } from './deepgram/deepgram-transcriber.js';
import { FailoverTranscriber } from './failover/failover-transcriber.js';
import { LocalTranscriber } from './local/local-transcriber.js';
import type { StreamingTranscriber } from './streaming-transcriber.js';
import { WhisperLiveTranscriber } from './whisperlive/whisperlive-transcriber.js';

async function createProvider(name: ProviderName, config: Config, logger: Logger): Promise<StreamingTranscriber> {
  switch (name) {
    case 'local':
      return LocalTranscriber.start({
        modelDir: config.POCKETSPHINX_MODEL_DIR,
        workers: config.LOCAL_STT_WORKERS,
        maxStreams: config.LOCAL_STT_MAX_STREAMS,
        logger,
      });
    case 'deepgram':
      return new DeepgramTranscriber({
        apiKey: config.DEEPGRAM_API_KEY!,
        ...(config.DEEPGRAM_URL && { baseUrl: config.DEEPGRAM_URL }),
        model: config.DEEPGRAM_MODEL,
        maxStreams: config.DEEPGRAM_MAX_STREAMS,
        logger,
      });
    case 'whisperlive':
      return new WhisperLiveTranscriber({
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
export async function createTranscriber(config: Config, logger: Logger): Promise<FailoverTranscriber> {
  const providers: StreamingTranscriber[] = [];
  try {
    for (const name of config.sttProviders) providers.push(await createProvider(name, config, logger.child({ provider: name })));
  } catch (error) {
    await Promise.all(providers.map((provider) => provider.close()));
    throw error;
  }
  return new FailoverTranscriber(providers, logger);
}
