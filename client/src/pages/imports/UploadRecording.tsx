import { useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { errorMessage } from '../../api/http';
import { uploadRecording } from '../../api/upload';
import { Button } from '../../ui/Button';
import { InlineError } from '../../ui/feedback';
import { ProgressBar } from '../../ui/ProgressBar';
import { toastSuccess } from '../../ui/toasts';

/** One recording from this computer becomes a call (transcribed and analysed); its page opens after. */
export function UploadRecording() {
  const [, navigate] = useLocation();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<string>();
  const controller = useRef<AbortController>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError('Choose a recording first.');
      input.current?.focus();
      return;
    }
    setError(undefined);
    setProgress(0);
    controller.current = new AbortController();
    try {
      const uploaded = await uploadRecording(file, setProgress, controller.current.signal);
      toastSuccess(`Uploaded “${file.name}”: it is being analysed`);
      navigate(`/calls/${uploaded.callId}`);
    } catch (failure) {
      if (!controller.current.signal.aborted) setError(`Could not upload “${file.name}”: ${errorMessage(failure)}`);
      setProgress(undefined);
    }
  };
  const uploading = progress !== undefined;
  return (
    <form className="panel upload-form" aria-labelledby="upload-title" onSubmit={(event) => void submit(event)}>
      <h2 id="upload-title">Upload one recording</h2>
      <div className="field">
        <label htmlFor="upload-file">Recording</label>
        <input
          id="upload-file"
          ref={input}
          type="file"
          accept="audio/*,.wav,.mp3,.m4a,.ogg,.flac,.webm"
          aria-describedby="upload-hint"
          disabled={uploading}
          onChange={(event) => {
            setFile(event.target.files?.[0]);
            setError(undefined);
          }}
        />
        <p className="field-hint" id="upload-hint">
          WAV, MP3, M4A, OGG, FLAC or WebM, up to 500 MB. A stereo file keeps one party per channel.
        </p>
      </div>
      {uploading && <ProgressBar label="Upload progress" percent={progress * 100} />}
      {progress === 1 && <p className="muted-text small-text">Checking the recording…</p>}
      <InlineError>{error}</InlineError>
      <div className="row row-wrap">
        <Button type="submit" variant="primary" busy={uploading}>
          Upload
        </Button>
        {uploading && <Button onClick={() => controller.current?.abort()}>Cancel upload</Button>}
      </div>
    </form>
  );
}
