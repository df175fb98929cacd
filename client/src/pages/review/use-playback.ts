import { useCallback, useEffect, useState } from 'react';

/** The player's position is shown to the nearest step: enough for lines and markers, few renders. */
const POSITION_STEP_MS = 100;

export interface Playback {
  /** Where the player is, in call-audio ms (undefined until it has been played or sought). */
  positionMs: number | undefined;
  playing: boolean;
  /** The recording's length as the player reads it (undefined until its metadata arrives). */
  durationMs: number | undefined;
  /** Moves the player to `ms` and plays from there (a click on a line or a card wants to hear it). */
  seek(ms: number): void;
}

/**
 * Follows an `<audio>` element (from a callback ref: it may mount later): its position (every
 * animation frame while playing, so the current transcript line changes on time), whether it
 * plays, and its length.
 */
export function usePlayback(element: HTMLAudioElement | null): Playback {
  const [positionMs, setPositionMs] = useState<number | undefined>(undefined);
  const [playing, setPlaying] = useState(false);
  const [durationMs, setDurationMs] = useState<number | undefined>(undefined);

  useEffect(() => {
    if (!element) return;
    let frame = 0;
    const read = () => setPositionMs(Math.floor((element.currentTime * 1000) / POSITION_STEP_MS) * POSITION_STEP_MS);
    const tick = () => {
      read();
      frame = requestAnimationFrame(tick);
    };
    const onPlay = () => {
      setPlaying(true);
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(tick);
    };
    const onStop = () => {
      setPlaying(false);
      cancelAnimationFrame(frame);
      read();
    };
    const onDuration = () => setDurationMs(Number.isFinite(element.duration) ? element.duration * 1000 : undefined);
    const listeners: [string, () => void][] = [
      ['play', onPlay],
      ['pause', onStop],
      ['ended', onStop],
      ['seeked', read],
      ['timeupdate', read],
      ['loadedmetadata', onDuration],
      ['durationchange', onDuration],
    ];
    for (const [event, listener] of listeners) element.addEventListener(event, listener);
    onDuration();
    return () => {
      cancelAnimationFrame(frame);
      for (const [event, listener] of listeners) element.removeEventListener(event, listener);
    };
  }, [element]);

  const seek = useCallback(
    (ms: number) => {
      if (!element) return;
      element.currentTime = ms / 1000;
      setPositionMs(ms);
      // Playback may be refused (no audio device, a browser policy): the position still moved.
      element.play().catch(() => undefined);
    },
    [element],
  );
  return { positionMs, playing, durationMs, seek };
}
