import { readFileSync } from 'node:fs';
import { scoreSentences } from './sentence-scores.js';
import { objectionsInTurn } from './objection-rules.js';
const lines = readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const line of lines) {
  const s = scoreSentences(line);
  console.log('>>', line);
  for (const x of s) console.log('   ', JSON.stringify(x.span.text.slice(0, 60)), [...x.scores].map(([t, v]) => `${t}:${v}`).join(' '), x.concern ? 'C' : '');
  console.log('   =>', objectionsInTurn(line).map((o) => o.type).join(','));
}
