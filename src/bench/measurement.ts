/** One line of the bench's results (bench/results/latest.json), as issue 6 defines it. */
export interface Measurement {
  readonly name: string;
  readonly kqlwatch_ms: number;
  readonly peer: string;
  readonly peer_ms: number | null;
  readonly ratio: number | null;
  readonly rows: number;
  /** Peak resident memory of the process that made this measurement alone, where it ran in its own. */
  readonly rss_mb?: number;
  readonly note?: string;
}
