// `npm run docs:protocol`: writes the protocol tables generated from shared/src/protocol.ts into the
// README, between their markers (shared/src/protocol-docs.test.ts fails when they are out of date).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_DOCS_END, PROTOCOL_DOCS_START, protocolTables } from '../shared/src/protocol-docs.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const text = readFileSync(readme, 'utf8');
const start = text.indexOf(PROTOCOL_DOCS_START);
const end = text.indexOf(PROTOCOL_DOCS_END);
if (start < 0 || end < start) throw new Error('README.md has no protocol-table markers');
writeFileSync(readme, text.slice(0, start) + protocolTables() + text.slice(end + PROTOCOL_DOCS_END.length));
console.log('README.md: protocol tables written');
