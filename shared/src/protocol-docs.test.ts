import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_DOCS_END, PROTOCOL_DOCS_START, protocolTables } from './protocol-docs.js';
import { clientMessageSchemas, serverMessageSchema } from './protocol.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the README documents the protocol the code speaks', () => {
  it('has the tables generated from the schemas, unchanged (run `npm run docs:protocol` after changing a message)', () => {
    const start = README.indexOf(PROTOCOL_DOCS_START);
    const end = README.indexOf(PROTOCOL_DOCS_END);
    expect(start).toBeGreaterThan(0);
    expect(README.slice(start, end + PROTOCOL_DOCS_END.length)).toBe(protocolTables());
  });

  it('names every message of both directions and each of its fields', () => {
    const tables = protocolTables();
    for (const schema of [...clientMessageSchemas, ...serverMessageSchema.options]) {
      const type = (schema.shape.type as unknown as { value: string }).value;
      expect(tables).toContain(`| \`${type}\` |`);
      for (const field of Object.keys(schema.shape).filter((name) => name !== 'type')) expect(tables).toMatch(new RegExp(`\`${field}\\??\``));
    }
  });
});
