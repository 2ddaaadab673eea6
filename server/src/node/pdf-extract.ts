import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
// PDF.js parses in a worker; in Node it runs the worker's code in this thread, from here.
import * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/*
 * A PDF's text layer, line by line, with PDF.js (Mozilla's PDF reader). Its own bundle
 * (`dist/pdf.js`), loaded only when a document's text is fetched: PDF.js is larger than the
 * rest of the server together.
 */

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;

/** More pages than any Vorlage has; a file beyond is read up to here. */
export const MAX_PAGES = 400;

interface TextItem {
  readonly str: string;
  readonly hasEOL: boolean;
  readonly transform: readonly number[];
  readonly height: number;
}

/**
 * Each page's lines of text, top to bottom, an empty line where the gap to the line above is
 * clearly wider than the page's usual line spacing (a new paragraph).
 */
export async function pdfPages(bytes: Uint8Array): Promise<string[][]> {
  const task = pdfjs.getDocument({
    data: bytes,
    // No fonts loaded or evaluated, nothing fetched: only the text layer is read.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const document = await task.promise;
  try {
    const pages: string[][] = [];
    for (let number = 1; number <= Math.min(document.numPages, MAX_PAGES); number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(pageLines(content.items.filter((item): item is TextItem & typeof item => 'str' in item)));
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

function pageLines(items: readonly TextItem[]): string[] {
  const lines: { text: string; y: number; height: number }[] = [];
  let text = '';
  let y: number | undefined;
  let height = 0;
  const end = () => {
    if (text.trim() !== '' && y !== undefined) lines.push({ text, y, height });
    text = '';
    y = undefined;
    height = 0;
  };
  for (const item of items) {
    const itemY = item.transform[5] ?? 0;
    // A new baseline well below the current one is a new line even without an end of line.
    if (y !== undefined && item.str !== '' && Math.abs(itemY - y) > Math.max(item.height, height, 1) * 0.5) end();
    if (item.str !== '') {
      if (y === undefined) y = itemY;
      height = Math.max(height, item.height);
      text += item.str;
    }
    if (item.hasEOL) end();
  }
  end();
  // Paragraphs: a gap of more than 1.4 times the most common line spacing.
  const gaps = lines.slice(1).map((line, index) => Math.round(lines[index]!.y - line.y));
  const usual = mode(gaps.filter((gap) => gap > 0));
  const out: string[] = [];
  lines.forEach((line, index) => {
    const gap = index > 0 ? lines[index - 1]!.y - line.y : 0;
    if (index > 0 && usual !== undefined && (gap > usual * 1.4 || gap < 0)) out.push('');
    out.push(line.text);
  });
  return out;
}

function mode(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  let best: number | undefined;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (best === undefined || count > counts.get(best)! || (count === counts.get(best) && value < best)) best = value;
  }
  return best;
}
