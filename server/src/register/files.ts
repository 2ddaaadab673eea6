import { parse as parseCsv } from 'csv-parse/sync';
import type { ReferenceScanner } from '../analysis/references.js';
import type { Reference } from '../analysis/model.js';
import { isPublicHttpUrl, type RegisterEntry } from './types.js';

export interface RegisterFileProblem {
  /** 1-based line in the file (for CSV), or 0 when the format has none to give. */
  readonly line: number;
  readonly message: string;
}

export interface ParsedRegisterFile {
  readonly entries: RegisterEntry[];
  readonly problems: RegisterFileProblem[];
}

const COLUMNS = ['nummer', 'titel', 'art', 'datum', 'url', 'text'] as const;

/**
 * Reads a register file: CSV (comma or semicolon, a header row naming the columns
 * `nummer, titel, art, datum, url`, optionally `text`: the document's text or a summary) or
 * JSON (a list of such objects). Rows that cannot be
 * used are skipped with a problem each; a file that cannot be read at all gives one problem.
 */
export function parseRegisterFile(text: string, format: 'csv' | 'json', origin: string, scanner: ReferenceScanner): ParsedRegisterFile {
  const entries: RegisterEntry[] = [];
  const problems: RegisterFileProblem[] = [];
  const add = (row: Record<string, unknown>, line: number, where: string) => {
    const result = toEntry(row, origin, scanner);
    if (typeof result === 'string') problems.push({ line, message: `${where}: ${result}` });
    else entries.push(result);
  };

  if (format === 'csv') {
    let records: { record: Record<string, unknown>; info: { lines: number } }[];
    try {
      records = parseCsv(text, {
        bom: true,
        columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
        delimiter: [',', ';'],
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
        info: true,
      }) as { record: Record<string, unknown>; info: { lines: number } }[];
    } catch (error) {
      const line = (error as { lines?: number }).lines ?? 0;
      return { entries, problems: [{ line, message: `CSV nicht lesbar: ${error instanceof Error ? error.message : String(error)}` }] };
    }
    const header = records[0] ? Object.keys(records[0].record) : [];
    if (records.length > 0 && !header.includes('nummer')) {
      return { entries, problems: [{ line: 1, message: `die Kopfzeile nennt keine Spalte „nummer“ (erwartet: ${COLUMNS.join(', ')})` }] };
    }
    for (const { record, info } of records) add(record, info.lines, `Zeile ${info.lines}`);
    return { entries, problems };
  }

  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { entries, problems: [{ line: 0, message: `JSON nicht lesbar: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' ? ((data as Record<string, unknown>).dokumente ?? (data as Record<string, unknown>).documents) : undefined;
  if (!Array.isArray(list)) {
    return { entries, problems: [{ line: 0, message: 'erwartet wird eine Liste von Dokumenten ([{"nummer": …, "titel": …}, …])' }] };
  }
  list.forEach((item, index) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) add(item as Record<string, unknown>, 0, `Eintrag ${index + 1}`);
    else problems.push({ line: 0, message: `Eintrag ${index + 1}: kein Objekt` });
  });
  return { entries, problems };
}

function toEntry(row: Record<string, unknown>, origin: string, scanner: ReferenceScanner): RegisterEntry | string {
  const text = (key: string) => {
    const value = row[key];
    return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  };
  const raw = text('nummer');
  if (raw === '') return 'keine Nummer';
  const nummer = canonicalNumber(raw, scanner);
  if (!nummer) return `„${raw}“ ist keine gültige Drucksachennummer`;
  const datum = text('datum');
  const url = text('url');
  return {
    nummer,
    titel: text('titel'),
    source: 'file',
    origin,
    ...(text('art') ? { art: text('art') } : {}),
    ...(/^\d{4}-\d{2}-\d{2}/.test(datum) ? { datum: datum.slice(0, 10) } : {}),
    ...(isPublicHttpUrl(url) ? { url } : {}),
    ...(text('text') ? { text: text('text') } : {}),
  };
}

/** The canonical form of a number written alone, if it is one the profile knows. */
export function canonicalNumber(text: string, scanner: ReferenceScanner): string | undefined {
  const found: Reference[] = [];
  scanner.scan(text, 0, text.length, undefined, found);
  const only = found[0];
  return found.length === 1 && only && only.from === 0 && only.to === text.length ? only.canonical : undefined;
}
