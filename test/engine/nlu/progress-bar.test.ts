import { describe, expect, it } from 'vitest';
import { createProgressBar, type ProgressStream } from '../../../channels/cli/progress-bar.ts';

function fakeStream(isTTY: boolean, columns?: number): ProgressStream & { output: string[] } {
  const output: string[] = [];
  return {
    isTTY,
    ...(columns === undefined ? {} : { columns }),
    output,
    write: (chunk: string) => output.push(chunk),
  };
}

function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('createProgressBar', () => {
  it('draws nothing for a job that finishes within the delay', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const bar = createProgressBar({ stream, now: clock.now, delayMs: 1000 });
    bar.update(0.5);
    clock.advance(900);
    bar.update(1);
    bar.done();
    expect(stream.output).toEqual([]);
    expect(bar.shown).toBe(false);
  });

  it('draws a bar in place after the delay, then ends the line when done', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const bar = createProgressBar({ stream, now: clock.now, label: 'training', width: 10 });
    clock.advance(1500);
    bar.update(0.3);
    bar.update(0.3); // same picture: no redraw
    clock.advance(500);
    bar.update(0.75);
    bar.done();
    expect(stream.output).toEqual([
      '\rtraining [###.......]  30% 1.5s',
      '\rtraining [########..]  75% 2.0s',
      '\rtraining [##########] 100% 2.0s',
      '\n',
    ]);
    expect(bar.shown).toBe(true);
    bar.update(0.1);
    expect(stream.output).toHaveLength(4);
  });

  it('stays silent on a non-terminal stream unless forced', () => {
    const clock = fakeClock();
    clock.advance(5000);
    const silent = fakeStream(false);
    const bar = createProgressBar({ stream: silent, now: clock.now, delayMs: 0 });
    bar.update(0.5);
    bar.done();
    expect(silent.output).toEqual([]);
    const forced = fakeStream(false);
    const forcedBar = createProgressBar({ stream: forced, now: clock.now, delayMs: 0, force: true });
    forcedBar.update(0.5);
    forcedBar.done();
    expect(forced.output.at(-1)).toBe('\n');
    expect(forced.output[0]).toMatch(/\[#+\.+\] {2}50%/);
  });

  it('shrinks the bar to fit a narrow terminal and clamps odd fractions', () => {
    const stream = fakeStream(true, 40);
    const bar = createProgressBar({
      stream,
      now: () => 2000,
      delayMs: 0,
      label: 'training intent classifier',
      width: 30,
    });
    bar.update(Number.NaN);
    bar.update(7);
    for (const line of stream.output) expect(line.length - 1).toBeLessThanOrEqual(40);
    expect(stream.output.at(-1)).toContain('100%');
  });
});
