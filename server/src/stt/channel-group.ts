import { deinterleave } from '../lib/audio/wav.js';
import type { ProviderError } from '../lib/errors.js';
import type { EngineConnectOptions, EngineConnection } from './speech-engine.js';

/**
 * A connection for interleaved multichannel audio made of one single-channel connection per channel,
 * for engines that recognise one channel per stream (the local decoders, WhisperLive sessions): each
 * channel's events are tagged with it, the channels finish together, and the first channel to fail
 * closes the others and fails the whole connection once (the stream then moves every channel on together).
 */
export async function connectPerChannel(options: EngineConnectOptions, connectOne: (options: EngineConnectOptions) => Promise<EngineConnection>): Promise<EngineConnection> {
  if (options.channels === 1) return connectOne(options);
  const parts: EngineConnection[] = [];
  let closed = false;
  const closeAll = () => {
    closed = true;
    for (const part of parts) part.close();
  };
  const fail = (error: ProviderError) => {
    if (closed) return;
    closeAll();
    options.onClosed(error);
  };
  try {
    for (let channel = 0; channel < options.channels; channel++) {
      parts.push(
        await connectOne({ ...options, channels: 1, onTranscript: (event) => !closed && options.onTranscript({ ...event, channel }), onClosed: fail }),
      );
    }
  } catch (error) {
    closeAll();
    throw error;
  }
  return {
    send: (samples) => {
      if (closed) return;
      deinterleave(samples, parts.length).forEach((channelSamples, channel) => parts[channel]!.send(channelSamples));
    },
    finish: async () => {
      await Promise.all(parts.map((part) => part.finish()));
      closed = true;
    },
    close: closeAll,
  };
}
