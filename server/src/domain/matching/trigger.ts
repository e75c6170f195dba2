// How commands, handlers and tests set matching going, without depending on the job that runs it (jobs/matchmaker.ts).

/** A matching round now, resolved once a round that started after the call has finished and its matches are told. */
export interface MatchingTrigger {
  kick(): Promise<void>;
  /** Ages the queue (holds, relaxed preferences, volunteers past their grace period), then a round. */
  sweep(): Promise<void>;
  readonly stats: MatchmakerStats;
}

export interface MatchmakerStats {
  rounds: number;
  claims: number;
  /** Time spent in claim transactions, in ms. */
  claimMs: number;
  /** Rounds that skipped a volunteer locked by another transaction (another node claiming at the same moment). */
  contended: number;
}
