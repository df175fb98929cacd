import { useEffect, useState } from 'react';
import { listAudioInputs, type CaptureSource } from './audio/capture-source';

const CHOICES: { kind: CaptureSource['kind']; label: string; hint: string }[] = [
  { kind: 'mic', label: 'Me only', hint: 'The microphone: the pane hears you, not the caller.' },
  { kind: 'tab', label: 'Me + a browser tab', hint: 'The softphone running in Chrome (Dialpad, Aircall, Zoom Phone web…): share its tab with its audio.' },
  { kind: 'device', label: 'Me + another input', hint: 'A USB phone adapter or a virtual cable carrying the phone audio.' },
];

/**
 * What the pane listens to, chosen before the call (remembered in this browser): the microphone
 * alone, or the microphone and the other party, with a picker for each input.
 */
export function SourcePicker({ source, onChange }: { source: CaptureSource; onChange(source: CaptureSource): void }) {
  const [inputs, setInputs] = useState<{ id: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    const refresh = () => void listAudioInputs().then((found) => live && setInputs(found));
    refresh();
    navigator.mediaDevices?.addEventListener?.('devicechange', refresh);
    return () => {
      live = false;
      navigator.mediaDevices?.removeEventListener?.('devicechange', refresh);
    };
  }, []);
  const choice = CHOICES.find((c) => c.kind === source.kind)!;
  return (
    <fieldset className="source-picker">
      <legend>Hear</legend>
      <div className="source-choices" role="radiogroup">
        {CHOICES.map((c) => (
          <label key={c.kind} className={`source-choice${c.kind === source.kind ? ' source-choice-on' : ''}`}>
            <input type="radio" name="capture-source" value={c.kind} checked={c.kind === source.kind} onChange={() => onChange({ ...source, kind: c.kind })} />
            {c.label}
          </label>
        ))}
      </div>
      <p className="muted-text small-text">{choice.hint}</p>
      {inputs.length > 0 && (
        <div className="source-devices">
          <label>
            Microphone
            <select value={source.micId ?? ''} onChange={(event) => onChange({ ...source, micId: event.target.value || undefined })}>
              <option value="">System default</option>
              {inputs.map((input) => (
                <option key={input.id} value={input.id}>
                  {input.label}
                </option>
              ))}
            </select>
          </label>
          {source.kind === 'device' && (
            <label>
              Caller's input
              <select value={source.callerId ?? ''} onChange={(event) => onChange({ ...source, callerId: event.target.value || undefined })}>
                <option value="">Choose the input…</option>
                {inputs.map((input) => (
                  <option key={input.id} value={input.id}>
                    {input.label}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}
    </fieldset>
  );
}
