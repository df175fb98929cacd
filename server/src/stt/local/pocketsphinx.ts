import koffi from 'koffi';

/** Where Debian's `pocketsphinx-en-us` package puts the US English model. */
export const DEBIAN_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

/** PocketSphinx runs its front end at 100 frames per second. */
const MS_PER_FRAME = 10;

export interface RecognizedWord {
  word: string;
  startMs: number;
  endMs: number;
}

interface Binding {
  psArgs: () => unknown;
  cmdLnInit: (...args: unknown[]) => unknown;
  psInit: (config: unknown) => unknown;
  psFree: (ps: unknown) => number;
  psStartStream: (ps: unknown) => number;
  psStartUtt: (ps: unknown) => number;
  psEndUtt: (ps: unknown) => number;
  psProcessRaw: (ps: unknown, data: Int16Array, samples: number, noSearch: number, fullUtt: number) => number;
  psGetHyp: (ps: unknown, score: null) => string | null;
  psGetInSpeech: (ps: unknown) => number;
  psSegIter: (ps: unknown) => unknown;
  psSegNext: (seg: unknown) => unknown;
  psSegWord: (seg: unknown) => string;
  psSegFrames: (seg: unknown, sf: number[], ef: number[]) => void;
}

let binding: Binding | undefined;

/** Loads libpocketsphinx (Debian libpocketsphinx3) once per thread. */
function loadBinding(): Binding {
  if (binding) return binding;
  koffi.load('libsphinxbase.so.3');
  const lib = koffi.load('libpocketsphinx.so.3');
  binding = {
    psArgs: lib.func('void *ps_args()'),
    cmdLnInit: lib.func('void *cmd_ln_init(void *inout, void *defn, int strict, ...)'),
    psInit: lib.func('void *ps_init(void *config)'),
    psFree: lib.func('int ps_free(void *ps)'),
    psStartStream: lib.func('int ps_start_stream(void *ps)'),
    psStartUtt: lib.func('int ps_start_utt(void *ps)'),
    psEndUtt: lib.func('int ps_end_utt(void *ps)'),
    psProcessRaw: lib.func('int ps_process_raw(void *ps, const int16_t *data, size_t n, int no_search, int full_utt)'),
    psGetHyp: lib.func('const char *ps_get_hyp(void *ps, void *score)'),
    psGetInSpeech: lib.func('uint8_t ps_get_in_speech(void *ps)'),
    psSegIter: lib.func('void *ps_seg_iter(void *ps)'),
    psSegNext: lib.func('void *ps_seg_next(void *seg)'),
    psSegWord: lib.func('const char *ps_seg_word(void *seg)'),
    psSegFrames: lib.func('void ps_seg_frames(void *seg, _Out_ int *sf, _Out_ int *ef)'),
  };
  return binding;
}

/** Fillers and markers PocketSphinx puts in segmentations; never shown to users. */
function isSpokenWord(word: string): boolean {
  return !(word.startsWith('<') || word.startsWith('[') || word.startsWith('++'));
}

/** `word(2)` is the dictionary's second pronunciation of `word`. */
function stripVariant(word: string): string {
  const paren = word.indexOf('(');
  return paren > 0 ? word.slice(0, paren) : word;
}

/**
 * One PocketSphinx decoder: expensive to create (it loads the language model), cheap to reuse, so
 * callers pool it. Not thread-safe: one decoder belongs to one worker thread.
 */
export class PocketSphinxDecoder {
  private readonly ps: unknown;
  private readonly lib: Binding;

  constructor(modelDir: string = DEBIAN_MODEL_DIR) {
    this.lib = loadBinding();
    const args: unknown[] = [];
    const set = (name: string, value: string) => args.push('str', name, 'str', value);
    set('-hmm', `${modelDir}/en-us`);
    set('-lm', `${modelDir}/en-us.lm.bin`);
    set('-dict', `${modelDir}/cmudict-en-us.dict`);
    set('-logfn', '/dev/null');
    const config = this.lib.cmdLnInit(null, this.lib.psArgs(), 1, ...args, 'void *', null);
    if (!config) throw new Error(`PocketSphinx rejected its configuration (model dir ${modelDir})`);
    this.ps = this.lib.psInit(config);
    if (!this.ps) throw new Error(`PocketSphinx could not load the model in ${modelDir}`);
  }

  /** Resets the stream clock: word times of later utterances count from here (a new call). */
  startStream(): void {
    if (this.lib.psStartStream(this.ps) < 0) throw new Error('ps_start_stream failed');
  }

  startUtterance(): void {
    if (this.lib.psStartUtt(this.ps) < 0) throw new Error('ps_start_utt failed');
  }

  endUtterance(): void {
    if (this.lib.psEndUtt(this.ps) < 0) throw new Error('ps_end_utt failed');
  }

  process(samples: Int16Array): void {
    if (this.lib.psProcessRaw(this.ps, samples, samples.length, 0, 0) < 0) throw new Error('ps_process_raw failed');
  }

  /** Voice activity as PocketSphinx's own VAD sees it after the last `process`. */
  inSpeech(): boolean {
    return this.lib.psGetInSpeech(this.ps) !== 0;
  }

  hypothesis(): string {
    return (this.lib.psGetHyp(this.ps, null) ?? '').trim();
  }

  /** Word segmentation of the current utterance, times from the start of the stream. */
  words(): RecognizedWord[] {
    const words: RecognizedWord[] = [];
    const sf = [0];
    const ef = [0];
    for (let seg = this.lib.psSegIter(this.ps); seg; seg = this.lib.psSegNext(seg)) {
      const word = this.lib.psSegWord(seg);
      if (!isSpokenWord(word)) continue;
      this.lib.psSegFrames(seg, sf, ef);
      words.push({ word: stripVariant(word), startMs: sf[0]! * MS_PER_FRAME, endMs: (ef[0]! + 1) * MS_PER_FRAME });
    }
    return words;
  }

  free(): void {
    this.lib.psFree(this.ps);
  }
}
