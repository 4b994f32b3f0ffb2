import type { SystemResult } from './run-bench-dataset.ts';

const percent = (value: number | undefined): string =>
  value === undefined ? '' : `${(100 * value).toFixed(2)}%`;

/** A Markdown table of the results: one row per dataset, parley and NLP.js side by side. */
export function formatBenchTable(results: Record<string, Record<string, SystemResult>>): string {
  const header = [
    'dataset',
    'parley acc',
    'NLP.js acc',
    'parley OOS recall',
    'NLP.js OOS recall',
    'parley train s',
    'NLP.js train s',
    'parley p50 / p99 ms',
    'NLP.js p50 / p99 ms',
  ];
  const rows = Object.entries(results).map(([dataset, { parley, nlpjs }]) => [
    dataset,
    percent(parley?.accuracy),
    percent(nlpjs?.accuracy),
    percent(parley?.oos_recall),
    percent(nlpjs?.oos_recall),
    parley === undefined ? '' : parley.train_s.toFixed(2),
    nlpjs === undefined ? '' : nlpjs.train_s.toFixed(2),
    parley === undefined ? '' : `${parley.p50_ms.toFixed(3)} / ${parley.p99_ms.toFixed(3)}`,
    nlpjs === undefined ? '' : `${nlpjs.p50_ms.toFixed(3)} / ${nlpjs.p99_ms.toFixed(3)}`,
  ]);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}
