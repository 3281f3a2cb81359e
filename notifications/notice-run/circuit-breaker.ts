// The circuit breaker of a mass send (architecture.md §3 rule 10): after `threshold` failures in a
// row the run is paused and staff are told; a person resumes it. Any success closes the gap again.

/** Counts consecutive failures of one run within one worker. */
export class CircuitBreaker {
  private consecutive = 0;

  constructor(readonly threshold: number) {}

  /** Failures in a row so far. */
  get failures(): number {
    return this.consecutive;
  }

  success(): void {
    this.consecutive = 0;
  }

  /** Counts a failure; true when the threshold is reached (the run must be paused). */
  failure(): boolean {
    this.consecutive++;
    return this.threshold > 0 && this.consecutive >= this.threshold;
  }

  /** Starts counting afresh (after a resume). */
  reset(): void {
    this.consecutive = 0;
  }
}
