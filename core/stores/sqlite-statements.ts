import type { Database } from 'better-sqlite3';
import { ConversationConflictError } from '../contracts/errors/conversation-conflict-error.ts';
import { LeaseLostError } from '../contracts/errors/lease-lost-error.ts';
import type { Lease } from '../contracts/conversation-store.ts';

interface ConversationRow {
  version: number;
  state: string;
  updated_at: number;
}

interface TurnRow {
  status: string;
  result: string | null;
}

interface EffectRow {
  status: string;
  result: string | null;
}

interface LineRow {
  seq: number;
  role: 'user' | 'bot';
  text: string;
  at: number;
  turn_id: string;
}

interface LeaseRow {
  owner: string;
  token: number;
  expires_at: number;
}

/** The conversation store's prepared statements and transactions over one connection. */
export type SqliteStatements = ReturnType<typeof prepareSqliteStatements>;

/** Prepares every statement the SQLite store runs; transactions take the write lock up front (`.immediate`). */
export function prepareSqliteStatements(db: Database) {
  const selectRow = db.prepare<[string], ConversationRow>('SELECT version, state, updated_at FROM conversations WHERE id = ?');
  const selectVersion = db.prepare<[string], { version: number }>('SELECT version FROM conversations WHERE id = ?');
  const insertNew = db.prepare<[id: string, state: string, updatedAt: number]>(
    'INSERT INTO conversations (id, version, state, updated_at) VALUES (?, 1, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const updateIfVersion = db.prepare<[state: string, updatedAt: number, id: string, version: number]>(
    'UPDATE conversations SET version = version + 1, state = ?, updated_at = ? WHERE id = ? AND version = ?',
  );
  const deleteRows = [
    db.prepare<[string]>('DELETE FROM conversations WHERE id = ?'),
    db.prepare<[string]>('DELETE FROM turns WHERE conversation_id = ?'),
    db.prepare<[string]>('DELETE FROM effects WHERE conversation_id = ?'),
    db.prepare<[string]>('DELETE FROM transcript WHERE conversation_id = ?'),
    db.prepare<[string]>('DELETE FROM leases WHERE conversation_id = ?'),
  ];
  const selectTurn = db.prepare<[string, string], TurnRow>('SELECT status, result FROM turns WHERE conversation_id = ? AND turn_id = ?');
  const insertTurn = db.prepare<[string, string, string, number]>(
    "INSERT INTO turns (conversation_id, turn_id, status, turn, accepted_at) VALUES (?, ?, 'accepted', ?, ?) ON CONFLICT DO NOTHING",
  );
  const pendingTurns = db.prepare<[], { turn: string }>("SELECT turn FROM turns WHERE status = 'accepted' ORDER BY accepted_at");
  const abandonTurn = db.prepare<[string, string]>("DELETE FROM turns WHERE conversation_id = ? AND turn_id = ? AND status = 'accepted'");
  // Upsert: a turn whose channel answers only after the turn (REST) is first written here, done.
  const finishTurn = db.prepare<[string, string, string, string, number, number]>(
    "INSERT INTO turns (conversation_id, turn_id, status, turn, result, accepted_at, finished_at) VALUES (?, ?, 'done', ?, ?, ?, ?) ON CONFLICT (conversation_id, turn_id) DO UPDATE SET status = 'done', result = excluded.result, finished_at = excluded.finished_at",
  );
  const lastSeq = db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM transcript WHERE conversation_id = ?');
  const insertLine = db.prepare<[string, number, string, string, number, string]>(
    'INSERT INTO transcript (conversation_id, seq, role, text, at, turn_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const linesAfter = db.prepare<[string, number, number], LineRow>(
    'SELECT seq, role, text, at, turn_id FROM transcript WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const lastLines = db.prepare<[string, number], LineRow>(
    'SELECT seq, role, text, at, turn_id FROM transcript WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?',
  );
  const replyLines = db.prepare<[string, number, string], { seq: number }>(
    "SELECT seq FROM (SELECT seq, role, turn_id FROM transcript WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?) WHERE role = 'bot' AND turn_id = ? ORDER BY seq",
  );
  const setLineText = db.prepare<[string, string, number]>('UPDATE transcript SET text = ? WHERE conversation_id = ? AND seq = ?');
  const deleteLine = db.prepare<[string, number]>('DELETE FROM transcript WHERE conversation_id = ? AND seq = ?');
  const selectEffect = db.prepare<[string], EffectRow>('SELECT status, result FROM effects WHERE key = ?');
  const insertEffect = db.prepare<[string, string, string, string, string, number]>(
    "INSERT INTO effects (key, conversation_id, turn_id, command, args, status, started_at) VALUES (?, ?, ?, ?, ?, 'started', ?)",
  );
  const finishEffect = db.prepare<[string, number, string]>("UPDATE effects SET status = 'finished', result = ?, finished_at = ? WHERE key = ?");
  const selectLease = db.prepare<[string], LeaseRow>('SELECT owner, token, expires_at FROM leases WHERE conversation_id = ?');
  const upsertLease = db.prepare<[string, string, number, number]>(
    'INSERT INTO leases (conversation_id, owner, token, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET owner = excluded.owner, token = excluded.token, expires_at = excluded.expires_at',
  );
  const releaseLease = db.prepare<[number, string, string, number]>('UPDATE leases SET expires_at = ? WHERE conversation_id = ? AND owner = ? AND token = ?');
  const purge = [
    db.prepare<[number]>("DELETE FROM turns WHERE status = 'done' AND finished_at < ?"),
    db.prepare<[number]>("DELETE FROM effects WHERE status = 'finished' AND finished_at < ?"),
    db.prepare<[number]>('DELETE FROM transcript WHERE at < ?'),
    db.prepare<[number]>('DELETE FROM leases WHERE expires_at < ?'),
  ];
  const probe = db.prepare<[number]>('INSERT INTO probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at');

  const checkLease = (lease: Lease, now: number): void => {
    const row = selectLease.get(lease.conversationId);
    if (!row || row.owner !== lease.owner || row.token !== lease.token || row.expires_at < now) {
      throw new LeaseLostError(lease.conversationId, lease.token);
    }
  };

  const saveState = (conversationId: string, json: string, expectedVersion: number, updatedAt: number): number => {
    const changes =
      expectedVersion === 0
        ? insertNew.run(conversationId, json, updatedAt).changes
        : updateIfVersion.run(json, updatedAt, conversationId, expectedVersion).changes;
    if (changes === 1) return expectedVersion + 1;
    const actualVersion = selectVersion.get(conversationId)?.version ?? 0;
    throw new ConversationConflictError(conversationId, expectedVersion, actualVersion);
  };

  return {
    selectRow,
    selectTurn,
    pendingTurns,
    abandonTurn,
    linesAfter,
    lastLines,
    selectEffect,
    finishEffect,
    releaseLease,
    probe,
    save: db.transaction(saveState),
    delete: db.transaction((conversationId: string) => deleteRows.map((s) => s.run(conversationId).changes)[0]! > 0),
    /** Inserts the turn unless its id is known (one statement, atomic on its own); returns the known row. */
    accept: (conversationId: string, turnId: string, turn: string, now: number): TurnRow | undefined =>
      insertTurn.run(conversationId, turnId, turn, now).changes === 1 ? undefined : selectTurn.get(conversationId, turnId),
    commit: db.transaction(
      (
        commit: { conversationId: string; expectedVersion: number; json: string; lease: Lease },
        results: ReadonlyArray<{ turnId: string; json: string }>,
        lines: ReadonlyArray<{ role: string; text: string; at: number; turnId: string }>,
        now: number,
      ): number => {
        checkLease(commit.lease, now);
        const version = saveState(commit.conversationId, commit.json, commit.expectedVersion, now);
        for (const r of results) finishTurn.run(commit.conversationId, r.turnId, JSON.stringify({ id: r.turnId, conversationId: commit.conversationId }), r.json, now, now);
        let seq = lastSeq.get(commit.conversationId)?.seq ?? 0;
        for (const l of lines) insertLine.run(commit.conversationId, ++seq, l.role, l.text, l.at, l.turnId);
        return version;
      },
    ),
    /** The turn's last bot line (of the last `window` lines) takes `text`, its earlier bot lines go; false when it has none. */
    reviseReply: db.transaction((conversationId: string, turnId: string, text: string, window: number): boolean => {
      const seqs = replyLines.all(conversationId, window, turnId).map((r) => r.seq);
      const last = seqs.pop();
      if (last === undefined) return false;
      for (const seq of seqs) deleteLine.run(conversationId, seq);
      setLineText.run(text, conversationId, last);
      return true;
    }),
    beginEffect: db.transaction(
      (effect: { key: string; conversationId: string; turnId: string; command: string; args: string; lease: Lease }, now: number): EffectRow | undefined => {
        checkLease(effect.lease, now);
        const row = selectEffect.get(effect.key);
        if (row) return row;
        insertEffect.run(effect.key, effect.conversationId, effect.turnId, effect.command, effect.args, now);
        return undefined;
      },
    ),
    acquireLease: db.transaction((conversationId: string, owner: string, ttlMs: number, now: number): Lease | undefined => {
      const row = selectLease.get(conversationId);
      if (row && row.owner !== owner && row.expires_at >= now) return undefined;
      const token = row && row.owner === owner && row.expires_at >= now ? row.token : (row?.token ?? 0) + 1;
      upsertLease.run(conversationId, owner, token, now + ttlMs);
      return { conversationId, owner, token };
    }),
    takeOverLease: db.transaction((conversationId: string, from: string, owner: string, ttlMs: number, now: number): Lease | undefined => {
      const row = selectLease.get(conversationId);
      if (!row || row.owner !== from) return undefined;
      const token = row.token + 1;
      upsertLease.run(conversationId, owner, token, now + ttlMs);
      return { conversationId, owner, token };
    }),
    selectLease,
    purge: db.transaction((before: number): number => purge.reduce((n, s) => n + s.run(before).changes, 0)),
  };
}
