import type { Speaker, TalkingPoint, TalkingPointInput, TalkingPointRule } from '@call-assist/shared';

/** The form's state: text as typed, turned into an API body on save. */
export interface Draft {
  title: string;
  body: string;
  phrases: string[];
  speaker: Speaker;
  /** Seconds as typed; empty = once per call. */
  cooldownSeconds: string;
  priority: string;
  enabled: boolean;
}

export const emptyDraft: Draft = { title: '', body: '', phrases: [], speaker: 'any', cooldownSeconds: '', priority: '0', enabled: true };

export function draftOf(point: TalkingPoint): Draft {
  return {
    title: point.title,
    body: point.body,
    phrases: [...point.phrases],
    speaker: point.speaker,
    cooldownSeconds: point.cooldownMs == null ? '' : String(point.cooldownMs / 1000),
    priority: String(point.priority),
    enabled: point.enabled,
  };
}

export type FieldName = 'title' | 'body' | 'phrases' | 'speaker' | 'cooldown' | 'priority' | 'enabled';
export type FieldErrors = Partial<Record<FieldName, string>>;

/**
 * The API body for a draft, or the fields whose text is not a number. Everything else is the
 * server's to judge (its errors come back per field).
 */
export function draftToInput(draft: Draft): { input: TalkingPointInput; errors?: undefined } | { input?: undefined; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const cooldownText = draft.cooldownSeconds.trim();
  const cooldownSeconds = cooldownText === '' ? null : Number(cooldownText);
  if (cooldownSeconds !== null && !(Number.isFinite(cooldownSeconds) && cooldownSeconds >= 0)) errors.cooldown = 'Enter a number of seconds (0 or more), or leave it empty.';
  const priority = Number(draft.priority.trim() || '0');
  if (!Number.isInteger(priority)) errors.priority = 'Enter a whole number.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      title: draft.title,
      body: draft.body,
      phrases: draft.phrases,
      speaker: draft.speaker,
      cooldownMs: cooldownSeconds === null ? null : Math.round(cooldownSeconds * 1000),
      priority,
      enabled: draft.enabled,
    },
  };
}

/** The draft as a matcher rule, for previews before it is saved. */
export function draftToRule(draft: Draft, id: string): TalkingPointRule {
  return {
    id,
    title: draft.title.trim() || 'Untitled talking point',
    body: draft.body,
    phrases: draft.phrases,
    speaker: draft.speaker,
    cooldownMs: null,
    priority: Number.parseInt(draft.priority, 10) || 0,
    enabled: draft.enabled,
  };
}

const FIELD_OF_PATH: Record<string, FieldName> = {
  title: 'title',
  body: 'body',
  phrases: 'phrases',
  speaker: 'speaker',
  cooldownMs: 'cooldown',
  priority: 'priority',
  enabled: 'enabled',
};

/** Friendlier words for the server's checks, per field; the server's own message otherwise. */
const FRIENDLY: Partial<Record<FieldName, (message: string) => string>> = {
  title: () => 'Enter a title (up to 200 characters).',
  body: () => 'Enter what the rep should say (up to 4,000 characters).',
  cooldown: () => 'The cooldown must be between 0 and 86,400 seconds.',
  priority: () => 'The priority must be a whole number from -1000 to 1000.',
  phrases: (message) => (/letter or a digit/.test(message) ? 'At least one phrase must contain a letter or a digit.' : 'Add at least one trigger phrase (each up to 200 characters, at most 100).'),
};

/** Maps the server's validation issues (`path` like `phrases.2`) onto the form's fields. */
export function fieldErrorsFromIssues(issues: { path: string; message: string }[]): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const field = FIELD_OF_PATH[issue.path.split('.')[0] ?? ''];
    if (!field) other.push(issue.message);
    else fields[field] ??= FRIENDLY[field]?.(issue.message) ?? issue.message;
  }
  return { fields, other };
}
