import { describe, expect, it } from 'vitest';
import { CALL_ANALYSIS_JSON_SCHEMA, toStrictJsonSchema } from './strict-json-schema.js';

describe('toStrictJsonSchema', () => {
  it('requires every property, makes optional ones nullable and forbids extra properties', () => {
    const schema = toStrictJsonSchema({
      $schema: 'x',
      type: 'object',
      properties: { a: { type: 'string', maxLength: 3 }, b: { type: 'array', maxItems: 2, items: { type: 'object', properties: { c: { type: 'integer', minimum: 0 } } } } },
      required: ['a'],
    });
    expect(schema).toEqual({
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { anyOf: [{ type: 'array', items: { type: 'object', properties: { c: { anyOf: [{ type: 'integer' }, { type: 'null' }] } }, required: ['c'], additionalProperties: false } }, { type: 'null' }] },
      },
      required: ['a', 'b'],
      additionalProperties: false,
    });
  });

  it('keeps nullable callerTurn as integer-or-null and drops the limits strict mode may reject', () => {
    const text = JSON.stringify(CALL_ANALYSIS_JSON_SCHEMA);
    expect(text).not.toMatch(/maxLength|maxItems|minimum|maximum|\$schema/);
    expect(text).toContain('"callerTurn":{"anyOf":[{"type":"integer"},{"type":"null"}]}');
  });
});
