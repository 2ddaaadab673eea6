import { parentPort, workerData } from 'node:worker_threads';
import { markdownToParse } from '../analysis/analyse.js';
import { parseMarkdown } from '../analysis/parse.js';
import type { ParseAnswer } from './parse-thread.js';

/*
 * The body of the parse thread (`parse-thread.ts`), its own bundle (`dist/parse.js`): a text
 * in, the tree of the Markdown that `analyse` would parse out. It keeps the parser's pieces
 * (`parseMarkdown`) between texts, so that an edit of a large draft parses one piece again.
 */
const port = parentPort;
if (port && (workerData as { ratsfederParse?: boolean } | undefined)?.ratsfederParse) {
  port.on('message', ({ id, text }: { id: number; text: string }) => {
    let answer: ParseAnswer;
    try {
      const markdown = markdownToParse(text);
      answer = { id, tree: markdown === undefined ? { type: 'root', children: [] } : parseMarkdown(markdown) };
    } catch (error) {
      answer = { id, failed: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
  });
}
