// Worker threads do not inherit the parent's TypeScript loader (vitest's or tsx's): register tsx
// here, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./decoder-worker.ts');
