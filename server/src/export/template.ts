import { patchDetector, patchDocument, PatchType, TextRun, type IPatch } from 'docx';
import { bodyBlocks, DIRECT_LOOK, footnoteParagraphs, numberingConfig, Writer } from './docx.js';
import type { DocModel } from './model.js';

/** Placeholders a letterhead template may use; `{{inhalt}}` is the one it must. */
export const PLACEHOLDERS = ['titel', 'art', 'nummer', 'einreicher', 'datum', 'status', 'bezug', 'beratungsfolge', 'inhalt'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

export type TemplateResult = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly problems: readonly TemplateProblem[] };

export type TemplateProblem =
  | { readonly kind: 'unreadable'; readonly detail: string }
  | { readonly kind: 'missing'; readonly placeholder: 'inhalt' }
  | { readonly kind: 'unknown'; readonly placeholder: string };

/**
 * Fills a faction's letterhead (.docx with `{{…}}` placeholders) with a draft. The body goes
 * where `{{inhalt}}` stands, formatted directly, since a template cannot be given our styles.
 * Placeholders are checked first: an unknown one or a missing `{{inhalt}}` is a problem to
 * report, not a half-filled letter.
 */
export async function fillTemplate(template: Uint8Array, model: DocModel): Promise<TemplateResult> {
  let found: readonly string[];
  try {
    found = await patchDetector({ data: template, trimPlaceholders: true });
  } catch (error) {
    return { ok: false, problems: [{ kind: 'unreadable', detail: error instanceof Error ? error.message : String(error) }] };
  }
  const problems: TemplateProblem[] = [];
  for (const name of new Set(found)) if (!(PLACEHOLDERS as readonly string[]).includes(name)) problems.push({ kind: 'unknown', placeholder: name });
  if (!found.includes('inhalt')) problems.push({ kind: 'missing', placeholder: 'inhalt' });
  if (problems.length > 0) return { ok: false, problems };

  const writer = new Writer(DIRECT_LOOK);
  const placed = new Set(found as Placeholder[]);
  const header = model.header;
  const text = (value: string | undefined): IPatch => ({ type: PatchType.PARAGRAPH, children: [new TextRun(value ?? '')] });
  const patches: Partial<Record<Placeholder, IPatch>> = {
    titel: text(header.betreff),
    art: text(header.kind),
    nummer: text(header.nummer),
    // Joint motions list every submitter, one per line.
    einreicher: { type: PatchType.PARAGRAPH, children: header.einreicher.map((name, index) => new TextRun({ text: name, ...(index > 0 ? { break: 1 } : {}) })) },
    datum: text(header.datum),
    status: text(header.status),
    bezug: text(header.bezug),
    ...(placed.has('beratungsfolge') && model.beratungsfolge ? { beratungsfolge: { type: PatchType.DOCUMENT, children: writer.table(model.beratungsfolge, 0) } } : {}),
    inhalt: { type: PatchType.DOCUMENT, children: bodyBlocks(model, writer, !placed.has('beratungsfolge')) },
  };
  try {
    const bytes = await patchDocument({
      outputType: 'nodebuffer',
      data: template,
      patches: Object.fromEntries(Object.entries(patches).filter(([name]) => placed.has(name as Placeholder))) as Record<string, IPatch>,
      trimPlaceholders: true,
      keepOriginalStyles: true,
      footnotes: footnoteParagraphs(model, writer),
      numbering: { config: numberingConfig(writer.starts) },
      properties: { title: model.properties.title, subject: model.properties.subject, creator: model.properties.author },
    });
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, problems: [{ kind: 'unreadable', detail: error instanceof Error ? error.message : String(error) }] };
  }
}
