/** How a JSON-Schema constraint shapes the text it allows. */
export interface JsonConstraintOptions {
  /**
   * Insignificant whitespace: `'compact'` allows one optional space after each `:` and `,` (how chat
   * models usually write JSON, `{"a": 1, "b": 2}`); `'none'` allows no whitespace at all. Default
   * `'compact'`. Nothing else is allowed, which keeps the number of distinct states, and masks, small.
   */
  whitespace: 'none' | 'compact';
  /** Longest string, in characters, where the schema gives no `maxLength`. Default 4096. */
  maxStringLength: number;
  /** Longest number, in characters (sign, digits, point, exponent). Default 24. */
  maxNumberLength: number;
  /** Most array items, or map entries, where the schema gives no `maxItems`/`maxProperties`. Default 64. */
  maxItems: number;
}

/** Defaults of {@link JsonConstraintOptions}. */
export const defaultJsonConstraintOptions: JsonConstraintOptions = {
  whitespace: 'compact',
  maxStringLength: 4096,
  maxNumberLength: 24,
  maxItems: 64,
};
