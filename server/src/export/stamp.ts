import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';

/**
 * What Ratsfeder wrote, recorded in the DOCX itself: a custom document property `Ratsfeder`
 * holding a SHA-256 of the package's parts. A later export may replace a `.docx` whose parts
 * still hash to its stamp (Ratsfeder wrote it and nobody changed it since); one that was saved
 * in Word or LibreOffice (they rewrite the parts, and keep custom properties, so the stamp no
 * longer fits), edited by hand, or never written by Ratsfeder (no stamp) is not replaced
 * without being asked to.
 *
 * Why in the file and not beside it: the stamp travels with the document when it is copied,
 * renamed or mailed, leaves no second file to keep or lose beside every export, and needs no
 * state anywhere else. The parts the stamp itself changes (`docProps/custom.xml`, the package's
 * content types and relationships) are left out of the hash.
 */
export const STAMP_PROPERTY = 'Ratsfeder';

const CUSTOM = 'docProps/custom.xml';
const CONTENT_TYPES = '[Content_Types].xml';
const RELS = '_rels/.rels';
const UNHASHED = new Set([CUSTOM, CONTENT_TYPES, RELS]);
const CUSTOM_TYPE = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';
const CUSTOM_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';
/** The format id Office gives user-defined properties. */
const FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';

/** How a `.docx` on disk stands to Ratsfeder's stamp. */
export type StampState = 'unchanged' | 'changed' | 'foreign';

function digest(parts: Unzipped): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(parts).sort()) {
    if (UNHASHED.has(name) || name.endsWith('/')) continue;
    hash.update(name).update('\0').update(parts[name]!).update('\0');
  }
  return `sha256:${hash.digest('hex')}`;
}

/** The DOCX with its stamp added (or replaced). */
export function stampDocx(bytes: Uint8Array): Uint8Array {
  return stampParts(unzipSync(bytes));
}

/** A DOCX's parts (unzipped, in zip order), stamped and zipped. `parts` is changed. */
export function stampParts(parts: Unzipped): Uint8Array {
  const value = digest(parts);
  const property = (pid: number) => `<property fmtid="${FMTID}" pid="${pid}" name="${STAMP_PROPERTY}"><vt:lpwstr>${value}</vt:lpwstr></property>`;
  const existing = parts[CUSTOM] ? strFromU8(parts[CUSTOM]) : undefined;
  if (existing && /<\/(?:\w+:)?Properties>\s*$/.test(existing)) {
    // A letterhead's own properties stay; ours replaces an earlier stamp.
    const without = existing.replace(new RegExp(`<(\\w+:)?property\\b[^>]*\\bname="${STAMP_PROPERTY}"[^>]*>[\\s\\S]*?</\\1?property>`), '');
    const pids = [...without.matchAll(/\bpid="(\d+)"/g)].map((match) => Number(match[1]));
    const pid = Math.max(1, ...pids) + 1;
    const prefix = /<(\w+:)?Properties\b/.exec(without)?.[1] ?? '';
    const ours = prefix ? property(pid).replace(/^<property/, `<${prefix}property`).replace(/<\/property>$/, `</${prefix}property>`) : property(pid);
    const withVt = /xmlns:vt=/.test(without) ? without : without.replace(/<(\w+:)?Properties\b/, (tag) => `${tag} xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"`);
    parts[CUSTOM] = strToU8(withVt.replace(/<\/(\w+:)?Properties>\s*$/, (end) => `${ours}${end}`));
  } else {
    parts[CUSTOM] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${property(2)}</Properties>`,
    );
    const types = parts[CONTENT_TYPES] ? strFromU8(parts[CONTENT_TYPES]) : '';
    if (types && !types.includes('/docProps/custom.xml')) {
      parts[CONTENT_TYPES] = strToU8(types.replace(/<\/Types>\s*$/, `<Override PartName="/docProps/custom.xml" ContentType="${CUSTOM_TYPE}"/></Types>`));
    }
    const rels = parts[RELS] ? strFromU8(parts[RELS]) : '';
    if (rels && !rels.includes(CUSTOM_REL)) {
      parts[RELS] = strToU8(rels.replace(/<\/Relationships>\s*$/, `<Relationship Id="rIdRatsfederCustom" Type="${CUSTOM_REL}" Target="docProps/custom.xml"/></Relationships>`));
    }
  }
  // `[Content_Types].xml` first, as Word expects it.
  const ordered: Unzipped = {};
  if (parts[CONTENT_TYPES]) ordered[CONTENT_TYPES] = parts[CONTENT_TYPES];
  for (const [name, data] of Object.entries(parts)) if (name !== CONTENT_TYPES) ordered[name] = data;
  return zipSync(ordered, { level: 6 });
}

/**
 * Whether Ratsfeder wrote `bytes` and nobody changed them since (`unchanged`), Ratsfeder wrote
 * them and they were changed (`changed`), or there is no stamp to tell (`foreign`: another
 * program's document, or not a DOCX at all).
 */
export function stampState(bytes: Uint8Array): StampState {
  let parts: Unzipped;
  try {
    parts = unzipSync(bytes);
  } catch {
    return 'foreign';
  }
  const custom = parts[CUSTOM] ? strFromU8(parts[CUSTOM]) : '';
  const match = new RegExp(`\\bname="${STAMP_PROPERTY}"[^>]*>\\s*<(?:\\w+:)?lpwstr>([^<]*)<`).exec(custom);
  if (!match) return 'foreign';
  return match[1] === digest(parts) ? 'unchanged' : 'changed';
}
