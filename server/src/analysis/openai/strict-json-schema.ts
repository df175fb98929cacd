import { z } from 'zod';
import { callAnalysisSchema } from '@call-assist/shared';

type JsonSchema = { [key: string]: unknown };

// Length and count limits are not accepted by every OpenAI-compatible server in strict mode (and
// OpenAI itself ignores some); zod re-checks them on the answer, so they are dropped here.
const UNSUPPORTED_KEYWORDS = new Set(['$schema', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'default']);

/**
 * A JSON schema in the subset strict structured outputs accept: every object lists all its
 * properties as required and forbids others; a property that was optional becomes nullable
 * (`anyOf: [schema, {type: 'null'}]`) so the model can still leave it out by answering null.
 */
export function toStrictJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toStrictJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const source = schema as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (UNSUPPORTED_KEYWORDS.has(key)) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value as JsonSchema).map(([name, property]) => [name, toStrictJsonSchema(property)]));
    } else {
      out[key] = toStrictJsonSchema(value);
    }
  }
  if (source.type === 'object' && out.properties) {
    const properties = out.properties as JsonSchema;
    const required = new Set(Array.isArray(source.required) ? (source.required as string[]) : []);
    for (const name of Object.keys(properties)) {
      if (!required.has(name)) properties[name] = { anyOf: [properties[name], { type: 'null' }] };
    }
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  return out;
}

/** The `call_analysis` schema sent as `response_format`, generated from `callAnalysisSchema`. */
export const CALL_ANALYSIS_JSON_SCHEMA = toStrictJsonSchema(z.toJSONSchema(callAnalysisSchema, { io: 'output' })) as Record<string, unknown>;
