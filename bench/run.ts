/**
 * `npm run bench` — matcher benchmarks, each printed with the baseline measured in the same run.
 * `npm run bench -- --json` prints one JSON object per line: {name, value, unit, baseline?, ratio?}.
 * `npm run bench -- --stability` measures the partial-transcript stability rules instead (stability.ts).
 *
 * 1. Throughput: 10,000 phrases over >= 10 MiB of transcript-like text (the dev corpus' turns,
 *    shuffled). Ours = PhraseAutomaton.count (normalisation + whole-word matching included);
 *    baseline = modern-ahocorasick count() on the lower-cased text (character-level, no word
 *    boundaries: it does less work and finds more, including matches inside words).
 * 2. One partial update on a 5-minute transcript: ours = CardTrigger.onPartial (only the open
 *    utterance is rescanned, from its first changed token); baseline = rescanning the whole
 *    transcript so far on every partial, the naive approach.
 * 3. The gateway's share of speech → card (engine event → card frame written to the rep's socket),
 *    with Redis configured: ours = the call's room sending to its sockets directly; baseline = the
 *    earlier path through a Redis round trip (rep-path.ts). Skipped when no Redis answers.
 */
import { readFileSync } from 'node:fs';
import AhoCorasick from 'modern-ahocorasick';
import { CardTrigger, PhraseAutomaton, RuleSet, type TalkingPointRule } from '@call-assist/shared';
import { CORPUS_FILE, type CorpusCall } from '../server/test/helpers/speech.js';
import { repPathBench } from './rep-path.js';
import { stabilityReport } from './stability.js';

interface Result {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

const json = process.argv.includes('--json');
const MiB = 1024 * 1024;

/** Deterministic PRNG so every run measures the same text and phrases. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed * 1_664_525 + 1_013_904_223) >>> 0;
    return seed / 2 ** 32;
  };
}

const random = prng(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const turns = (JSON.parse(readFileSync(CORPUS_FILE, 'utf8')) as { calls: CorpusCall[] }).calls.flatMap((call) => call.turns.map((turn) => turn.text));
const words = turns.flatMap((turn) => turn.toLowerCase().match(/[a-z']+/g) ?? []);

function transcriptText(minBytes: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < minBytes) {
    const turn = pick(turns);
    parts.push(turn);
    size += turn.length + 1;
  }
  return parts.join('\n');
}

/** Phrases of 1–3 consecutive corpus words (so they really occur) plus made-up ones that never do. */
function phrases(count: number): string[] {
  const unique = new Set<string>();
  while (unique.size < count) {
    if (random() < 0.8) {
      const start = Math.floor(random() * (words.length - 3));
      unique.add(words.slice(start, start + 1 + Math.floor(random() * 3)).join(' '));
    } else {
      unique.add(`${pick(words)}${Math.floor(random() * 1000)} ${pick(words)}`);
    }
  }
  return [...unique];
}

/** Best of `runs` after one warm-up, in ms. */
function time(runs: number, fn: () => unknown): number {
  fn();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function throughput(): Result[] {
  const text = transcriptText(10 * MiB);
  const lowered = text.toLowerCase();
  const mib = Buffer.byteLength(text) / MiB;
  const patterns = phrases(10_000);
  let automaton!: PhraseAutomaton;
  const buildMs = time(3, () => (automaton = new PhraseAutomaton(patterns)));
  const baselineMatcher = new AhoCorasick(patterns.map((p) => p.toLowerCase()));
  let ourCount = 0;
  let theirCount = 0;
  const ours = mib / (time(3, () => (ourCount = automaton.count(text))) / 1000);
  const theirs = mib / (time(3, () => (theirCount = baselineMatcher.count(lowered))) / 1000);
  if (!json) console.log(`  text ${mib.toFixed(1)} MiB, ${patterns.length} phrases; occurrences: ours ${ourCount} (whole words), baseline ${theirCount} (substrings)`);
  return [
    { name: 'matcher.throughput', value: round(ours), unit: 'MiB/s', baseline: round(theirs), ratio: round(ours / theirs) },
    { name: 'matcher.build_10k_phrases', value: round(buildMs), unit: 'ms' },
  ];
}

function partialUpdate(): Result[] {
  // 5 minutes at ~150 words a minute: 750 words in utterances of 10–20 words, then one open utterance.
  const talkingPoints: TalkingPointRule[] = phrases(200).map((phrase, i) => ({
    id: `tp${i}`, title: phrase, body: '', phrases: [phrase], speaker: 'any', cooldownMs: null, priority: 0, enabled: true,
  }));
  const rules = new RuleSet(1, talkingPoints);
  const utterances: string[] = [];
  let wordCount = 0;
  while (wordCount < 750) {
    const length = 10 + Math.floor(random() * 11);
    utterances.push(Array.from({ length }, () => pick(words)).join(' '));
    wordCount += length;
  }
  const finals = utterances.slice(0, -1);
  const open = utterances.at(-1)!.split(' ');
  const partials = open.map((_, i) => open.slice(0, i + 1).join(' '));

  const repeats = 200;
  const ours = time(3, () => {
    for (let r = 0; r < repeats; r++) {
      const trigger = new CardTrigger(rules, 'next-update');
      for (const partial of partials) trigger.onPartial({ text: partial, audioMs: 0 });
    }
  }) / (repeats * partials.length);
  const history = finals.join(' ');
  const baseline = time(3, () => {
    for (let r = 0; r < repeats; r++) for (const partial of partials) rules.automaton.findAll(`${history} ${partial}`);
  }) / (repeats * partials.length);
  return [{ name: 'matcher.partial_update_5min', value: round(ours * 1000), unit: 'µs', baseline: round(baseline * 1000), ratio: round(ours / baseline) }];
}

const round = (value: number) => Math.round(value * 1000) / 1000;

if (process.argv.includes('--stability')) {
  if (!json) console.log('Partial-transcript stability rules on the dev corpus (flite speech, local engine)');
  await stabilityReport(json);
  process.exit(0);
}

async function repPath(): Promise<Result[]> {
  const measured = await repPathBench();
  if (!measured) {
    if (!json) console.log('  (no Redis at REDIS_URL or 127.0.0.1:6379: the rep-path benchmark is skipped)');
    return [];
  }
  return [
    { name: 'gateway.event_to_card_p50', value: round(measured.oursP50Us), unit: 'µs', baseline: round(measured.baselineP50Us), ratio: round(measured.oursP50Us / measured.baselineP50Us) },
    { name: 'gateway.event_to_card_p95', value: round(measured.oursP95Us), unit: 'µs', baseline: round(measured.baselineP95Us), ratio: round(measured.oursP95Us / measured.baselineP95Us) },
  ];
}

if (!json) console.log('Benchmarks (ratio = ours / baseline measured in this run)');
for (const result of [...throughput(), ...partialUpdate(), ...(await repPath())]) {
  if (json) console.log(JSON.stringify(result));
  else {
    const against = result.baseline === undefined ? '' : `   baseline ${result.baseline} ${result.unit}   ratio ${result.ratio}`;
    console.log(`  ${result.name.padEnd(32)} ${String(result.value).padStart(10)} ${result.unit}${against}`);
  }
}
// uWebSockets.js keeps the event loop alive once an app has run, even with every socket closed.
process.exit(0);
