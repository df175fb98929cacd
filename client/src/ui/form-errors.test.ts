import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/http';
import { formErrorsFromFailure, formErrorsFromIssues } from './form-errors';

describe('form errors', () => {
  it('keeps the first message per field, from zod paths and dotted server paths alike', () => {
    expect(
      formErrorsFromIssues([
        { path: ['password'], message: 'must be at least 10 characters' },
        { path: ['password'], message: 'second' },
        { path: 'email', message: 'must be an email address' },
        { path: [], message: 'nothing to change' },
      ]),
    ).toEqual({ password: 'Must be at least 10 characters', email: 'Must be an email address', '': 'Nothing to change' });
  });

  it('puts a failure without field issues on the form as a whole', () => {
    expect(formErrorsFromFailure(new ApiRequestError(401, 'invalid_credentials', 'wrong email or password'))).toEqual({ '': 'Wrong email or password' });
    expect(formErrorsFromFailure(new ApiRequestError(400, 'invalid_body', 'Invalid body', [{ path: 'email', message: 'must be an email address' }]))).toEqual({
      email: 'Must be an email address',
    });
  });
});
