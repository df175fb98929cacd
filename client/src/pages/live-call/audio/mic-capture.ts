import { AUDIO_SAMPLE_RATE_HZ } from '@call-assist/shared';
import workletUrl from './pcm-capture.worklet.ts?worker&url';
import type { CaptureFrameMessage, PcmCaptureOptions } from './pcm-capture.worklet';

/** Must match PCM_CAPTURE_PROCESSOR in the worklet (importing it here would run the worklet module). */
const PROCESSOR_NAME = 'pcm-capture';
/** 100 ms frames: small enough for low latency, large enough to keep the socket calm. */
const CAPTURE_OPTIONS: PcmCaptureOptions = { outputRateHz: AUDIO_SAMPLE_RATE_HZ, frameSamples: AUDIO_SAMPLE_RATE_HZ / 10 };

export interface CapturedFrame {
  /** 100 ms of 16 kHz mono PCM16. */
  pcm: Int16Array;
  rms: number;
  peak: number;
}

export interface MicCapture {
  /** The microphone's name, for the rep to check the right one is used. */
  deviceLabel: string;
  stop(): Promise<void>;
}

/** Why the microphone could not be used, in words for the rep. */
export class MicCaptureError extends Error {
  override name = 'MicCaptureError';
}

/**
 * Opens the microphone and streams it through the PCM capture worklet. Call from a user gesture
 * (a click), so the AudioContext is allowed to start.
 */
export async function startMicCapture(onFrame: (frame: CapturedFrame) => void): Promise<MicCapture> {
  if (!navigator.mediaDevices?.getUserMedia) throw new MicCaptureError('This browser cannot capture audio here (a secure https:// page is needed).');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      video: false,
    });
  } catch (error) {
    throw new MicCaptureError(describeMediaError(error));
  }
  const context = new AudioContext({ latencyHint: 'interactive' });
  try {
    await context.audioWorklet.addModule(workletUrl);
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, PROCESSOR_NAME, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      channelCount: 1,
      channelCountMode: 'explicit',
      processorOptions: CAPTURE_OPTIONS,
    });
    node.port.onmessage = (event: MessageEvent<CaptureFrameMessage>) => {
      onFrame({ pcm: new Int16Array(event.data.pcm), rms: event.data.rms, peak: event.data.peak });
    };
    // A silent path to the output keeps the graph pulling audio through the worklet in every browser.
    const silence = context.createGain();
    silence.gain.value = 0;
    source.connect(node).connect(silence).connect(context.destination);
    if (context.state !== 'running') await context.resume();
    const track = stream.getAudioTracks()[0];
    return {
      deviceLabel: track?.label || 'microphone',
      async stop() {
        node.port.onmessage = null;
        source.disconnect();
        node.disconnect();
        for (const t of stream.getTracks()) t.stop();
        await context.close();
      },
    };
  } catch (error) {
    for (const t of stream.getTracks()) t.stop();
    await context.close().catch(() => {});
    throw new MicCaptureError(`Could not start audio processing: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function describeMediaError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Microphone access was refused. Allow the microphone for this site and try again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found. Plug one in and try again.';
    case 'NotReadableError':
      return 'The microphone is in use by another application or could not be opened.';
    default:
      return `Could not open the microphone${error instanceof Error && error.message ? `: ${error.message}` : '.'}`;
  }
}
