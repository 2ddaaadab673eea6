/** A position as people read it: 1-based line and column, plus the 0-based UTF-16 offset. */
export interface Point {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/**
 * Maps UTF-16 offsets to lines and columns. Columns count UTF-16 code units, which is
 * what LSP's default position encoding and JavaScript strings both use, so offsets
 * convert to LSP positions without re-reading the text.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    // LF, CR LF and a lone CR each end a line, as LSP counts them.
    const starts = [0];
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === 10) starts.push(at + 1);
      else if (code === 13 && text.charCodeAt(at + 1) !== 10) starts.push(at + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of an offset (clamped to the text). */
  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line: line + 1, column: clamped - this.starts[line]! + 1, offset: clamped };
  }

  /** 0-based line of an offset, by binary search. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Offset of a 0-based line and character, clamped to the line's end (before CR LF). */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    const start = this.starts[line]!;
    const end = this.lineEnd(line);
    return Math.min(start + Math.max(0, character), end);
  }

  /** Offset of the first character of a 0-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** Offset just past the last character of a 0-based line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! - 1 : this.text.length;
    // `next` is the break's last unit (LF or a lone CR); a CR before an LF belongs to it.
    return next > this.lineStart(line) && this.text.charCodeAt(next) === 10 && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }
}

