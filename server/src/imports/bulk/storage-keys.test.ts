import { describe, expect, it } from 'vitest';
import { assertSafeKey } from '../../storage/blob-store.js';
import { analysisKey, customerBucket, customerSlug, originalFileKey } from './storage-keys.js';

const ORG = '6f1c2a52-3b1e-4d0e-9a51-0c1d2e3f4a5b';
const JOB = '0b9d7e1c-2f3a-4b5c-8d6e-7f8091a2b3c4';
const FILE = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('bulk import storage keys', () => {
  it('slugs customer names to safe, readable folder names', () => {
    expect(customerSlug('Lumina Med Spa')).toBe('lumina-med-spa');
    expect(customerSlug('  Clínica Estética, S.A. ')).toBe('clinica-estetica-s-a');
    expect(customerBucket(customerSlug('../../etc'))).toBe('customer-etc');
    expect(customerSlug('..')).toBe('customer');
    expect(customerSlug('日本語')).toBe('customer');
    expect(customerSlug('x'.repeat(500))).toHaveLength(60);
  });

  it('cannot reach outside the customer folder, whatever the names', () => {
    for (const name of ['../../../etc/passwd', '..', '.hidden', 'a/b\\c.wav', '%2e%2e%2fsecret.mp3', 'call 1 (final).mp3', '', '\u0000.wav']) {
      const key = originalFileKey(ORG, customerSlug('../evil/..'), JOB, FILE, name);
      expect(() => assertSafeKey(key), `${name} → ${key}`).not.toThrow();
      expect(key.startsWith(`${ORG}/customer-evil/${JOB}/a1b2c3d4-`)).toBe(true);
      expect(key.split('/')).toHaveLength(4);
    }
    expect(originalFileKey(ORG, 'acme', JOB, FILE, 'call 1 (final).mp3')).toBe(`${ORG}/customer-acme/${JOB}/a1b2c3d4-call_1_final_.mp3`);
    expect(analysisKey(ORG, 'acme', FILE)).toBe(`${ORG}/customer-acme-analysis/${FILE}/analysis.json`);
  });
});
