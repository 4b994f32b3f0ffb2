/** A typing indicator repeated while the bot works. */
export interface TypingIndicator {
  /** Stops repeating and waits for an indicator still on its way, so none arrives after the answer. */
  stop(): Promise<void>;
}

/**
 * Sends `send()` every `intervalMs` (Teams and Web Chat show typing for a few seconds) until stopped or `maxMs`
 * have passed. A failed send is ignored: the indicator is a courtesy, the answer still goes out.
 */
export function repeatTyping(send: () => Promise<unknown>, intervalMs: number, maxMs: number): TypingIndicator {
  let inFlight: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = send().catch(() => {});
  }, intervalMs);
  const cap = setTimeout(() => clearInterval(timer), maxMs);
  timer.unref();
  cap.unref();
  return {
    async stop() {
      clearInterval(timer);
      clearTimeout(cap);
      await inFlight;
    },
  };
}
