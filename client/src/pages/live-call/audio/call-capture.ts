import { AUDIO_SAMPLE_RATE_HZ } from '@call-assist/shared';
import { channelsOf, type CaptureSource } from './capture-source';
import workletUrl from './pcm-capture.worklet.ts?worker&url';
import type { CaptureFrameMessage, PcmCaptureOptions } from './pcm-capture.worklet';

/** Must match PCM_CAPTURE_PROCESSOR in the worklet (importing it here would run the worklet module). */
const PROCESSOR_NAME = 'pcm-capture';
/** 100 ms frames: small enough for low latency, large enough to keep the socket calm. */
const CAPTURE_OPTIONS: PcmCaptureOptions = { outputRateHz: AUDIO_SAMPLE_RATE_HZ, frameSamples: AUDIO_SAMPLE_RATE_HZ / 10 };

export interface CapturedFrame {
  /** 100 ms of 16 kHz PCM16, interleaved: channel 0 the microphone, channel 1 the caller (when captured). */
  pcm: Int16Array;
  /** Per channel. */
  rms: number[];
  peak: number[];
}

export interface CallCapture {
  /** 1: the microphone; 2: the microphone and the caller. */
  channels: 1 | 2;
  /** The inputs' names, for the rep to check the right ones are used. */
  labels: { mic: string; caller?: string };
  stop(): Promise<void>;
}

/** Why the audio could not be captured, in words for the rep. */
export class CaptureError extends Error {
  override name = 'CaptureError';
}

/**
 * Opens the microphone (echo cancellation on) and, for a two-party source, the caller's audio (a
 * browser tab's audio, or a second input; no echo cancellation: it is the far end already), and
 * streams both through the PCM capture worklet, interleaved one per channel. Call from a user gesture
 * (a click), so the AudioContext may start and the tab picker may open.
 */
export async function startCallCapture(source: CaptureSource, onFrame: (frame: CapturedFrame) => void, events: { onCallerEnded?(): void } = {}): Promise<CallCapture> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CaptureError('This browser cannot capture audio here (a secure https:// page is needed).');
  const streams: MediaStream[] = [];
  const stopAll = () => streams.forEach((stream) => stream.getTracks().forEach((track) => track.stop()));
  let context: AudioContext | undefined;
  try {
    const mic = await openMicrophone(source.micId);
    streams.push(mic);
    const caller = source.kind === 'tab' ? await openTab() : source.kind === 'device' ? await openCallerInput(source.callerId) : undefined;
    if (caller) streams.push(caller);
    context = new AudioContext({ latencyHint: 'interactive' });
    await context.audioWorklet.addModule(workletUrl);
    const channels = channelsOf(source);
    const node = new AudioWorkletNode(context, PROCESSOR_NAME, { numberOfInputs: channels, numberOfOutputs: 1, processorOptions: CAPTURE_OPTIONS });
    node.port.onmessage = (event: MessageEvent<CaptureFrameMessage>) => onFrame({ pcm: new Int16Array(event.data.pcm), rms: event.data.rms, peak: event.data.peak });
    // Input 0 (channel 0) the microphone, input 1 the caller.
    const inputs = (caller ? [mic, caller] : [mic]).map((stream, input) => {
      const sourceNode = context!.createMediaStreamSource(stream);
      sourceNode.connect(node, 0, input);
      return sourceNode;
    });
    // A silent path to the output keeps the graph pulling audio through the worklet in every browser.
    const silence = context.createGain();
    silence.gain.value = 0;
    node.connect(silence).connect(context.destination);
    if (context.state !== 'running') await context.resume();
    caller?.getAudioTracks()[0]?.addEventListener('ended', () => events.onCallerEnded?.());
    const opened = context;
    return {
      channels,
      labels: { mic: mic.getAudioTracks()[0]?.label || 'microphone', ...(caller && { caller: caller.getAudioTracks()[0]?.label || (source.kind === 'tab' ? 'browser tab' : 'second input') }) },
      async stop() {
        node.port.onmessage = null;
        for (const input of inputs) input.disconnect();
        node.disconnect();
        stopAll();
        await opened.close();
      },
    };
  } catch (error) {
    stopAll();
    await context?.close().catch(() => {});
    if (error instanceof CaptureError) throw error;
    throw new CaptureError(`Could not start audio processing: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function openMicrophone(deviceId: string | undefined): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: { ...(deviceId && { deviceId: { exact: deviceId } }), channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      video: false,
    });
  } catch (error) {
    throw new CaptureError(describeMediaError(error, 'microphone'));
  }
}

/** The caller on a second input: the far end as it is (no echo cancellation or gain control). */
async function openCallerInput(deviceId: string | undefined): Promise<MediaStream> {
  if (!deviceId) throw new CaptureError('Choose the input that carries the caller (the phone adapter or virtual cable) before the call.');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: { deviceId: { exact: deviceId }, channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      video: false,
    });
  } catch (error) {
    throw new CaptureError(describeMediaError(error, "caller's input"));
  }
}

/** A browser tab's audio (the softphone). The browser insists on video too: it is stopped at once. */
async function openTab(): Promise<MediaStream> {
  if (!navigator.mediaDevices.getDisplayMedia) throw new CaptureError('This browser cannot share a tab: use Chrome or Edge, or choose "Me + another input".');
  let shared: MediaStream;
  try {
    shared = await navigator.mediaDevices.getDisplayMedia({
      video: true,
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      // Chrome: offer tabs, with their audio, and not this pane's own tab.
      ...({ preferCurrentTab: false, selfBrowserSurface: 'exclude', systemAudio: 'include' } as object),
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'AbortError') throw new CaptureError('Tab sharing was cancelled: share the tab your softphone runs in to let the pane hear the caller.');
    throw new CaptureError(`Could not share a tab${error instanceof Error && error.message ? `: ${error.message}` : '.'}`);
  }
  for (const track of shared.getVideoTracks()) {
    track.stop();
    shared.removeTrack(track);
  }
  if (shared.getAudioTracks().length === 0) {
    throw new CaptureError('The shared tab sends no audio: share it again with "Also share tab audio" switched on.');
  }
  return shared;
}

function describeMediaError(error: unknown, what: string): string {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Access to the ${what} was refused. Allow the microphone for this site and try again.`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return `The ${what} was not found. Plug it in, or choose another, and try again.`;
    case 'NotReadableError':
      return `The ${what} is in use by another application or could not be opened.`;
    default:
      return `Could not open the ${what}${error instanceof Error && error.message ? `: ${error.message}` : '.'}`;
  }
}
