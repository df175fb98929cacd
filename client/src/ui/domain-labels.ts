import type { BulkImportFileStatus, BulkImportStatus, CallCategory, CallRecord, ObjectionType, Role, Sentiment } from '@call-assist/shared';

/** Words people use for the analysis' categories, objection types and statuses. */
export const CATEGORY_LABELS: Record<CallCategory, string> = {
  consult_scheduled: 'Consult booked',
  consult_not_scheduled: 'Not booked',
  other_question: 'Other question',
};

export const OBJECTION_LABELS: Record<ObjectionType, string> = {
  'safety-risk': 'Safety / risk',
  'cost-value': 'Cost / value',
  timing: 'Timing',
  'social-concerns': 'Social concerns',
  'provider-trust': 'Provider trust',
  'results-skepticism': 'Results scepticism',
  other: 'Other',
};

export const SENTIMENT_LABELS: Record<Sentiment, string> = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative', mixed: 'Mixed' };

export const ANALYSIS_STATUS_LABELS: Record<CallRecord['analysisStatus'], string> = {
  none: 'Not analysed',
  pending: 'Waiting for analysis',
  processing: 'Analysing',
  completed: 'Analysed',
  failed: 'Analysis failed',
};

export const CALL_STATUS_LABELS: Record<CallRecord['status'], string> = {
  created: 'Not started',
  live: 'Live',
  suspended: 'Reconnecting',
  ended: 'Ended',
  interrupted: 'Interrupted',
  failed: 'Failed',
};

export const IMPORT_STATUS_LABELS: Record<BulkImportStatus | BulkImportFileStatus, string> = {
  pending: 'Waiting',
  discovering: 'Finding files',
  downloading: 'Downloading',
  converting: 'Converting',
  transcribing: 'Transcribing',
  analyzing: 'Analysing',
  completed: 'Completed',
  completed_with_errors: 'Completed with errors',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const ROLE_LABELS: Record<Role, string> = { admin: 'Admin', manager: 'Manager', rep: 'Rep' };

/** What each role may do, in a line, for the places a role is chosen. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'everything, including users and invitations',
  manager: 'every call, talking points, imports and analytics',
  rep: 'the live call and their own calls',
};

/** Colours for charts and badges, one per category and objection type (distinguishable, not alarming). */
export const CATEGORY_COLOURS: Record<CallCategory, string> = {
  consult_scheduled: '#1d7a46',
  consult_not_scheduled: '#c0312b',
  other_question: '#8791a3',
};

export const OBJECTION_COLOURS: Record<ObjectionType, string> = {
  'safety-risk': '#2456d6',
  'cost-value': '#d97706',
  timing: '#7c3aed',
  'social-concerns': '#db2777',
  'provider-trust': '#0891b2',
  'results-skepticism': '#65a30d',
  other: '#8791a3',
};

/** A label for a key the server sent that this page may not know yet (a newer server): the key itself. */
export const labelOf = <K extends string>(labels: Record<K, string>, key: string): string => (labels as Record<string, string>)[key] ?? key;
