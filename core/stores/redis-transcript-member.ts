import type { TranscriptLine } from '../contracts/transcript.ts';

/**
 * The transcript line a member of a conversation's `lines` sorted set stands for: `<seq> <JSON of role, text, at,
 * turnId>` (the line number first keeps members unique and lets a script read it without parsing JSON).
 */
export function parseTranscriptMember(member: string): TranscriptLine {
  const space = member.indexOf(' ');
  const line = JSON.parse(member.slice(space + 1)) as Omit<TranscriptLine, 'seq'>;
  return { seq: Number(member.slice(0, space)), role: line.role, text: line.text, at: line.at, turnId: line.turnId };
}
