// The error banner's state: the one failure the person should know about now, described by kind
// with a next step. A `locked` failure is not shown but hands over to the session (the journal
// locked itself, so the unlock screen is the answer).
import { describeError, type Problem } from "./errors";

export interface Notice extends Problem {
  /** What was being done, e.g. "Could not save the entry". */
  action: string;
}

export class Notices {
  current = $state<Notice | null>(null);
  /** Called instead of showing a `locked` failure; set by the session. */
  onLocked: (() => void) | null = null;

  report(err: unknown, action: string): Problem {
    const problem = describeError(err);
    if (problem.kind === "locked" && this.onLocked) {
      this.onLocked();
      return problem;
    }
    this.current = { ...problem, action };
    return problem;
  }

  dismiss(): void {
    this.current = null;
  }
}
