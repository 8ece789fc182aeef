/**
 * Finds the top-level elements of a JSON array text without parsing it whole. A 50,000-user
 * list is ~20 MB of text but several times that as objects; parsing element by element keeps one
 * user in memory at a time. Throws on text that is not one complete array (e.g. a truncated body).
 */
export interface ArraySpans {
  /** start, end offsets of each element, flattened. */
  spans: number[];
  count: number;
}

export function splitJsonArray(text: string): ArraySpans {
  const spans: number[] = [];
  let i = 0;
  const n = text.length;
  const ws = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
  while (i < n && ws(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 91 /* [ */) throw new SyntaxError('expected a JSON array');
  i++;
  let depth = 0;
  let inString = false;
  let start = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      if (start < 0) start = i;
    } else if (c === 123 || c === 91) {
      if (start < 0) start = i;
      depth++;
    } else if (c === 125 || c === 93) {
      if (depth === 0) {
        if (c !== 93) throw new SyntaxError(`unexpected } at ${i}`);
        if (start >= 0) spans.push(start, i);
        for (i++; i < n; i++) if (!ws(text.charCodeAt(i))) throw new SyntaxError(`text after the array at ${i}`);
        return { spans, count: spans.length / 2 };
      }
      depth--;
    } else if (c === 44 /* , */ && depth === 0) {
      if (start < 0) throw new SyntaxError(`empty element at ${i}`);
      spans.push(start, i);
      start = -1;
    } else if (start < 0 && !ws(c)) start = i;
  }
  throw new SyntaxError('the array is not closed (truncated body?)');
}
