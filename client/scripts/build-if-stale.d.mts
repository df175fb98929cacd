/** True when client/dist is missing or any source changed after it was built. */
export function clientBuildIsStale(): boolean;
/** Runs `vite build` for the client; throws with vite's output when it fails. */
export function buildClient(options?: { quiet?: boolean }): void;
/** Builds the client if it is stale; returns whether it built. */
export function ensureClientBuilt(options?: { quiet?: boolean }): boolean;
