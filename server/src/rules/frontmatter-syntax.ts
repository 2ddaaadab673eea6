import { defineRule, type Edit } from './types.js';

/** German explanations for the YAML errors people actually run into. */
const YAML_HINTS_DE: Readonly<Record<string, string>> = {
  BAD_INDENT: 'die Einrückung passt nicht',
  TAB_AS_INDENT: 'Tabulatoren sind als Einrückung nicht erlaubt',
  DUPLICATE_KEY: 'ein Feld steht doppelt',
  MISSING_CHAR: 'ein Zeichen fehlt (etwa ein schließendes Anführungszeichen oder eine Klammer)',
  MULTILINE_IMPLICIT_KEY: 'ein Feldname reicht über mehrere Zeilen (fehlt ein Doppelpunkt?)',
  BLOCK_AS_IMPLICIT_KEY: 'ein Wert enthält „: “; setzen Sie ihn in Anführungszeichen',
  BAD_ALIAS: 'ein Wert beginnt mit „&“ oder „*“; setzen Sie ihn in Anführungszeichen',
  UNRESOLVED_ALIAS: 'ein Wert beginnt mit „*“ (wie *kursiv*); setzen Sie ihn in Anführungszeichen, Markdown wirkt im Front Matter nicht',
  UNEXPECTED_TOKEN: 'ein unerwartetes Zeichen',
  BAD_SCALAR_START: 'ein Wert beginnt mit einem Zeichen, das Anführungszeichen braucht',
  BAD_DQ_ESCAPE: 'eine ungültige Escape-Sequenz in Anführungszeichen',
};

const SHAPES_DE: Readonly<Record<string, string>> = { list: 'eine Liste', scalar: 'ein einzelner Wert', empty: 'leer' };
const SHAPES_EN: Readonly<Record<string, string>> = { list: 'a list', scalar: 'a single value', empty: 'empty' };

export default defineRule({
  id: 'frontmatter-syntax',
  severity: 'error',
  title: {
    de: 'Das Front Matter steht zwischen zwei ---‑Zeilen und ist gültiges YAML mit Feldern.',
    en: 'The front matter sits between two --- lines and is valid YAML with fields.',
  },
  messages: {
    de: {
      missing: () => 'Die Felder am Anfang stehen nicht zwischen zwei Zeilen mit „---“; so werden sie nicht als Front Matter erkannt.',
      unclosed: () => 'Das Front Matter wird nicht geschlossen: nach den Feldern fehlt eine Zeile mit „---“.',
      yaml: (d) => `Ungültiges YAML im Front Matter: ${YAML_HINTS_DE[d.code as string] ?? `ein Syntaxfehler (${d.detail})`}. Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen.`,
      shape: (d) => `Das Front Matter ist ${SHAPES_DE[d.shape as string] ?? d.shape}; erwartet werden Felder der Form „schlüssel: wert“, z. B. „art: Antrag“.`,
      addFences: () => 'Front Matter mit „---“ einfassen',
      close: () => 'Schließende „---“-Zeile einfügen',
    },
    en: {
      missing: () => 'The fields at the top are not between two “---” lines, so they are not read as front matter.',
      unclosed: () => 'The front matter is not closed: a “---” line is missing after the fields.',
      yaml: (d) => `Invalid YAML in the front matter: ${d.detail}. Check indentation, colons and quotes.`,
      shape: (d) => `The front matter is ${SHAPES_EN[d.shape as string] ?? d.shape}; expected fields of the form “key: value”, e.g. “art: Antrag”.`,
      addFences: () => 'Enclose the front matter in “---” lines',
      close: () => 'Insert the closing “---” line',
    },
  },
  check({ draft, report }) {
    const frontMatter = draft.frontMatter;
    if (!frontMatter) return;
    const text = draft.text;
    const closing = (at: number): Edit => ({ from: at, to: at, text: at === text.length && !text.endsWith('\n') ? '\n---\n' : '---\n' });
    const firstLine = { from: 0, to: draft.lines.lineEnd(0) };

    if (frontMatter.fences === 'missing') {
      report({
        message: 'missing',
        span: firstLine,
        fixes: [{ message: 'addFences', edits: [{ from: 0, to: 0, text: '---\n' }, closing(frontMatter.content.to)] }],
      });
    } else if (frontMatter.fences === 'unclosed') {
      report({ message: 'unclosed', span: firstLine, fixes: [{ message: 'close', edits: [closing(frontMatter.content.to)] }] });
    }

    for (const error of frontMatter.errors) {
      report({ message: 'yaml', data: { code: error.code, detail: error.message }, span: error });
    }
    if (frontMatter.errors.length === 0 && frontMatter.shape !== 'mapping') {
      report({ message: 'shape', data: { shape: frontMatter.shape }, span: frontMatter.content.to > frontMatter.content.from ? frontMatter.content : firstLine });
    }
  },
});
