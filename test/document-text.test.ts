import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentTextError, DocumentTexts, mainFile, textsFolder } from '../server/src/node/document-texts.js';
import { pdfPages } from '../server/src/node/pdf-extract.js';
import { DEFAULT_VORLAGE_HEADINGS, entryText, readDocument, readDocumentText, vorlageHeadings } from '../server/src/register/document-text.js';
import type { RegisterEntry } from '../server/src/register/types.js';
import { startOparlServer, type Handler, type OparlServer } from './oparl-server.js';
import { handPdf } from './vorlage-pdf.js';

/*
 * The texts of referenced documents, without a build or LibreOffice: `readDocument` on line
 * arrays as a PDF's text layer gives them (page furniture, line-end hyphens, ligatures, soft
 * hyphens, the Beschlussvorschlag and its points); PDF.js on PDFs written by hand; the kept
 * texts of `DocumentTexts.get` (damaged, foreign, devices and pipes read as nothing, at once);
 * `DocumentTexts.fetch` against a real HTTP server on 127.0.0.1 and each way it fails. The
 * LibreOffice-made Vorlage, end to end, is in vorlage-text.test.ts.
 */

const lines = (text: string) => text.split('\n');

describe('readDocument: page furniture', () => {
  const HEADER = 'Stadt Leipzig · Vorlage VIII-DS-01234';
  const pages = [
    [HEADER, 'Beschlussvorlage', '', 'Beschlussvorschlag:', 'Die Ratsversammlung beschließt:', '', '1. Die Fortschreibung des Radverkehrs-', 'entwicklungsplans wird beschlossen.', 'Seite 1 von 3'],
    ['2', HEADER, '2) Der Oberbürgermeister wird beauftragt, jährlich zu berichten.', 'Begründung:', 'Die Stadt hat 2012 einen Plan beschlossen.', 'Seite 2 von 3'],
    [HEADER, 'Seitdem ist der Radverkehr gewachsen.', '', 'Leipzig, den 3. März 2026', 'Seite 3 von 3'],
  ];

  it('leaves out running heads, "Seite n von m" and lone page numbers, keeps a line seen once', () => {
    expect(lines(readDocument(pages).text)).toEqual([
      'Beschlussvorlage',
      'Beschlussvorschlag:',
      'Die Ratsversammlung beschließt:',
      // A page break ends a line, not the paragraph: point 1 and the Begründung run on.
      '1. Die Fortschreibung des Radverkehrsentwicklungsplans wird beschlossen.',
      '2) Der Oberbürgermeister wird beauftragt, jährlich zu berichten.',
      'Begründung:',
      'Die Stadt hat 2012 einen Plan beschlossen. Seitdem ist der Radverkehr gewachsen.',
      // At the foot of one page only: not furniture.
      'Leipzig, den 3. März 2026',
    ]);
  });

  it('takes lines differing only in their digits for the same running line', () => {
    const text = readDocument([
      ['Drucksache VIII-DS-01234, Blatt 1', 'Erster Absatz.'],
      ['Zweiter Absatz.', 'Drucksache VIII-DS-01234, Blatt 2'],
    ]).text;
    expect(text).toBe('Erster Absatz. Zweiter Absatz.');
  });

  it('reads a single page as it is, its first and last line included', () => {
    expect(lines(readDocument([[HEADER, 'Text.', '', HEADER]]).text)).toEqual([`${HEADER} Text.`, HEADER]);
  });

  it('keeps a line repeated in the middle of pages, away from their edges', () => {
    const text = readDocument([
      ['Eins.', 'Zwei.', 'Drei.', '', 'Wiederholt.', '', 'Vier.', 'Fünf.', 'Sechs.'],
      ['Sieben.', 'Acht.', 'Neun.', '', 'Wiederholt.', '', 'Zehn.', 'Elf.', 'Zwölf.'],
    ]).text;
    expect(text.match(/Wiederholt\./g)).toHaveLength(2);
    expect(text).toContain('Eins.');
    expect(text).toContain('Zwölf.');
  });
});

