/** One system under test: a loopback server and the client that sends it turns. */
export interface TurnTarget {
  /** "parley" or "echo". */
  readonly name: string;
  /** How the turn travels, for the report. */
  readonly description: string;
  /** Sends one turn and resolves with the reply text once it has arrived; rejects on an HTTP or protocol error. */
  turn(conversationId: string, text: string): Promise<string>;
  close(): Promise<void>;
}
