export * from './protocol.js';
export * from './api.js';
export * from './analysis.js';
export * from './bulk-import.js';
export * from './auth.js';
// The phrase matcher: the server runs it on live calls, the browser on the admin's "try a phrase" box.
export * from './assist/normalize.js';
export * from './assist/word-symbols.js';
export * from './assist/phrase-automaton.js';
export * from './assist/utterance-scanner.js';
export * from './assist/rule-set.js';
export * from './assist/card-trigger.js';
export * from './assist/phrase-spans.js';
export * from './assist/preview-cards.js';