describe('readDocument: words and characters', () => {
  it('joins a word broken at the line end, keeps a hyphen before a capital or a conjunction', () => {
    const { text } = readDocument([['Die Fortschreibung des Radverkehrs-', 'entwicklungsplans, der Rad-', 'Verkehr sowie die Kinder-', 'und Jugendhilfe.']]);
    expect(text).toBe('Die Fortschreibung des Radverkehrsentwicklungsplans, der Rad-Verkehr sowie die Kinder- und Jugendhilfe.');
  });

  it('spells out the ligatures ﬁ and ﬂ and drops soft hyphens', () => {
    expect(readDocument([['Die \uFB01nanziellen Mittel \uFB02ießen in Rad\u00ADwege.']]).text).toBe('Die finanziellen Mittel fließen in Radwege.');
  });

  it('joins a word broken at a soft hyphen at the line end', () => {
    expect(readDocument([['Die Rad\u00AD', 'wege werden saniert.']]).text).toBe('Die Radwege werden saniert.');
  });

  it('collapses spaces; a gap separates paragraphs, one per line', () => {
    expect(lines(readDocument([['Erster   Absatz,', 'noch der erste.', '', 'Zweiter Absatz.', '', '', 'Dritter.']]).text)).toEqual(['Erster Absatz, noch der erste.', 'Zweiter Absatz.', 'Dritter.']);
  });
});

