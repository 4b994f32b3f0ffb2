/**
 * The defaults overridden by the options that are set: unlike `{ ...defaults, ...options }`, an option
 * given as `undefined` keeps its default (while `0`, `''` and `false` are kept as given).
 */
export function withDefaults<T extends object, O extends object>(defaults: T, options: O): T & O {
  const merged = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(options)) if (value !== undefined) merged[key] = value;
  return merged as T & O;
}
