/** The part of a writable stream a {@link ProgressBar} uses (`process.stderr` fits). */
export interface ProgressStream {
  write(chunk: string): unknown;
  /** True for a terminal; a bar is only drawn on one unless `force` is set. */
  isTTY?: boolean;
  /** Terminal width in characters, when known. */
  columns?: number;
}

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** Where to draw. Default `process.stderr`. */
  stream: ProgressStream;
  /** Text before the bar. Default `'training intent classifier'`. */
  label: string;
  /**
   * Milliseconds to wait before drawing anything, so a job that finishes sooner shows no bar.
   * Default 1000.
   */
  delayMs: number;
  /** Draw even when the stream is not a terminal (a log file then gets one line per redraw). Default false. */
  force: boolean;
  /** Width of the bar itself in characters, shrunk to fit the terminal. Default 30. */
  width: number;
  /** Current time in milliseconds. Default `performance.now`. */
  now: () => number;
}

/** Defaults of {@link ProgressBarOptions} (`stream` is looked up when a bar is created). */
export const defaultProgressBarOptions: Omit<ProgressBarOptions, 'stream'> = {
  label: 'training intent classifier',
  delayMs: 1000,
  force: false,
  width: 30,
  now: () => performance.now(),
};

const minBarWidth = 5;

/** A progress bar drawn on one terminal line. */
export interface ProgressBar {
  /** Reports progress, a fraction in [0, 1]; fits `TrainOptions.onProgress`. */
  update(fraction: number): void;
  /** Finishes the bar: draws it full and ends the line, if it was drawn at all. */
  done(): void;
  /** True once the bar has been drawn. */
  readonly shown: boolean;
}

/**
 * A text progress bar such as `training intent classifier [#########.........] 31% 2.1s`, redrawn in
 * place with a carriage return. Nothing is written until `delayMs` has passed, nor ever when the
 * stream is not a terminal and `force` is off; redraws happen only when the shown percentage changes.
 *
 * @example
 * const bar = createProgressBar({ label: 'training intents' });
 * const classifier = await trainer.train(examples, { onProgress: bar.update });
 * bar.done();
 */
export function createProgressBar(options: Partial<ProgressBarOptions> = {}): ProgressBar {
  const { stream = process.stderr, ...rest } = options;
  const settings = { ...defaultProgressBarOptions, ...rest };
  const enabled = settings.force || stream.isTTY === true;
  const started = settings.now();
  let shown = false;
  let finished = false;
  let lastLine = '';
  let fraction = 0;

  const draw = (): void => {
    const percent = Math.floor(fraction * 100);
    const seconds = ((settings.now() - started) / 1000).toFixed(1);
    const tail = ` ${String(percent).padStart(3)}% ${seconds}s`;
    // Keep the line shorter than the terminal, or it wraps and every redraw adds a line.
    const room = (stream.columns ?? Number.POSITIVE_INFINITY) - 1 - tail.length - ' []'.length;
    const width = Math.max(minBarWidth, Math.min(settings.width, room - settings.label.length));
    const label = settings.label.slice(0, Math.max(0, room - width));
    const filled = Math.round(fraction * width);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%`;
    if (line === lastLine) return;
    lastLine = line;
    stream.write(`\r${line} ${seconds}s`);
    shown = true;
  };

  return {
    update(value) {
      if (finished) return;
      fraction = Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
      if (enabled && settings.now() - started >= settings.delayMs) draw();
    },
    done() {
      if (finished) return;
      finished = true;
      if (!shown) return;
      fraction = 1;
      draw();
      stream.write('\n');
    },
    get shown() {
      return shown;
    },
  };
}