describe('readDocument: the Beschlussvorschlag and its points', () => {
  const VORLAGE = [
    'Betreff: Radverkehr',
    '',
    'Beschlussvorschlag:',
    'Die Ratsversammlung beschließt:',
    '1. Die Fortschreibung wird beschlossen; dafür werden',
    '1.5 Millionen Euro bereitgestellt.',
    '2) Der Oberbürgermeister wird beauftragt,',
    'a) jährlich zu berichten,',
    'b) die Ortschaftsräte zu beteiligen.',
    '(3) Die Mittel werden im Haushalt berücksichtigt.',
    '',
    'Begründung:',
    'Der Radverkehr wächst.',
  ];

  it('finds the points numbered "1.", "2)" and "(3)", sub-points with their point, the introduction in no point', () => {
    const { beschluss } = readDocument([VORLAGE]);
    expect(beschluss?.punkte).toEqual([
      // "1.5 Millionen" at a line's start is a number in the text, not point 1 again.
      { nummer: '1', text: 'Die Fortschreibung wird beschlossen; dafür werden 1.5 Millionen Euro bereitgestellt.' },
      { nummer: '2', text: 'Der Oberbürgermeister wird beauftragt,\na) jährlich zu berichten,\nb) die Ortschaftsräte zu beteiligen.' },
      { nummer: '3', text: 'Die Mittel werden im Haushalt berücksichtigt.' },
    ]);
    expect(lines(beschluss!.text)).toEqual([
      'Die Ratsversammlung beschließt:',
      '1. Die Fortschreibung wird beschlossen; dafür werden 1.5 Millionen Euro bereitgestellt.',
      '2) Der Oberbürgermeister wird beauftragt,',
      'a) jährlich zu berichten,',
      'b) die Ortschaftsräte zu beteiligen.',
      '(3) Die Mittel werden im Haushalt berücksichtigt.',
    ]);
  });

  it('takes a number at a line start for the next point only if it counts on: a wrapped date or "1. Quartal" stays in its point', () => {
    const { beschluss } = readDocument([
      [
        'Beschlussvorschlag:',
        '1. Der Plan wird bis zum',
        '15. Mai 2027 vorgelegt.',
        '2. Die Verwaltung berichtet im',
        '1. Quartal 2028, z. B. im Fachausschuss',
        'z. B. mit einer Übersicht der Maßnahmen.',
        '3. Die Mittel werden bereitgestellt.',
        'Begründung:',
        '1. Zur Ausgangslage: der Plan ist alt.',
      ],
    ]);
    expect(beschluss?.punkte).toEqual([
      { nummer: '1', text: 'Der Plan wird bis zum 15. Mai 2027 vorgelegt.' },
      { nummer: '2', text: 'Die Verwaltung berichtet im 1. Quartal 2028, z. B. im Fachausschuss z. B. mit einer Übersicht der Maßnahmen.' },
      { nummer: '3', text: 'Die Mittel werden bereitgestellt.' },
    ]);
  });

  it('ends at the Begründung, which stays in the running text', () => {
    const read = readDocument([VORLAGE]);
    expect(read.beschluss!.text).not.toMatch(/Begründung|Radverkehr wächst|Betreff/);
    expect(read.text).toContain('Begründung:\nDer Radverkehr wächst.');
  });

  it('reads "Beschlussvorschlag: …" on one line', () => {
    const { beschluss } = readDocument([['Beschlussvorschlag: Die Ratsversammlung beschließt die Satzung über Sondernutzungen.', '', 'Sachverhalt', 'Die Satzung ist veraltet.']]);
    expect(beschluss).toEqual({ text: 'Die Ratsversammlung beschließt die Satzung über Sondernutzungen.', punkte: [] });
  });

  it('takes a heading with a section number, "2." or "2.1"', () => {
    for (const heading of ['2. Beschlussvorschlag', '2.1 Beschlussvorschlag:']) {
      const { beschluss } = readDocument([['1. Anlass', 'Text.', heading, '1. Eins.', '2. Zwei.', '3. Begründung', 'Drei ist keiner.']]);
      expect(beschluss?.punkte.map((punkt) => punkt.text), heading).toEqual(['Eins.', 'Zwei.']);
    }
  });

  it('finds no Beschlussvorschlag without its heading', () => {
    const read = readDocument([['Die Ratsversammlung beschließt:', '1. Eins.', '2. Zwei.']]);
    expect(read.beschluss).toBeUndefined();
    expect(read.text).toBe('Die Ratsversammlung beschließt:\n1. Eins.\n2. Zwei.');
  });

  it('takes a profile’s own heading (vorlage: beschlussvorschlag), the ending headings defaulting', () => {
    const text = 'Antragstext\n1. Eins.\n2. Zwei.\nBegründung\nWeil.';
    const headings = vorlageHeadings({ beschlussvorschlag: ['Antragstext'] });
    expect(headings.ende).toEqual(DEFAULT_VORLAGE_HEADINGS.ende);
    expect(vorlageHeadings(undefined)).toEqual(DEFAULT_VORLAGE_HEADINGS);
    expect(readDocumentText(text, headings).beschluss?.punkte).toEqual([
      { nummer: '1', text: 'Eins.' },
      { nummer: '2', text: 'Zwei.' },
    ]);
    expect(readDocumentText(text).beschluss).toBeUndefined();
  });

  it('reads an entry’s own text once, and no blank text', () => {
    const entry: RegisterEntry = { nummer: 'A-1', titel: 'Antrag', source: 'file', text: 'Beschlussvorschlag\r\n1. Eins.\r\n2. Zwei.' };
    const state = entryText(entry);
    expect(state?.status === 'da' && state.document.beschluss?.punkte.map((punkt) => punkt.nummer)).toEqual(['1', '2']);
    expect(entryText(entry)).toBe(state);
    expect(entryText({ ...entry, text: ' \n ' })).toBeUndefined();
    expect(entryText(undefined)).toBeUndefined();
  });
});

describe('pdfPages + readDocument on PDFs written by hand', () => {
  const FOOTER = 'Stadt Leipzig · Dezernat Stadtentwicklung und Bau';

  it('reads hyphenated words and ligature glyphs whole, leaves out a repeated footer, keeps umlauts and ß', async () => {
    const pdf = handPdf([
      ['Beschlussvorschlag:', '1. Die {fi}nanziellen Mittel für den Radverkehrs-', 'entwicklungsplan werden bereitgestellt.', '2. Das Geld {fl}ießt in Radwege.', '', 'Begründung:', 'Größere Maßnahmen für Straßen in Gohlis-Süd.', FOOTER],
      ['Die Übergänge werden geprüft.', FOOTER],
    ]);
    const pages = await pdfPages(new Uint8Array(pdf));
    expect(pages).toHaveLength(2);
    // A wider gap between lines is a paragraph gap.
    expect(pages[0]).toContain('');
    const read = readDocument(pages);
    expect(read.beschluss?.punkte).toEqual([
      { nummer: '1', text: 'Die finanziellen Mittel für den Radverkehrsentwicklungsplan werden bereitgestellt.' },
      { nummer: '2', text: 'Das Geld fließt in Radwege.' },
    ]);
    expect(read.text).toContain('Größere Maßnahmen für Straßen in Gohlis-Süd. Die Übergänge werden geprüft.');
    expect(read.text).not.toContain('Dezernat');
  });

  it('gives a page without text as no lines', async () => {
    expect(await pdfPages(new Uint8Array(handPdf([[]])))).toEqual([[]]);
  });
});

