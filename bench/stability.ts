/**
 * `npm run bench -- --stability`: which partial-transcript stability rule to use, measured on the
 * dev corpus. Every call is spoken by flite, decoded by the local engine (PocketSphinx) as it runs
 * live, and the resulting partial/final stream is replayed through CardTrigger under each rule.
 *
 * A card is *true* when its phrase occurs in the call's reference script, *false* otherwise (the
 * engine heard words that were not said). Latency is call audio from the end of the phrase's last
 * word (from the final's word times) to the audio position at which the card fired.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CardTrigger, PhraseAutomaton, RuleSet, tokenize, type Stability, type TalkingPointRule } from '@call-assist/shared';
import { CORPUS_FILE, synthesizeTurns, type CorpusCall } from '../server/test/helpers/speech.js';
import type { TimedEvent } from './stability-worker.js';

/** Trigger phrases a clinic's manager would plausibly configure (not tuned to individual calls). */
const PHRASES = [
  'is it safe', 'safe', 'side effects', 'risk', 'pain', 'hurt', 'needle', 'needles', 'scared', 'nervous',
  'price', 'cost', 'expensive', 'afford', 'financing', 'payment plan', 'insurance', 'deposit', 'refund', 'discount',
  'think about it', 'husband', 'wife', 'partner', 'talk to my', 'not sure', 'busy', 'next week', 'schedule', 'reschedule',
  'cancel', 'consultation', 'consult', 'appointment', 'results', 'how long', 'last', 'natural', 'frozen', 'downtime',
  'bruising', 'recovery', 'reviews', 'experience', 'qualified', 'doctor', 'nurse', 'botox', 'filler', 'laser',
];
const RULES: Stability[] = ['immediate', 'next-update', 'final'];

const CACHE_DIR = path.resolve('.data/eval');
const ENGINE_SOURCES = ['../server/src/stt/local/utterance-decoder.ts', '../server/src/stt/local/pocketsphinx.ts'];

async function decodeAll(calls: CorpusCall[]): Promise<Map<string, TimedEvent[]>> {
  mkdirSync(CACHE_DIR, { recursive: true });
  // Keyed by the calls and the local engine's code, so a change to either decodes again.
  const hash = createHash('sha256').update(JSON.stringify(calls));
  for (const source of ENGINE_SOURCES) hash.update(readFileSync(new URL(source, import.meta.url)));
  const key = hash.digest('hex').slice(0, 16);
  const cacheFile = path.join(CACHE_DIR, `stability-events-${key}.json`);
  if (existsSync(cacheFile)) return new Map(Object.entries(JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, TimedEvent[]>));

  const results = new Map<string, TimedEvent[]>();
  const queue = [...calls];
  const workers = Array.from({ length: 2 }, () => new Worker(new URL('./stability-worker-entry.mjs', import.meta.url)));
  await Promise.all(
    workers.map(async (worker) => {
      for (let call = queue.shift(); call; call = queue.shift()) {
        const samples = await synthesizeTurns(call.turns);
        const done = new Promise<{ id: string; events: TimedEvent[] }>((resolve) => worker.once('message', resolve));
        worker.postMessage({ id: call.id, samples });
        const { id, events } = await done;
        results.set(id, events);
        process.stderr.write(`  decoded ${id} (${results.size}/${calls.length})\n`);
      }
      await worker.terminate();
    }),
  );
  writeFileSync(cacheFile, JSON.stringify(Object.fromEntries(results)));
  return results;
}

interface Fired {
  phrase: string;
  atMs: number;
  utterance: number;
}

function replay(events: TimedEvent[], rules: RuleSet, stability: Stability): Fired[] {
  const trigger = new CardTrigger(rules, stability);
  const fired: Fired[] = [];
  let utterance = 0;
  for (const event of events) {
    const heard = { text: event.text, audioMs: event.endMs };
    const triggers = event.kind === 'partial' ? trigger.onPartial(heard) : trigger.onFinal(heard);
    for (const t of triggers) fired.push({ phrase: t.phrase, atMs: event.atMs, utterance });
    if (event.kind === 'final') utterance++;
  }
  return fired;
}

/** End (ms) of the phrase's first occurrence in the final of that utterance, from its word times. */
function phraseEndMs(final: TimedEvent | undefined, phrase: string): number | undefined {
  if (!final?.words) return undefined;
  const automaton = new PhraseAutomaton([phrase]);
  const match = automaton.findAll(final.text)[0];
  if (!match) return undefined;
  let tokens = 0;
  for (const word of final.words) {
    tokens += tokenize(word.word).length;
    if (tokens > match.endToken) return word.endMs;
  }
  return undefined;
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

export async function stabilityReport(json: boolean): Promise<void> {
  const calls = (JSON.parse(readFileSync(CORPUS_FILE, 'utf8')) as { calls: CorpusCall[] }).calls;
  const decoded = await decodeAll(calls);
  const points: TalkingPointRule[] = PHRASES.map((phrase) => ({ id: phrase, title: phrase, body: '', phrases: [phrase], speaker: 'any', cooldownMs: null, priority: 0, enabled: true }));
  const rules = new RuleSet(1, points);
  const summary = RULES.map((stability) => {
    let trueCards = 0;
    let falseCards = 0;
    let spoken = 0;
    const latencies: number[] = [];
    for (const call of calls) {
      const script = call.turns.map((turn) => turn.text).join('\n');
      const said = new Set(PHRASES.filter((phrase) => new PhraseAutomaton([phrase]).count(script) > 0));
      spoken += said.size;
      const events = decoded.get(call.id)!;
      const finals = events.filter((e) => e.kind === 'final');
      for (const card of replay(events, rules, stability)) {
        if (!said.has(card.phrase)) {
          falseCards++;
          continue;
        }
        trueCards++;
        const end = phraseEndMs(finals[card.utterance], card.phrase);
        if (end !== undefined) latencies.push(card.atMs - end);
      }
    }
    return { stability, trueCards, falseCards, spoken, p50: percentile(latencies, 50), p90: percentile(latencies, 90) };
  });
  for (const row of summary) {
    const precision = row.trueCards / (row.trueCards + row.falseCards);
    const recall = row.trueCards / row.spoken;
    if (json) {
      console.log(JSON.stringify({ name: `stability.${row.stability}.false_cards`, value: row.falseCards, unit: 'cards', baseline: summary[0]!.falseCards, ratio: Math.round((row.falseCards / summary[0]!.falseCards) * 1000) / 1000 }));
      console.log(JSON.stringify({ name: `stability.${row.stability}.latency_p50`, value: row.p50, unit: 'ms' }));
    } else {
      console.log(
        `  ${row.stability.padEnd(12)} true ${String(row.trueCards).padStart(4)}  false ${String(row.falseCards).padStart(4)}  precision ${(precision * 100).toFixed(1)}%  recall ${(recall * 100).toFixed(1)}%  latency p50 ${row.p50} ms  p90 ${row.p90} ms`,
      );
    }
  }
}
