import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Turn {
  speaker: 'agent' | 'caller';
  text: string;
}

export interface CorpusCall {
  id: string;
  turns: Turn[];
}

/** The labeled dev corpus lives beside the repository, in ../shared/corpus. */
export const CORPUS_FILE = fileURLToPath(new URL('../../../../shared/corpus/calls-dev.json', import.meta.url));

export function loadCorpusCall(id: string): CorpusCall {
  const { calls } = JSON.parse(readFileSync(CORPUS_FILE, 'utf8')) as { calls: CorpusCall[] };
  const call = calls.find((c) => c.id === id);
  if (!call) throw new Error(`no call ${id} in ${CORPUS_FILE}`);
  return call;
}

/** flite voices PocketSphinx recognises well: one per party. */
const VOICE = { caller: 'slt', agent: 'kal16' } as const;
export const SAMPLE_RATE_HZ = 16_000;
const CACHE_DIR = path.join(os.tmpdir(), 'call-assist-speech');

/**
 * Speaks the turns with flite (two voices), resamples to 16 kHz mono PCM16 with ffmpeg and joins
 * them with `gapMs` of silence. Cached by content, since synthesis is the slow part of many tests.
 */
export async function synthesizeTurns(turns: Turn[], gapMs = 700): Promise<Int16Array> {
  const key = createHash('sha256').update(JSON.stringify({ turns, gapMs, v: 1 })).digest('hex').slice(0, 24);
  mkdirSync(CACHE_DIR, { recursive: true });
  const cached = path.join(CACHE_DIR, `${key}.pcm`);
  if (!existsSync(cached)) {
    const work = await mkdtemp(path.join(os.tmpdir(), 'speech-'));
    try {
      const gap = new Int16Array((SAMPLE_RATE_HZ * gapMs) / 1000);
      const parts: Int16Array[] = [gap];
      for (const [index, turn] of turns.entries()) {
        const wav = path.join(work, `${index}.wav`);
        await run('flite', ['-voice', VOICE[turn.speaker], '-t', turn.text, '-o', wav]);
        const { stdout } = await run(
          'ffmpeg',
          ['-loglevel', 'error', '-i', wav, '-f', 's16le', '-acodec', 'pcm_s16le', '-ac', '1', '-ar', String(SAMPLE_RATE_HZ), 'pipe:1'],
          { encoding: 'buffer', maxBuffer: 1 << 28 },
        );
        if (stdout.length === 0) throw new Error(`ffmpeg produced no audio for turn ${index}`);
        parts.push(new Int16Array(stdout.buffer, stdout.byteOffset, stdout.length / 2).slice(), gap);
      }
      const joined = Buffer.concat(parts.map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength)));
      // Unique per write: the same process may synthesise the same turns twice at once (Promise.all).
      const temporary = `${cached}.${process.pid}.${randomUUID()}.tmp`;
      await writeFile(temporary, joined);
      renameSync(temporary, cached);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  const bytes = readFileSync(cached);
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2).slice();
}

export const durationMs = (samples: Int16Array) => (samples.length * 1000) / SAMPLE_RATE_HZ;

/** Short sentences for tests that check every sentence arrives exactly once (no gap, no duplicate). */
export const TEST_SENTENCES = [
  'Thank you for calling the clinic.',
  'Can I ask, is it safe?',
  'All of our injectors are registered nurses.',
  'What does the treatment cost?',
  'We have a payment plan.',
  'How long does it last?',
  'About three to four months.',
  'Can I come in on Thursday?',
  'Thursday at ten works.',
  'Great, see you then.',
];

/** One phrase per TEST_SENTENCES entry that PocketSphinx recognises reliably in flite speech. */
export const TEST_SENTENCE_PHRASES = ['calling the clinic', 'is it safe', 'registered nurses', 'treatment cost', 'payment plan', 'does it last', 'three to four', 'can i come in', 'works', 'see you then'];

