/** What {@link createReplyPlayer} reports. */
export interface ReplyPlayerHandlers {
  /** The first chunk of a reply was scheduled to sound at `atS` seconds on the audio clock. */
  onStart(replyId: string, atS: number): void;
  /** A chunk was scheduled: `samples` sound from `startS` (for the echo guard). */
  onScheduled(startS: number, samples: Float32Array, sampleRate: number): void;
  /** Everything scheduled for the reply has played (after {@link ReplyPlayer.finish}). */
  onDrained(replyId: string, playedMs: number): void;
}

/** Plays a reply's audio as its chunks arrive. */
export interface ReplyPlayer {
  /** Queues a chunk of `replyId`; a chunk of another reply than the current one starts that reply afresh. */
  enqueue(replyId: string, samples: Float32Array, sampleRate: number): void;
  /** No more chunks come for `replyId`: report when it has drained. */
  finish(replyId: string): void;
  /** Stops at once; returns how much of the current reply was heard, in milliseconds. */
  stop(): number;
  /** A reply is playing or has audio scheduled. */
  readonly playing: boolean;
  readonly replyId: string | undefined;
  /** The element the reply sounds through (its `srcObject` is the playback stream). */
  readonly element: HTMLAudioElement;
  close(): void;
}

/**
 * Plays reply audio through a media element: chunks are scheduled back to back on the Web Audio clock into a
 * `MediaStreamAudioDestinationNode`, and an `<audio>` element plays that stream. Chrome's echo cancellation takes
 * what media elements play as its reference, but not audio sent straight to `AudioContext.destination`
 * (crbug 687574), so the microphone's echo of the bot is cancelled only on this path.
 */
export function createReplyPlayer(context: AudioContext, handlers: ReplyPlayerHandlers): ReplyPlayer {
  const output = context.createMediaStreamDestination();
  const element = new Audio();
  element.autoplay = true;
  element.srcObject = output.stream;
  void element.play().catch(() => undefined);

  let replyId: string | undefined;
  let sources: Array<{ node: AudioBufferSourceNode; startS: number; durationS: number }> = [];
  let nextS = 0;
  let finished = false;
  let started = false;

  const playedMs = () =>
    sources.reduce((sum, s) => sum + Math.max(0, Math.min(s.durationS, context.currentTime - s.startS)), 0) * 1000;
  const checkDrained = () => {
    if (!replyId || !finished || sources.some((s) => s.startS + s.durationS > context.currentTime + 0.005)) return;
    const id = replyId;
    const ms = playedMs();
    replyId = undefined;
    sources = [];
    handlers.onDrained(id, ms);
  };

  return {
    element,
    get playing() {
      return replyId !== undefined;
    },
    get replyId() {
      return replyId;
    },
    enqueue(id, samples, sampleRate) {
      if (id !== replyId) {
        this.stop();
        replyId = id;
        finished = false;
        started = false;
      }
      const buffer = context.createBuffer(1, samples.length, sampleRate);
      buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
      const node = context.createBufferSource();
      node.buffer = buffer;
      node.connect(output);
      const startS = Math.max(nextS, context.currentTime + 0.01);
      node.start(startS);
      nextS = startS + buffer.duration;
      sources.push({ node, startS, durationS: buffer.duration });
      node.onended = checkDrained;
      handlers.onScheduled(startS, samples, sampleRate);
      if (!started) {
        started = true;
        handlers.onStart(id, startS);
      }
    },
    finish(id) {
      if (id !== replyId) return;
      finished = true;
      checkDrained();
    },
    stop() {
      const ms = replyId ? playedMs() : 0;
      for (const s of sources) {
        s.node.onended = null;
        try {
          s.node.stop();
        } catch {
          // A source that never started cannot be stopped; it is dropped either way.
        }
        s.node.disconnect();
      }
      sources = [];
      nextS = 0;
      replyId = undefined;
      return ms;
    },
    close() {
      this.stop();
      element.srcObject = null;
    },
  };
}
