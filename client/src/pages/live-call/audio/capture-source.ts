import { z } from 'zod';

/**
 * What the pane listens to: the microphone alone (it hears the rep only), or the microphone plus the
 * other party — a browser tab (a softphone running in Chrome: Dialpad, Aircall, Zoom Phone web…) or a
 * second input device (a USB phone adapter, a virtual cable carrying the phone audio).
 */
export const captureSourceSchema = z.object({
  kind: z.enum(['mic', 'tab', 'device']),
  /** The microphone to use (default: the system's). */
  micId: z.string().optional(),
  /** For `device`: the input that carries the caller. */
  callerId: z.string().optional(),
});
export type CaptureSource = z.infer<typeof captureSourceSchema>;

export const DEFAULT_CAPTURE_SOURCE: CaptureSource = { kind: 'mic' };

const STORAGE_KEY = 'call-assist:capture-source';

/** The source chosen last time in this browser. */
export function savedCaptureSource(): CaptureSource {
  try {
    const parsed = captureSourceSchema.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : DEFAULT_CAPTURE_SOURCE;
  } catch {
    return DEFAULT_CAPTURE_SOURCE;
  }
}

export function saveCaptureSource(source: CaptureSource): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(source));
  } catch {
    // Private mode or storage full: the choice lasts this page only.
  }
}

/** Channels a source gives the call: the microphone, and the caller where there is one. */
export const channelsOf = (source: CaptureSource): 1 | 2 => (source.kind === 'mic' ? 1 : 2);

/** The audio inputs the browser knows (names only once the site may use the microphone). */
export async function listAudioInputs(): Promise<{ id: string; label: string }[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((device) => device.kind === 'audioinput')
    .map((device, index) => ({ id: device.deviceId, label: device.label || `Input ${index + 1}` }));
}
