import type { AnalysisTranscript } from '@call-assist/shared';
import { inferSpeakerRoles, type Role } from './speaker-roles.js';

/** One turn with its resolved role and, for the caller's turns, its index among them. */
export interface CallTurn {
  index: number;
  role: Role;
  text: string;
  /** 0-based index among the caller's turns; -1 for the agent's. */
  callerIndex: number;
}

/** Consecutive turns of one party (`firstIndex`..`lastIndex`), their text joined. */
export interface TurnRun {
  role: Role;
  text: string;
  firstIndex: number;
  lastIndex: number;
}

/** A transcript with roles resolved, and the turn-structure questions the rules ask of it. */
export class CallTurns {
  readonly turns: CallTurn[];

  constructor(transcript: AnalysisTranscript) {
    const roles = inferSpeakerRoles(transcript.turns);
    let callerIndex = 0;
    this.turns = transcript.turns.map((turn, index) => {
      const role = roles[index]!;
      return { index, role, text: turn.text, callerIndex: role === 'caller' ? callerIndex++ : -1 };
    });
  }

  get callerTurns(): CallTurn[] {
    return this.turns.filter((turn) => turn.role === 'caller');
  }

  get agentTurns(): CallTurn[] {
    return this.turns.filter((turn) => turn.role === 'agent');
  }

  /**
   * Consecutive turns of one party, joined: a speech engine may cut one utterance into several
   * segments, and the structure questions below should see the utterance.
   */
  get runs(): TurnRun[] {
    const runs: TurnRun[] = [];
    for (const turn of this.turns) {
      const last = runs[runs.length - 1];
      if (last && last.role === turn.role) {
        last.text += ` ${turn.text}`;
        last.lastIndex = turn.index;
      } else runs.push({ role: turn.role, text: turn.text, firstIndex: turn.index, lastIndex: turn.index });
    }
    return runs;
  }

  private runAt(turnIndex: number): { runs: TurnRun[]; at: number } {
    const runs = this.runs;
    return { runs, at: runs.findIndex((run) => run.firstIndex <= turnIndex && turnIndex <= run.lastIndex) };
  }

  /** The agent's words after this turn's utterance, before the caller speaks again (the response). */
  agentResponseAfter(turnIndex: number): string {
    const { runs, at } = this.runAt(turnIndex);
    const next = runs[at + 1];
    return next?.role === 'agent' ? next.text : '';
  }

  /** The agent's words just before this turn's utterance (what the caller is reacting to). */
  agentTextBefore(turnIndex: number): string {
    const { runs, at } = this.runAt(turnIndex);
    const previous = runs[at - 1];
    return previous?.role === 'agent' ? previous.text : '';
  }

  /** The caller's next utterances after this turn's one, at most `count`. */
  callerRunsAfter(turnIndex: number, count: number): TurnRun[] {
    const { runs, at } = this.runAt(turnIndex);
    return runs.slice(at + 1).filter((run) => run.role === 'caller').slice(0, count);
  }

  /** The first caller turns with some substance (short answers like "Yeah?" skipped). */
  openingCallerTurns(count: number, minWords = 5): CallTurn[] {
    return this.callerTurns.filter((turn) => turn.text.split(/\s+/).length >= minWords).slice(0, count);
  }
}
