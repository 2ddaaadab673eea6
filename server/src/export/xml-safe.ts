/**
 * Characters that XML 1.0 forbids: C0 controls other than tab, LF and CR; U+FFFE and U+FFFF;
 * surrogates that are not part of a pair. A DOCX is XML, and one such character in its text
 * makes the whole file unreadable for Word and LibreOffice. (U+007F–U+009F are allowed.)
 */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.source;

/** The first character XML 1.0 forbids in `text`: its offset and its code as `U+FFFE`; with `count`, how many there are. */
export function xmlInvalid(text: string): { readonly offset: number; readonly code: string; readonly count: number } | undefined {
  const pattern = new RegExp(XML_INVALID, 'g');
  const first = pattern.exec(text);
  if (!first) return undefined;
  let count = 1;
  while (pattern.exec(text)) count++;
  return { offset: first.index, code: `U+${first[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, count };
}

/**
 * The document model with every character XML 1.0 forbids left out of its texts, and how many
 * were. The model is plain data (objects, arrays, strings, numbers), so every text is reached.
 */
export function xmlSafe<T>(model: T): { readonly model: T; readonly removed: number } {
  let removed = 0;
  const pattern = new RegExp(XML_INVALID, 'g');
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(pattern, () => {
        removed++;
        return '';
      });
    }
    if (Array.isArray(value)) return value.map(clean);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, clean(inner)]));
    return value;
  };
  const result = clean(model) as T;
  return { model: removed === 0 ? model : result, removed };
}
