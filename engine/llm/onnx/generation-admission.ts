import { GenerationQueueTimeoutError } from '../generation-queue-timeout-error.ts';

/** Options of {@link GenerationAdmission}. */
export interface GenerationAdmissionOptions {
  /** Generations admitted at once. */
  maxConcurrent: number;
  /** Milliseconds a request may wait before failing with GenerationQueueTimeoutError. */
  queueTimeoutMs: number;
  /** Monotonic milliseconds. */
  now: () => number;
}

interface Waiter {
  admit: (release: () => void) => void;
  fail: (error: unknown) => void;
}

/**
 * Admits a bounded number of generations; the rest wait in arrival order, each until its own deadline.
 * `acquire` resolves to a release function (call it exactly once, when the generation has ended).
 */
export class GenerationAdmission {
  #running = 0;
  readonly #queue: Waiter[] = [];

  constructor(private readonly options: GenerationAdmissionOptions) {}

  /** Generations running now. */
  get running(): number {
    return this.#running;
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.#queue.length;
  }

  /**
   * Waits for a slot. Rejects with GenerationQueueTimeoutError after `queueTimeoutMs`, or with the
   * signal's reason when `signal` aborts first.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#running < this.options.maxConcurrent) {
      this.#running++;
      return Promise.resolve(this.#releaser());
    }
    const started = this.options.now();
    return new Promise((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const at = this.#queue.indexOf(waiter);
        if (at >= 0) this.#queue.splice(at, 1);
      };
      const waiter: Waiter = {
        admit: (release) => {
          leave();
          resolve(release);
        },
        fail: (error) => {
          const queued = this.#queue.length;
          leave();
          reject(
            error ??
              new GenerationQueueTimeoutError(
                this.options.now() - started,
                this.options.maxConcurrent,
                queued,
              ),
          );
        },
      };
      const onAbort = () => waiter.fail(signal?.reason);
      const timer = setTimeout(() => waiter.fail(undefined), this.options.queueTimeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue[0];
      if (next) next.admit(this.#releaser());
      else this.#running--;
    };
  }
}
