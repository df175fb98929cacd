// Audio helpers shared by the browser's audio thread and the server; nothing here imports zod (the
// audio worklet bundles this entry point alone).
export * from './resampler.js';
