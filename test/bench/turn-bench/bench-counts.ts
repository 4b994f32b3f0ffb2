/** Whole-number settings of a bench, each from `--flag`, else `<PREFIX>_<FLAG>` in the environment, else a default. */
export interface BenchCounts<K extends string> {
  /** `--quick` (or `<PREFIX>_QUICK=1`): the short defaults. */
  quick: boolean;
  /** The flag's value; a flag a bench takes but sets no default for is not read here. */
  count(flag: K): number;
  /** A string flag (or its environment variable), undefined when neither is set. */
  text(flag: string): string | undefined;
}

/**
 * Reads a bench's counts the one way bench:turns and bench:scale share, so a bad value fails the same way in both
 * (`--rounds must be a positive whole number, not "x"`). `values` are `parseArgs` values.
 */
export function benchCounts<K extends string>(
  envPrefix: string,
  values: Record<string, string | boolean | undefined>,
  defaults: { quick: Record<K, number>; full: Record<K, number> },
): BenchCounts<K> {
  const fromEnv = (flag: string) => process.env[`${envPrefix}_${flag.toUpperCase().replaceAll('-', '_')}`];
  const text = (flag: string): string | undefined => {
    const value = values[flag];
    return typeof value === 'string' ? value : fromEnv(flag);
  };
  const quick = values.quick === true || ['1', 'true'].includes(fromEnv('quick') ?? '');
  const chosen = quick ? defaults.quick : defaults.full;
  return {
    quick,
    text,
    count(flag) {
      const raw = text(flag);
      if (raw === undefined) return chosen[flag];
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a positive whole number, not "${raw}"`);
      return n;
    },
  };
}