/** Where `DocumentTexts` keeps the text of `nummer` (its private naming, written out here). */
function keptFile(folder: string, nummer: string): string {
  const slug = nummer.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 60);
  const hash = createHash('sha256').update(nummer).digest('hex').slice(0, 10);
  return path.join(folder, `${slug}-${hash}.json`);
}

const NUMMER = 'VIII-DS-01234';
const PAGES = [['Beschlussvorschlag:', '1. Eins.', '2. Zwei.']];
const kept = (fields: Record<string, unknown> = {}) => JSON.stringify({ version: 1, nummer: NUMMER, url: 'https://ratsinfo.example/1.pdf', fetchedAt: '2026-11-20T10:00:00.000Z', pages: PAGES, ...fields });
const posix = process.platform !== 'win32';
const hasMkfifo = posix && spawnSync('sh', ['-c', 'command -v mkfifo'], { stdio: 'ignore' }).status === 0;

describe('DocumentTexts.get', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ratsfeder-texts-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let count = 0;
  /** A fresh folder holding `content` where the text of NUMMER is kept. */
  function folderWith(content: string): string {
    const folder = path.join(root, String(++count));
    mkdirSync(folder);
    writeFileSync(keptFile(folder, NUMMER), content);
    return folder;
  }
  /** What a new `DocumentTexts` on `folder` reads for NUMMER, and how long it took. */
  function read(folder: string) {
    const started = performance.now();
    const document = new DocumentTexts(folder, DEFAULT_VORLAGE_HEADINGS).get(NUMMER);
    return { document, ms: performance.now() - started };
  }

  it('reads a kept text, the Beschlussvorschlag found again', () => {
    expect(read(folderWith(kept())).document).toEqual(readDocument(PAGES));
    expect(read(folderWith(kept())).document?.beschluss?.punkte).toHaveLength(2);
  });

  it('reads nothing for a missing, damaged, foreign or other version’s file', () => {
    expect(read(path.join(root, 'none')).document).toBeUndefined();
    for (const content of [
      '{"version":1,"nummer":"VIII-DS-01234","pages":[["Beschluss',
      '',
      'null',
      '[]',
      kept({ version: 2 }),
      kept({ nummer: 'VIII-DS-09999' }),
      kept({ pages: [['Beschlussvorschlag:', 1]] }),
      kept({ pages: 'Beschlussvorschlag' }),
    ]) {
      expect(read(folderWith(content)).document, content).toBeUndefined();
    }
  });

  it('remembers what it read until told to forget', () => {
    const folder = folderWith(kept());
    const texts = new DocumentTexts(folder, DEFAULT_VORLAGE_HEADINGS);
    expect(texts.get(NUMMER)).toBeDefined();
    writeFileSync(keptFile(folder, NUMMER), 'kaputt');
    expect(texts.get(NUMMER)).toBeDefined();
    texts.forget(NUMMER);
    expect(texts.get(NUMMER)).toBeUndefined();
  });

  it.skipIf(!posix)('reads nothing, at once, from a symlink to /dev/zero (no /dev/zero on Windows)', () => {
    const folder = path.join(root, 'zero');
    mkdirSync(folder);
    symlinkSync('/dev/zero', keptFile(folder, NUMMER));
    const { document, ms } = read(folder);
    expect(document).toBeUndefined();
    expect(ms).toBeLessThan(1000);
  });

  // mkfifo is POSIX; Windows has no named pipes in the file system to put there.
  it.skipIf(!hasMkfifo)('reads nothing, at once, from a FIFO, and never waits for a writer', async () => {
    const folder = path.join(root, 'fifo');
    mkdirSync(folder);
    const fifo = keptFile(folder, NUMMER);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // Should the FIFO ever be opened, a writer comes after 2 s and closes it, so that the test
    // fails on the time taken instead of hanging (a blocked open stops vitest's timers too).
    const writer = spawn('sh', ['-c', 'sleep 2; : > "$0"', fifo], { stdio: 'ignore' });
    try {
      const { document, ms } = read(folder);
      expect(document).toBeUndefined();
      expect(ms).toBeLessThan(1000);
    } finally {
      writer.kill();
    }
  });
});

