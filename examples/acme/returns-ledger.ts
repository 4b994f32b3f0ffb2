import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A return the demo has opened. */
export interface ReturnRecord {
  return_id: string;
  order_id: string;
  reason: string;
  /** ISO date-time. */
  created_at: string;
}

/** Where the demo keeps the returns it opens: one JSON line per return. */
export interface ReturnsLedger {
  add(orderId: string, reason: string): Promise<ReturnRecord>;
  list(): Promise<ReturnRecord[]>;
}

/** A ledger in a JSON-lines file (created on first write). */
export function createReturnsLedger(file: string, now: () => Date = () => new Date()): ReturnsLedger {
  let queue = Promise.resolve();
  const list = async (): Promise<ReturnRecord[]> => {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    return text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as ReturnRecord);
  };
  return {
    list,
    add(orderId, reason) {
      const added = queue.then(async () => {
        const existing = await list();
        const record: ReturnRecord = {
          return_id: `R-${1001 + existing.length}`,
          order_id: orderId,
          reason,
          created_at: now().toISOString(),
        };
        await mkdir(dirname(file), { recursive: true });
        await appendFile(file, `${JSON.stringify(record)}\n`);
        return record;
      });
      queue = added.then(() => undefined, () => undefined);
      return added;
    },
  };
}
