import { ConfigError } from '../contracts/errors/config-error.ts';
import type { ConversationStore } from '../contracts/conversation-store.ts';

/** Where a crash test may kill the process: the moments between the durable writes of a turn. */
export const crashPointNames = ['after-accept', 'after-journal', 'after-command', 'before-commit', 'after-commit'] as const;

/** One crash point. */
export type CrashPoint = (typeof crashPointNames)[number];

/**
 * Parses `PARLEY_CRASH_POINTS`, e.g. `after-journal:0.3,before-commit:0.2` (point, then the probability of
 * dying there each time it is reached; 1 when left out). Throws `ConfigError` for an unknown point or a
 * probability outside [0, 1].
 */
export function parseCrashPoints(spec: string): Map<CrashPoint, number> {
  const points = new Map<CrashPoint, number>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, p = '1'] = part.split(':');
    const probability = Number(p);
    if (!crashPointNames.includes(name as CrashPoint)) throw new ConfigError('PARLEY_CRASH_POINTS', `points among ${crashPointNames.join(', ')}`, name);
    if (!(probability >= 0 && probability <= 1)) throw new ConfigError('PARLEY_CRASH_POINTS', 'probabilities from 0 to 1', p);
    points.set(name as CrashPoint, probability);
  }
  return points;
}

/**
 * Wraps a store so that the process SIGKILLs itself at the given points (fault injection for crash tests, as
 * `parley start` does when `PARLEY_CRASH_POINTS` is set): after a turn is accepted, after a side effect is
 * journaled (before it runs), after the command ran (before its result is journaled), before and after the
 * turn's commit. Never set it in production.
 */
export function withCrashPoints(store: ConversationStore, points: ReadonlyMap<CrashPoint, number>, random: () => number = Math.random): ConversationStore {
  const maybeDie = (point: CrashPoint): void => {
    const p = points.get(point);
    if (p !== undefined && random() < p) process.kill(process.pid, 'SIGKILL');
  };
  return {
    ...store,
    provider: store.provider,
    async acceptTurn(turn) {
      const accepted = await store.acceptTurn(turn);
      if (accepted.status === 'new') maybeDie('after-accept');
      return accepted;
    },
    async beginEffect(effect) {
      const record = await store.beginEffect(effect);
      if (record.status === 'new') maybeDie('after-journal');
      return record;
    },
    async finishEffect(key, result) {
      maybeDie('after-command');
      return store.finishEffect(key, result);
    },
    async commitTurn(commit) {
      maybeDie('before-commit');
      const version = await store.commitTurn(commit);
      maybeDie('after-commit');
      return version;
    },
  };
}
