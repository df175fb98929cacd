export * from './protocol.js';
export * from './api.js';
