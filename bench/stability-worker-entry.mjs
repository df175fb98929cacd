import { register } from 'tsx/esm/api';

register();
await import('./stability-worker.ts');
