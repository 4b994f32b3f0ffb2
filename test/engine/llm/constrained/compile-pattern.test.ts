import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../../../engine/llm/constrained/pattern/compile-pattern.ts';
import { isParleyError } from '../../../../core/contracts/errors/parley-error.ts';

/** 'accept', 'prefix' (can still match) or 'dead'. */
function run(pattern: string, text: string): 'accept' | 'prefix' | 'dead' {
  const dfa = compilePattern(pattern);
  let state = dfa.start;
  for (const byte of new TextEncoder().encode(text)) {
    state = dfa.next[state * 256 + byte]!;
    if (state < 0) return 'dead';
  }
  return dfa.accepting[state] === 1 ? 'accept' : 'prefix';
}

describe('compilePattern', () => {
  it('lets ^\\d{5}$ match exactly five digits', () => {
    expect(run('^\\d{5}$', '45210')).toBe('accept');
    expect(['', '4', '452', '4521'].map((t) => run('^\\d{5}$', t))).toEqual([
      'prefix',
      'prefix',
      'prefix',
      'prefix',
    ]);
    expect(run('^\\d{5}$', '452101')).toBe('dead');
    expect(run('^\\d{5}$', '4521a')).toBe('dead');
    expect(run('^\\d{5}$', '٤')).toBe('dead');
    const dfa = compilePattern('^\\d{5}$');
    expect(dfa.minChars[dfa.start]).toBe(5);
    expect(dfa.maxChars[dfa.start]).toBe(5);
  });

  it.each([
    ['^[a-z0-9_-]+$', 'ab_c-9', 'accept'],
    ['^[a-z0-9_-]+$', 'aB', 'dead'],
    ['^[^abc]+$', 'xyz', 'accept'],
    ['^[^abc]+$', 'xaz', 'dead'],
    ['^[^abc]$', 'é', 'accept'],
    ['^\\w+\\s\\w+$', 'hello world', 'accept'],
    ['^\\W$', '_', 'dead'],
    ['^\\S+$', 'a b', 'dead'],
    ['^\\D+$', 'ab3', 'dead'],
    ['^(ab|cd)+$', 'abcdab', 'accept'],
    ['^(ab|cd)+$', 'abc', 'prefix'],
    ['^(?:ab|cd)?x$', 'x', 'accept'],
    ['^(?<part>ab)*$', 'abab', 'accept'],
    ['^a{2,3}$', 'aaaa', 'dead'],
    ['^a{2,}$', 'aaaaaaa', 'accept'],
    ['^a{2,}?$', 'aaa', 'accept'],
    ['^colou?r$', 'color', 'accept'],
    ['^.$', '日', 'accept'],
    ['^.$', '\n', 'dead'],
    ['^\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\\\\\/\\-\\^\\$$', '.*+?()[]{}|\\/-^$', 'accept'],
    ['^\\x41\\u0042\\u{43}$', 'ABC', 'accept'],
    ['^[äöü]+$', 'äöü', 'accept'],
    ['^[à-ÿ]$', 'é', 'accept'],
    ['^[à-ÿ]$', 'a', 'dead'],
    ['^a|b$', 'ax', 'accept'],
    ['^a|b$', 'xb', 'accept'],
    ['^a|b$', 'xa', 'prefix'],
    ['ab', 'xxabyy', 'accept'],
    ['^\\d+(\\.\\d{1,2})?$', '12.345', 'dead'],
    ['^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$', 'ann@example.com', 'accept'],
  ] as const)('/%s/ on %j: %s', (pattern, text, expected) => {
    expect(run(pattern, text)).toBe(expected);
  });

  it("compiles zod 4's e-mail pattern", () => {
    const email =
      "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$";
    expect(run(email, 'first.last@shop.example.org')).toBe('accept');
    expect(run(email, 'first..last@')).toBe('dead');
  });

  it.each([
    ['^(?=a)a$', 'lookarounds'],
    ['^(?!a).$', 'lookarounds'],
    ['^(?<=a)b$', 'lookarounds'],
    ['^(a)\\1$', 'back-references'],
    ['^\\bword$', 'word boundaries'],
    ['^\\p{L}+$', 'Unicode property'],
    ['^a$b', '"$"'],
    ['a^b', '"^"'],
    ['^[^é]$', 'negated class'],
    ['^(ab', 'unterminated group'],
    ['^[ab$', 'unterminated character class'],
    ['^a{2000}$', 'repetition bounds'],
    ['^\\q$', 'escape \\q'],
    ['^*a$', 'unexpected'],
  ])('rejects /%s/ with a clear error (%s)', (pattern, reason) => {
    let error: unknown;
    try {
      compilePattern(pattern);
    } catch (caught) {
      error = caught;
    }
    expect(isParleyError(error)).toBe(true);
    expect((error as Error).name).toBe('UnsupportedPatternError');
    expect((error as Error).message).toContain(reason);
    expect((error as Error).message).toContain(pattern);
  });
});
