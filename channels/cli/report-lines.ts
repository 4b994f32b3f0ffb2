import type { BotCheckReport } from './check-bot.ts';
import type { StoryReport } from './run-stories.ts';

/** The human-readable report of `parley test`: one line per failure with what the bot did, then a summary. */
export function formatStoryReport(report: StoryReport): string {
  const lines = report.failures.flatMap((f) => [
    `✗ ${f.story} (${f.file}), turn ${f.turn} "${f.user}":`,
    ...f.problems.map((p) => `    ${p}`),
    `    the bot: intent ${JSON.stringify(f.intent)}, replies ${JSON.stringify(f.replies)}${f.commands.length > 0 ? `, commands ${JSON.stringify(f.commands)}` : ''}`,
  ]);
  lines.push(`${report.passed} of ${report.stories_n} stories passed (${report.turns_n} turns, ${report.duration_ms} ms)`);
  return `${lines.join('\n')}\n`;
}

/** The human-readable report of `parley check`: each problem with its fix, the type errors, then a summary. */
export function formatCheckReport(report: BotCheckReport): string {
  const lines = report.problems.map((p) => `✗ skill "${p.skill}", ${p.path}: ${p.problem}\n    fix: ${p.fix}`);
  lines.push(...report.type_errors);
  const types = report.tsconfig === null ? 'type check skipped' : `${report.type_errors.length} type errors (tsc -p ${report.tsconfig})`;
  lines.push(`${report.problems.length} skill problems, ${types}`);
  return `${lines.join('\n')}\n`;
}
