/** Keeps the path of headings above the current point of a document while it is read in order. */
export interface HeadingTracker {
  /** A heading of `level` (1 = top) was read: it replaces every heading at its level or below. */
  enter(level: number, text: string): void;
  /** Headings above the current point, outermost first. */
  path(): string[];
  /** The first level-1 heading read, if any. */
  firstTitle(): string | undefined;
}

/** A {@link HeadingTracker}; skipped levels (an h3 right under an h1) simply do not appear in the path. */
export function createHeadingTracker(): HeadingTracker {
  const stack: { level: number; text: string }[] = [];
  let title: string | undefined;
  return {
    enter(level, text) {
      while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
      if (text === '') return;
      stack.push({ level, text });
      if (level === 1 && title === undefined) title = text;
    },
    path: () => stack.map((heading) => heading.text),
    firstTitle: () => title,
  };
}
