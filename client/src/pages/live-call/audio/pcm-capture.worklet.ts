/**
 * AudioWorklet processor (runs on the audio thread): mixes the microphone to mono, resamples it to
 * the protocol's rate and posts fixed-size PCM16 frames with their level to the page, transferring
 * each buffer. It imports nothing from `shared/` (which would bundle zod into the audio thread): the
 * page passes the rate and frame size as processor options.
 */
import { FramePacker } from './frame-packer';
import { Resampler } from './resampler';

// The AudioWorkletGlobalScope is not in TypeScript's DOM library; these are the parts used here.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  constructor(options?: AudioWorkletNodeOptions);
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new (options: AudioWorkletNodeOptions) => AudioWorkletProcessor): void;

/** Name under which the page creates the node. */
export const PCM_CAPTURE_PROCESSOR = 'pcm-capture';

/** `processorOptions` of the node. */
export interface PcmCaptureOptions {
  outputRateHz: number;
  frameSamples: number;
}

/** What the processor posts for each frame. */
export interface CaptureFrameMessage {
  pcm: ArrayBuffer;
  rms: number;
  peak: number;
}

class PcmCaptureProcessor extends AudioWorkletProcessor {
  private readonly resampler: Resampler;
  private readonly packer: FramePacker;
  private mono = new Float32Array(128);

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    const { outputRateHz, frameSamples } = options.processorOptions as PcmCaptureOptions;
    this.resampler = new Resampler(sampleRate, outputRateHz);
    this.packer = new FramePacker(frameSamples);
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    const length = channels[0]!.length;
    if (this.mono.length !== length) this.mono = new Float32Array(length);
    this.mono.fill(0);
    for (const channel of channels) for (let i = 0; i < length; i++) this.mono[i]! += channel[i]! / channels.length;
    for (const frame of this.packer.push(this.resampler.process(this.mono))) {
      const message: CaptureFrameMessage = { pcm: frame.pcm.buffer as ArrayBuffer, rms: frame.rms, peak: frame.peak };
      this.port.postMessage(message, [message.pcm]);
    }
    // Keep running while the node is connected, even through silence.
    return true;
  }
}

registerProcessor(PCM_CAPTURE_PROCESSOR, PcmCaptureProcessor);