/** The first `count` test sentences as turns, agent and caller alternating. */
export const sentenceTurns = (count = TEST_SENTENCES.length): Turn[] =>
  TEST_SENTENCES.slice(0, count).map((text, i) => ({ speaker: i % 2 ? 'caller' : 'agent', text }));

/** How often each phrase occurs in `text` (a transcript with no gap and no duplicate gives all 1). */
const occurrences = (text: string, phrases: string[]) => phrases.map((phrase) => text.split(phrase).length - 1);

export interface TimedSpeech {
  samples: Int16Array;
  /** Where each turn is spoken in `samples`, in ms. */
  spans: { startMs: number; endMs: number }[];
}

/** `synthesizeTurns` plus where each turn lies in the audio, for checking transcripts by time. */
export async function synthesizeTimedTurns(turns: Turn[], gapMs = 700): Promise<TimedSpeech> {
  const samples = await synthesizeTurns(turns, gapMs);
  const spans: { startMs: number; endMs: number }[] = [];
  let at = gapMs;
  for (const turn of turns) {
    const length = durationMs(await synthesizeTurns([turn], 0));
    spans.push({ startMs: at, endMs: at + length });
    at += length + gapMs;
  }
  if (Math.abs(at - durationMs(samples)) > 1) throw new Error(`turn spans (${at} ms) do not add up to the audio (${durationMs(samples)} ms)`);
  return { samples, spans };
}

export interface TwoChannelSpeech {
  /** Interleaved: the agent's turns on channel 0, the caller's on channel 1, silence on the other. */
  samples: Int16Array;
  spans: { startMs: number; endMs: number; channel: 0 | 1 }[];
}

/** Turns spoken one after the other, each party on its own channel (a headset call recorded in stereo). */
export async function synthesizeTwoChannelTurns(turns: Turn[], gapMs = 700): Promise<TwoChannelSpeech> {
  const voiced = await Promise.all(turns.map((turn) => synthesizeTurns([turn], 0)));
  const gap = (SAMPLE_RATE_HZ * gapMs) / 1000;
  const frames = gap + voiced.reduce((sum, turn) => sum + turn.length + gap, 0);
  const samples = new Int16Array(frames * 2);
  const spans: TwoChannelSpeech['spans'] = [];
  let at = gap;
  voiced.forEach((turn, index) => {
    const channel = turns[index]!.speaker === 'agent' ? 0 : 1;
    for (let i = 0; i < turn.length; i++) samples[(at + i) * 2 + channel] = turn[i]!;
    spans.push({ startMs: (at * 1000) / SAMPLE_RATE_HZ, endMs: ((at + turn.length) * 1000) / SAMPLE_RATE_HZ, channel });
    at += turn.length + gap;
  });
  return { samples, spans };
}

/**
 * Spans of speech no final overlaps: a gap in the transcript (audio lost at a reconnect or failover).
 * Recognition errors do not count, only missing time.
 */
function uncoveredSpans(spans: TimedSpeech['spans'], finals: { startMs: number; endMs: number }[]): number[] {
  return spans.flatMap((span, index) => (finals.some((f) => f.startMs < span.endMs && f.endMs > span.startMs) ? [] : [index]));
}

/**
 * How a transcript holds up against speech with known timing: sentences no final covers (a gap),
 * phrases heard more than once (a duplicate), how many phrases were heard once, and finals that
 * start before the previous one ended (out of order). Recognition errors only lower `recognised`.
 */
export function transcriptContinuity(spans: TimedSpeech['spans'], finals: { text: string; startMs: number; endMs: number }[], phrases: string[]) {
  const counts = occurrences(finals.map((f) => f.text).join(' '), phrases);
  return {
    uncovered: uncoveredSpans(spans, finals),
    duplicated: phrases.filter((_, i) => counts[i]! > 1),
    recognised: counts.filter((count) => count === 1).length,
    outOfOrder: finals.flatMap((final, i) => (i > 0 && final.startMs < finals[i - 1]!.endMs - 50 ? [i] : [])),
  };
}
