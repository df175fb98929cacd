import type { LiveCallCreated } from '@call-assist/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgCallStore } from '../src/db/call-store.js';
import { redactPii } from '../src/lib/pii-redaction.js';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

interface Detail {
  segments: { text: string; words: unknown }[];
}

/**
 * A transcript with both an email and a phone number, written as the live path writes segments
 * (the spoken-audio tests cover the phone number end to end; synthetic speech cannot spell an
 * email reliably): what the review API returns has neither.
 */
describe('PII redaction of a stored transcript', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { REDACT_PII: '1' } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('replaces the email and the phone number before the segment is stored', async () => {
    const call = (await api<LiveCallCreated>(app, 'POST', '/api/live-calls')).body;
    const store = new PgCallStore(app.database.db, { redact: redactPii });
    const scope = { orgId: app.admin.user.organisation.id };
    const said = 'Sure, email me at jane.doe@example.com or call 555-212-3456 after five.';
    await store.saveSegment(scope, call.callId, { seq: 0, text: said, startMs: 0, endMs: 4000, speaker: 'caller', words: said.split(' ').map((word, i) => ({ word, startMs: i * 300, endMs: i * 300 + 250 })) });
    const detail = (await api<Detail>(app, 'GET', `/api/calls/${call.callId}`)).body;
    expect(detail.segments.map((segment) => segment.text)).toEqual(['Sure, email me at [email] or call [number] after five.']);
    // Word timings would spell them out again.
    expect(detail.segments[0]!.words).toBeNull();
    const { rows } = await app.database.db.execute<{ text: string }>(sql`select text from transcript_segments where call_id = ${call.callId}`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(/jane|555|3456/);
  });
});
