import type { OrgScope } from '../db/organisations.js';

/** Where finished calls go to be analysed (pg-boss in production; the live-call code knows only this). */
export interface AnalysisQueue {
  enqueueAnalysis(scope: OrgScope, callId: string): Promise<void>;
}
