/**
 * Shows the progress of one long job (training the intent classifier, generating a corpus). The runtime
 * only reports; whoever runs it decides how to show it (the command line draws a terminal bar with
 * `createProgressBar`, a server shows nothing).
 */
export interface ProgressReporter {
  /** Progress so far, a fraction in [0, 1]. */
  update(fraction: number): void;
  /** The job has ended. */
  done(): void;
}

/**
 * Starts a {@link ProgressReporter} for a job named `label` (e.g. `'training intent classifier'`).
 *
 * @example
 * const progress: StartProgress = (label) => createProgressBar({ label });
 */
export type StartProgress = (label: string) => ProgressReporter;
