/**
 * AudioWorklet processor (runs on the audio thread): each input (the microphone; and the caller's
 * audio, a browser tab or a second device) is mixed to mono, resampled to the protocol's rate and
 * packed, interleaved one input per channel, into fixed-size PCM16 frames posted to the page with
 * each channel's level, transferring each buffer. It imports nothing from `shared/` (which would
 * bundle zod into the audio thread): the page passes the rate and frame size as processor options.
 */
import { FramePacker } from './frame-packer';
import { Resampler } from '@call-assist/shared/audio';

// The AudioWorkletGlobalScope is not in TypeScript's DOM library; these are the parts used here.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  constructor(options?: AudioWorkletNodeOptions);
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new (options: AudioWorkletNodeOptions) => AudioWorkletProcessor): void;

/** Name under which the page creates the node. */
export const PCM_CAPTURE_PROCESSOR = 'pcm-capture';

/** `processorOptions` of the node; its `numberOfInputs` is the number of channels. */
export interface PcmCaptureOptions {
  outputRateHz: number;
  frameSamples: number;
}

/** What the processor posts for each frame. */
export interface CaptureFrameMessage {
  pcm: ArrayBuffer;
  rms: number[];
  peak: number[];
}

/** The render quantum: inputs that are not connected (yet, or any more) are silence of this length. */
const QUANTUM = 128;

class PcmCaptureProcessor extends AudioWorkletProcessor {
  private readonly resamplers: Resampler[];
  private readonly packer: FramePacker;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    const { outputRateHz, frameSamples } = options.processorOptions as PcmCaptureOptions;
    const inputs = options.numberOfInputs ?? 1;
    this.resamplers = Array.from({ length: inputs }, () => new Resampler(sampleRate, outputRateHz));
    this.packer = new FramePacker(frameSamples, inputs);
  }

  process(inputs: Float32Array[][]): boolean {
    // Every input gives the same number of samples at the same rate, so the channels stay aligned.
    const blocks = this.resamplers.map((resampler, index) => resampler.process(mono(inputs[index] ?? [])));
    for (const frame of this.packer.push(...blocks)) {
      const message: CaptureFrameMessage = { pcm: frame.pcm.buffer as ArrayBuffer, rms: frame.rms, peak: frame.peak };
      this.port.postMessage(message, [message.pcm]);
    }
    // Keep running while the node is connected, even through silence.
    return true;
  }
}

/** One input's channels mixed to mono (silence when nothing is connected to it). */
function mono(channels: Float32Array[]): Float32Array {
  const length = channels[0]?.length ?? QUANTUM;
  const out = new Float32Array(length);
  for (const channel of channels) for (let i = 0; i < length; i++) out[i]! += channel[i]! / channels.length;
  return out;
}

registerProcessor(PCM_CAPTURE_PROCESSOR, PcmCaptureProcessor);