describe('DocumentTexts.fetch', () => {
  let server: OparlServer;
  const root = mkdtempSync(path.join(tmpdir(), 'ratsfeder-fetch-'));
  let count = 0;
  const freshFolder = () => path.join(root, String(++count), 'oparl-register.texte');
  const OPTIONS = { retries: 0, timeoutMs: 5000 };
  const VORLAGE_PDF = handPdf([
    ['Beschlussvorschlag:', '1. Die {fi}nanziellen Mittel werden bereitgestellt.', '2. Der Oberbürgermeister berichtet jährlich.', '', 'Begründung:', 'Der Bedarf ist gewachsen.', 'Seite 1 von 2'],
    ['Weitere Ausführungen.', 'Seite 2 von 2'],
  ]);

  beforeAll(async () => {
    server = await startOparlServer();
    const send =
      (type: string, body: Buffer | string): Handler =>
      (_request, response) => {
        response.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
      };
    server.handle('/files/vorlage.pdf', send('application/pdf', VORLAGE_PDF));
    server.handle('/files/page.html', send('text/html; charset=utf-8', '<!DOCTYPE html><html><body><h1>Anmeldung erforderlich</h1></body></html>'));
    server.handle('/files/empty.pdf', send('application/pdf', handPdf([[]])));
    server.handle('/files/broken.pdf', send('application/pdf', Buffer.from('%PDF-1.7\nthis is no PDF at all\n%%EOF\n', 'latin1')));
    server.handle('/files/file-object', send('application/json', JSON.stringify({ type: 'https://schema.oparl.org/1.1/File', text: 'Beschlussvorschlag\n1. Eins.\n2. Zwei.' })));
    server.handle('/files/to-file', (_request, response) => response.writeHead(302, { location: 'file:///etc/passwd' }).end());
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  const entry = (file?: string, nummer = NUMMER): RegisterEntry => ({
    nummer,
    titel: 'Fortschreibung des Radverkehrsentwicklungsplans',
    source: 'oparl',
    details: { files: file === undefined ? [] : [{ name: 'Vorlage.pdf', url: `${server.base}${file}`, main: true }] },
  });

  /** The failure of a fetch that must fail, after checking that it is a DocumentTextError. */
  async function failure(texts: DocumentTexts, which: RegisterEntry) {
    const error: unknown = await texts.fetch(which, OPTIONS).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DocumentTextError);
    return (error as DocumentTextError).failure;
  }
  const files = (folder: string) => (existsSync(folder) ? readdirSync(folder) : []);

  it('reads a served PDF, keeps its pages, and a new instance reads them back', async () => {
    const folder = freshFolder();
    const texts = new DocumentTexts(folder, DEFAULT_VORLAGE_HEADINGS);
    const now = new Date('2026-11-20T10:00:00.000Z');
    const fetched = await texts.fetch(entry('/files/vorlage.pdf'), { ...OPTIONS, now: () => now });
    expect(fetched).toMatchObject({ nummer: NUMMER, url: `${server.base}/files/vorlage.pdf`, pages: 2 });
    expect(fetched.document.beschluss?.punkte).toEqual([
      { nummer: '1', text: 'Die finanziellen Mittel werden bereitgestellt.' },
      { nummer: '2', text: 'Der Oberbürgermeister berichtet jährlich.' },
    ]);
    expect(fetched.document.text).not.toContain('Seite');
    expect(texts.get(NUMMER)).toEqual(fetched.document);

    // One file, written atomically (no temporary file left), in the shape `get` reads.
    expect(files(folder)).toEqual([path.basename(keptFile(folder, NUMMER))]);
    const written = JSON.parse(readFileSync(keptFile(folder, NUMMER), 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({ version: 1, nummer: NUMMER, url: `${server.base}/files/vorlage.pdf`, fetchedAt: now.toISOString() });
    expect(written.pages).toHaveLength(2);
    expect(new DocumentTexts(folder, DEFAULT_VORLAGE_HEADINGS).get(NUMMER)).toEqual(fetched.document);
  });

  it('keeps what was kept before when a later fetch fails', async () => {
    const folder = freshFolder();
    const texts = new DocumentTexts(folder, DEFAULT_VORLAGE_HEADINGS);
    const fetched = await texts.fetch(entry('/files/vorlage.pdf'), OPTIONS);
    expect((await failure(texts, entry('/files/gone.pdf'))).kind).toBe('fetch');
    expect(new DocumentTexts(folder, DEFAULT_VORLAGE_HEADINGS).get(NUMMER)).toEqual(fetched.document);
  });

  it('reads an OParl File object answered in place of the file', async () => {
    const fetched = await new DocumentTexts(freshFolder(), DEFAULT_VORLAGE_HEADINGS).fetch(entry('/files/file-object'), OPTIONS);
    expect(fetched.document.beschluss?.punkte.map((punkt) => punkt.text)).toEqual(['Eins.', 'Zwei.']);
  });

  it('fails with kind fetch, reason http and the status on a 404, and writes nothing', async () => {
    const folder = freshFolder();
    const texts = new DocumentTexts(folder, DEFAULT_VORLAGE_HEADINGS);
    const failed = await failure(texts, entry('/files/gone.pdf'));
    expect(failed).toEqual({ kind: 'fetch', data: { nummer: NUMMER, url: `${server.base}/files/gone.pdf`, reason: 'http', status: 404 } });
    expect(files(folder)).toEqual([]);
    expect(texts.get(NUMMER)).toBeUndefined();
  });

  it('fails with kind not-pdf on an HTML page, no-text on a PDF without text, unreadable on a broken PDF', async () => {
    const folder = freshFolder();
    const texts = new DocumentTexts(folder, DEFAULT_VORLAGE_HEADINGS);
    expect(await failure(texts, entry('/files/page.html'))).toEqual({ kind: 'not-pdf', data: { nummer: NUMMER, url: `${server.base}/files/page.html` } });
    expect(await failure(texts, entry('/files/empty.pdf'))).toEqual({ kind: 'no-text', data: { nummer: NUMMER, url: `${server.base}/files/empty.pdf` } });
    const unreadable = await failure(texts, entry('/files/broken.pdf'));
    expect(unreadable).toMatchObject({ kind: 'unreadable', data: { nummer: NUMMER, url: `${server.base}/files/broken.pdf` } });
    expect(unreadable.data.reason).toEqual(expect.any(String));
    expect(files(folder)).toEqual([]);
  });

  it('fails with kind no-file for a paper without files, before asking the server', async () => {
    const before = server.requests.length;
    expect(mainFile(entry())).toBeUndefined();
    expect(await failure(new DocumentTexts(freshFolder(), DEFAULT_VORLAGE_HEADINGS), entry())).toEqual({ kind: 'no-file', data: { nummer: NUMMER } });
    expect(server.requests.length).toBe(before);
  });

  it('refuses a redirect to a file: URL', async () => {
    const folder = freshFolder();
    const failed = await failure(new DocumentTexts(folder, DEFAULT_VORLAGE_HEADINGS), entry('/files/to-file'));
    expect(failed).toMatchObject({ kind: 'fetch', data: { nummer: NUMMER, reason: 'redirect' } });
    expect(files(folder)).toEqual([]);
  });

  it('keeps the texts beside the cache, in <name>.texte', () => {
    expect(textsFolder(path.join('cache', 'oparl-register.json'))).toBe(path.join('cache', 'oparl-register.texte'));
  });
});
