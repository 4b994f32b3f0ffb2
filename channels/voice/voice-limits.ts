/** Limits on what voice clients send; each refusal is answered with an error naming the limit. */
export interface VoiceLimits {
  /** Longest utterance, in seconds of audio. Default 30. */
  maxUtteranceSeconds: number;
  /** Largest utterance, in bytes (a WAV body, or the PCM of a socket stream). Default 2,000,000. */
  maxUtteranceBytes: number;
  /** Largest audio chunk of a socket stream, in bytes (socket.io's own packet limit is above it). Default 16,384. */
  maxChunkBytes: number;
  /** Utterances streaming at once on one connection. Default 1. */
  streamsPerConnection: number;
  /** Utterances per connection: `burst` at once, then `perMinute`. Default 10, then 30 a minute. */
  utterancesPerConnection: { burst: number; perMinute: number };
  /**
   * How far the reply's audio may run ahead of real-time playback on a socket, in milliseconds: synthesis waits
   * beyond it, so an interruption stops speech that has not been sent. Default 1000.
   */
  audioLeadMs: number;
}

/** The defaults of {@link VoiceLimits}. */
export const defaultVoiceLimits: VoiceLimits = {
  maxUtteranceSeconds: 30,
  maxUtteranceBytes: 2_000_000,
  maxChunkBytes: 16_384,
  streamsPerConnection: 1,
  utterancesPerConnection: { burst: 10, perMinute: 30 },
  audioLeadMs: 1000,
};
