import type { Objection, ObjectionType } from '@call-assist/shared';
import type { CategoryFinding } from './category-rules.js';
import type { CallTurns } from './call-turns.js';
import { MONEY_MENTION } from './objection-lexicon.js';
import { clip, matchForm, splitSentences } from './text-spans.js';

/** Objection types as a manager would say them. */
const CONCERN_NAMES: Readonly<Record<ObjectionType, string>> = {
  'cost-value': 'cost',
  'safety-risk': 'safety',
  timing: 'timing',
  'social-concerns': "what others would think",
  'provider-trust': 'trust in the provider',
  'results-skepticism': 'whether it would work',
  other: 'other reservations',
};

const CHANGE_INTENT = /\b(?:move|reschedule|change|switch|push back)\b/;
const DEFERRAL = /\b(?:call (?:you )?back|think about it|sit with it|talk to (?:my )?\w+ first|check (?:with|my)|look at it then|text me|after (?:my|the) trip)\b/;
const NUMBER = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|[0-9]+)\b/;
const PRICE_WORDS = /\b(?:price|cost|costs|fee|runs|a session|per session|each|syringe|package|a month|per month|a graft|per arch)\b/;
/** An agent sentence naming a price: money words, or a number next to price words ("a full syringe is six fifty"). */
const isPriceSentence = (form: string): boolean => MONEY_MENTION.test(form) || (NUMBER.test(form) && PRICE_WORDS.test(form));
const PROMISE = /\b(?:i'll|i will|we'll|we will|i'm going to|i am going to) (?:text|email|send|mail|call|ask|flag|have|put|request|note|give|shoot|take you off|cancel|set)\b/;

function join(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Why the caller called (or was called), in a few words. */
export function describeIntent(call: CallTurns, finding: CategoryFinding): string {
  if (finding.otherTopic && finding.category === 'other_question') return finding.otherTopic;
  const treatment = finding.treatments[0];
  const opening = matchForm(call.openingCallerTurns(2).map((turn) => turn.text).join(' '));
  if (finding.cancelled) return `cancel a ${treatment ? `${treatment} ` : ''}consultation`;
  if (/\b(?:consult|consultation|appointment)\b/.test(opening) && CHANGE_INTENT.test(opening)) return `reschedule a ${treatment ? `${treatment} ` : ''}consultation`;
  if (finding.outbound) return `outbound follow-up on ${treatment ? `a ${treatment}` : 'an'} inquiry`;
  return treatment ? `${treatment} inquiry` : 'consultation inquiry';
}

function objectionSentence(objections: Objection[]): string | undefined {
  if (objections.length === 0) return undefined;
  const names = objections.map((objection) => CONCERN_NAMES[objection.type]);
  const settled = objections.filter((objection) => objection.overcome).map((objection) => CONCERN_NAMES[objection.type]);
  const open = objections.filter((objection) => !objection.overcome).map((objection) => CONCERN_NAMES[objection.type]);
  let sentence = `The caller raised concerns about ${join(names)}`;
  if (settled.length > 0 && open.length > 0) sentence += `; ${join(settled)} ${settled.length > 1 ? 'were' : 'was'} resolved, ${join(open)} ${open.length > 1 ? 'were' : 'was'} not`;
  else if (settled.length > 0) sentence += objections.length > 1 ? ', all resolved by the agent' : ', which the agent resolved';
  else sentence += objections.length > 1 ? ', none of them resolved' : ', which was not resolved';
  return `${sentence}.`;
}

function outcomeSentence(call: CallTurns, finding: CategoryFinding): string {
  if (finding.confirmation) return `A consult was booked: "${clip(finding.confirmation.sentence, 200)}"`;
  if (finding.category === 'other_question') return `No consult was involved; the agent handled the ${finding.otherTopic ?? 'question'}.`;
  if (finding.voicemail) return 'The call reached voicemail and the agent left a message; no consult was booked.';
  if (finding.cancelled) return 'The consultation was cancelled and no new time was booked.';
  const lastWords = matchForm(call.callerTurns.slice(-4).map((turn) => turn.text).join(' '));
  return DEFERRAL.test(lastWords) ? 'No consult was booked; the caller wants to think it over or be contacted later.' : 'No consult was booked.';
}

/** A few sentences: who called about what, the concerns and the outcome. */
export function buildSummary(call: CallTurns, finding: CategoryFinding, objections: Objection[]): string {
  const direction = finding.outbound ? 'Outbound call' : 'Inbound call';
  const intent = describeIntent(call, finding);
  return [`${direction}: ${intent}.`, objectionSentence(objections), outcomeSentence(call, finding)].filter(Boolean).join(' ');
}

/** The agent's promises, rephrased as tasks ("I'll text you the link" → "text the caller the link"). */
function promisedTasks(call: CallTurns): string[] {
  const tasks: string[] = [];
  for (const turn of call.agentTurns) {
    for (const sentence of splitSentences(turn.text)) {
      const match = PROMISE.exec(matchForm(sentence.text));
      if (!match) continue;
      const task = sentence.text
        .slice(match.index)
        .replace(/^(?:I'll|I will|We'll|We will|I'm going to|I am going to)\s+/i, '')
        .replace(/\byour\b/gi, "the caller's")
        .replace(/\byou\b/gi, 'the caller')
        .replace(/[.!?]+$/, '');
      tasks.push(clip(task, 300));
    }
  }
  return tasks;
}

/** Follow-up tasks: the agent's promises plus what the outcome calls for. */
export function buildActionItems(call: CallTurns, finding: CategoryFinding): string[] {
  const items = promisedTasks(call);
  const promised = matchForm(items.join(' '));
  if (finding.category === 'consult_scheduled' && !/\bconfirm/.test(promised)) items.push('send the caller a confirmation of the booked consult');
  if (finding.category === 'consult_not_scheduled') {
    if (finding.voicemail) items.push('call the lead again or watch for a callback');
    else if (finding.cancelled) items.push('release the cancelled slot and check in with the caller later');
    else items.push('follow up with the caller about booking a consult');
  }
  return [...new Set(items)].slice(0, 8);
}

/** Short facts a reviewer scans: intent, prices quoted, each objection, the outcome. */
export function buildKeyPoints(call: CallTurns, finding: CategoryFinding, objections: Objection[]): string[] {
  const points = [`Intent: ${describeIntent(call, finding)}`];
  const price = call.agentTurns.flatMap((turn) => splitSentences(turn.text)).find((span) => isPriceSentence(matchForm(span.text)));
  if (price) points.push(clip(`Price quoted: ${price.text}`, 300));
  for (const objection of objections) {
    points.push(clip(`${CONCERN_NAMES[objection.type]} concern (${objection.overcome ? 'resolved' : 'not resolved'}): "${objection.quote}"`, 300));
  }
  points.push(clip(outcomeSentence(call, finding), 300));
  return points.slice(0, 20);
}

/** Labels for filtering: category, direction, topic, objection types, treatments. */
export function buildTags(finding: CategoryFinding, objections: Objection[]): string[] {
  const tags = [finding.category, finding.outbound ? 'outbound' : 'inbound'];
  if (finding.voicemail) tags.push('voicemail');
  if (finding.cancelled) tags.push('cancellation');
  if (finding.otherTopic && finding.category === 'other_question') tags.push(finding.otherTopic);
  tags.push(...objections.map((objection) => objection.type), ...finding.treatments);
  return [...new Set(tags.map((tag) => clip(tag, 40)))].slice(0, 20);
}
