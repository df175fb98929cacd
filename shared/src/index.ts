export * from './protocol.js';
export * from './api.js';
export * from './analysis.js';
