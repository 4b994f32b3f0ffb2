import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunkDocument } from '../../../engine/knowledge/chunk-document.ts';
import {
  createFolderKnowledgeBase,
  type FolderKnowledgeBase,
} from '../../../engine/knowledge/folder-knowledge-base.ts';
import type { KnowledgeRefreshResult } from '../../../engine/knowledge/knowledge-base.ts';
import type { FolderWatcher } from '../../../engine/knowledge/watch-folder.ts';
import { acmeKnowledgeDir, describeKnowledgeBaseContract } from './knowledge-base-contract.ts';

const folders: string[] = [];
const open: FolderKnowledgeBase[] = [];

function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-kb-'));
  folders.push(dir);
  return dir;
}

/** A copy of the Acme documents in a fresh folder, and an index file path beside it. */
function acmeCopy(): { dir: string; indexFile: string } {
  const root = tempFolder();
  const dir = join(root, 'knowledge');
  cpSync(acmeKnowledgeDir, dir, { recursive: true });
  return { dir, indexFile: join(root, 'cache', 'knowledge-index.json') };
}

async function openKb(
  options: Parameters<typeof createFolderKnowledgeBase>[0],
): Promise<FolderKnowledgeBase> {
  const kb = await createFolderKnowledgeBase(options);
  open.push(kb);
  return kb;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((kb) => kb.close()));
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeKnowledgeBaseContract('folder', async (documents) => {
  const dir = tempFolder();
  for (const document of documents) writeFileSync(join(dir, document.file), document.content);
  return createFolderKnowledgeBase({ dir });
});

