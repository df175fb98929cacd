import { describe, expect, it } from 'vitest';
import { describeError } from './errors.js';

describe('describeError', () => {
  it('never returns the parameters an ORM query error carries', () => {
    const driverError = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const queryError = new Error('Failed query: insert into "transcript_segments" values ($1)\nparams: is it safe my card number is 4111', { cause: driverError });
    const described = describeError(queryError);
    expect(described).toEqual({ name: 'Error', code: '57P01', message: 'terminating connection due to administrator command' });
    expect(JSON.stringify(described)).not.toMatch(/4111|is it safe/);
  });

  it('hides a query error with no driver cause', () => {
    expect(describeError(new Error('Failed query: select 1\nparams: secret')).message).toBe('database query failed');
  });

  it('keeps ordinary errors readable', () => {
    expect(describeError(new TypeError('boom'))).toEqual({ name: 'TypeError', message: 'boom' });
    expect(describeError('plain')).toEqual({ name: 'Error', message: 'plain' });
  });
});