describe('createFolderKnowledgeBase', () => {
  it('indexes every document of the folder and its subfolders, skipping hidden and other files', async () => {
    const { dir } = acmeCopy();
    await mkdir(join(dir, 'faq'));
    await writeFile(join(dir, 'faq', 'stores.html'), '<h1>Stores</h1><p>Our Boston store opens at 9.</p>');
    await writeFile(join(dir, 'faq', 'notes.txt'), 'Parking\n\nFree parking behind the Boston store.');
    await writeFile(join(dir, '.draft.md'), '# Draft\nsecret');
    await writeFile(join(dir, 'logo.png'), 'not text');
    const kb = await openKb({ dir });
    expect(kb.files()).toEqual([
      'accounts-and-privacy.md',
      'faq/notes.txt',
      'faq/stores.html',
      'gift-cards-and-promotions.md',
      'payments-and-pricing.md',
      'returns-and-refunds.md',
      'shipping-and-delivery.md',
      'warranty-and-repairs.md',
    ]);
    const [hit] = await kb.search('where can I park near the Boston store?');
    expect(hit).toMatchObject({ file: 'faq/notes.txt', headingPath: ['Parking'], relevant: true });
  });

  it('keeps the index on disk: a restart indexes nothing again and finds the same passages', async () => {
    const { dir, indexFile } = acmeCopy();
    const chunker = vi.fn(chunkDocument);
    const first = await openKb({ dir, indexFile, chunker });
    expect(chunker).toHaveBeenCalledTimes(6);
    const before = await first.search('how much does a return cost?');
    await first.close();

    chunker.mockClear();
    const refreshes: KnowledgeRefreshResult[] = [];
    const second = await openKb({ dir, indexFile, chunker, onRefresh: (r) => refreshes.push(r) });
    expect(chunker).not.toHaveBeenCalled();
    expect(refreshes).toEqual([
      { added: [], changed: [], removed: [], unchanged: 6, chunks: first.chunkCount },
    ]);
    expect(await second.search('how much does a return cost?')).toEqual(before);
    expect(JSON.parse(readFileSync(indexFile, 'utf8')).format).toBe('parley-knowledge-index');
  });

  it('indexes only what was added, changed or removed on refresh, and saves the result', async () => {
    const { dir, indexFile } = acmeCopy();
    const chunker = vi.fn(chunkDocument);
    const kb = await openKb({ dir, indexFile, chunker });
    chunker.mockClear();

    const returns = join(dir, 'returns-and-refunds.md');
    writeFileSync(
      returns,
      readFileSync(returns, 'utf8').replace('flat fee of **$4.95**', 'flat fee of **$6.50**'),
    );
    writeFileSync(
      join(dir, 'store-hours.md'),
      '# Store hours\n## Weekdays\nOur stores open at 9 am and close at 8 pm.',
    );
    unlinkSync(join(dir, 'gift-cards-and-promotions.md'));

    expect(await kb.refresh()).toEqual({
      added: ['store-hours.md'],
      changed: ['returns-and-refunds.md'],
      removed: ['gift-cards-and-promotions.md'],
      unchanged: 4,
      chunks: kb.chunkCount,
    });
    expect(chunker).toHaveBeenCalledTimes(2);
    const [cost] = await kb.search('how much does a return cost?');
    expect(cost!.text).toContain('$6.50');
    expect((await kb.search('when do the stores open?'))[0]).toMatchObject({
      file: 'store-hours.md',
      relevant: true,
    });
    const giftHits = await kb.search('do gift cards expire?', 20);
    expect(giftHits.some((hit) => hit.file === 'gift-cards-and-promotions.md')).toBe(false);

    chunker.mockClear();
    const restarted = await openKb({ dir, indexFile, chunker });
    expect(chunker).not.toHaveBeenCalled();
    expect((await restarted.search('how much does a return cost?'))[0]!.text).toContain('$6.50');
  });

  it('does not index a touched file whose content is the same', async () => {
    const { dir, indexFile } = acmeCopy();
    const chunker = vi.fn(chunkDocument);
    const kb = await openKb({ dir, indexFile, chunker });
    chunker.mockClear();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'payments-and-pricing.md'), later, later);
    expect(await kb.refresh()).toMatchObject({ added: [], changed: [], removed: [], unchanged: 6 });
    expect(chunker).not.toHaveBeenCalled();
  });

  it('rebuilds from the documents when the index file is damaged or was built with other settings', async () => {
    const { dir, indexFile } = acmeCopy();
    await openKb({ dir, indexFile });
    writeFileSync(indexFile, '{"format": "parley-knowledge-index", "trunc');
    const chunker = vi.fn(chunkDocument);
    const repaired = await openKb({ dir, indexFile, chunker });
    expect(chunker).toHaveBeenCalledTimes(6);
    expect((await repaired.search('do you ship to Canada?'))[0]!.file).toBe('shipping-and-delivery.md');

    chunker.mockClear();
    await openKb({ dir, indexFile, chunker, maxChunkChars: 300 });
    expect(chunker).toHaveBeenCalledTimes(6);
  });

  it('re-indexes on its own when watching, once per burst of changes', async () => {
    const { dir } = acmeCopy();
    let notify: () => void = () => {};
    let closed = false;
    const watchFolder: FolderWatcher = (_dir, onChange) => {
      notify = onChange;
      return { close: () => (closed = true) };
    };
    const refreshed: KnowledgeRefreshResult[] = [];
    let done: (result: KnowledgeRefreshResult) => void = () => {};
    const kb = await openKb({
      dir,
      watch: true,
      watchFolder,
      watchDebounceMs: 20,
      onRefresh: (result) => {
        refreshed.push(result);
        done(result);
      },
    });
    const next = new Promise<KnowledgeRefreshResult>((resolve) => (done = resolve));
    writeFileSync(join(dir, 'store-hours.md'), '# Store hours\n## Weekdays\nOur stores open at 9 am.');
    notify();
    notify();
    notify();
    expect(await next).toMatchObject({ added: ['store-hours.md'], changed: [], removed: [] });
    expect(refreshed).toHaveLength(2);
    expect((await kb.search('when do the stores open?'))[0]!.file).toBe('store-hours.md');
    await kb.close();
    expect(closed).toBe(true);
  });

  it('watches the real folder with fs.watch by default', async () => {
    const { dir } = acmeCopy();
    let done: (result: KnowledgeRefreshResult) => void = () => {};
    const next = new Promise<KnowledgeRefreshResult>((resolve) => (done = resolve));
    const kb = await openKb({
      dir,
      watch: true,
      watchDebounceMs: 50,
      onRefresh: (result) => {
        if (result.added.includes('store-hours.md')) done(result);
      },
    });
    writeFileSync(join(dir, 'store-hours.md'), '# Store hours\n## Weekdays\nOur stores open at 9 am.');
    expect((await next).added).toEqual(['store-hours.md']);
    expect((await kb.search('when do the stores open?'))[0]!.file).toBe('store-hours.md');
  });

  it('reports an index file it cannot write, and still answers', async () => {
    const { dir } = acmeCopy();
    const blocker = join(tempFolder(), 'not-a-folder');
    writeFileSync(blocker, 'a file where the cache folder should be');
    const errors: unknown[] = [];
    const kb = await openKb({ dir, indexFile: join(blocker, 'index.json'), onError: (e) => errors.push(e) });
    expect(errors).toEqual([expect.objectContaining({ name: 'KnowledgeIndexError', retryable: true })]);
    expect((await kb.search('do you ship to Canada?'))[0]!.file).toBe('shipping-and-delivery.md');
  });

  it('rejects a folder that does not exist with a ConfigError', async () => {
    await expect(createFolderKnowledgeBase({ dir: join(tempFolder(), 'missing') })).rejects.toMatchObject({
      name: 'ConfigError',
      isParleyError: true,
    });
  });
});
