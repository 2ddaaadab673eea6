import * as vscode from 'vscode';

/**
 * The client's own texts (the server sends its messages already translated). The language
 * follows `ratsfeder.sprache`; `auto` is the council's language, German, whatever VS Code's
 * display language, as the server does.
 */
const de = {
  titlePrompt: (art: string) => (art === 'Anfrage' ? 'Titel der neuen Anfrage' : `Titel des neuen ${art}s`),
  titlePlaceholder: 'z. B. Radverkehr am Ring sicherer machen',
  titleEmpty: 'Bitte einen Titel eingeben.',
  saveDraft: 'Entwurf anlegen',
  noFolder: 'Zum Anlegen eines Entwurfs bitte zuerst einen Ordner öffnen.',
  templateMissing: (file: string) => `Die Mustervorlage ${file} fehlt in der Erweiterung; bitte Ratsfeder neu installieren.`,
  created: (name: string) => `Entwurf ${name} angelegt.`,
  noDraft: 'Bitte zuerst einen Entwurf (Markdown-Datei) öffnen.',
  saveDocx: 'Als DOCX exportieren',
  exporting: (name: string) => `${name} wird als DOCX exportiert …`,
  exported: (name: string) => `Exportiert: ${name}`,
  open: 'Öffnen',
  reveal: 'Im Ordner zeigen',
  download: 'Herunterladen',
  revealInExplorer: 'Im Explorer zeigen',
  exportAnyway: 'Trotzdem exportieren',
  overwrite: 'Überschreiben',
  showProblems: 'Probleme anzeigen',
  finding: (line: number, message: string, rule: string) => `Zeile ${line}: ${message} (${rule})`,
  more: (count: number) => `… und ${count} weitere`,
  notRunning: 'Der Ratsfeder-Sprachserver läuft nicht; siehe Ausgabe „Ratsfeder“.',
  syncing: 'Dokumentregister aktualisieren',
  fetchingText: 'Text des Bezugsdokuments wird geladen …',
  restricted:
    'Dieser Ordner ist im eingeschränkten Modus: VS Code rahmt deshalb jeden Umlaut ein, und Ratsfeder holt nichts von der OParl-Adresse in ratsfeder.yaml. Enthält er Ihre Entwürfe, vertrauen Sie ihm.',
  trustFolder: 'Ordner vertrauen …',
  syncCancelled: 'Aktualisierung des Dokumentregisters abgebrochen; der bisherige Stand bleibt.',
  statusLoading: 'Register wird geladen …',
  statusText: (drafts: number, documents: number) =>
    [`${count(drafts)} ${drafts === 1 ? 'Entwurf' : 'Entwürfe'}`, ...(documents > 0 ? [`${count(documents)} ${documents === 1 ? 'Dokument' : 'Dokumente'}`] : [])].join(' · '),
  statusTooltip: (lines: string[], syncable: boolean) =>
    ['**Dokumentregister**', '', ...lines.map((line) => `- ${line}`), '', syncable ? 'Klicken zum Aktualisieren aus OParl.' : 'Klicken, um die OParl-Adresse einzustellen.'].join('\n'),
  statusNoAddress: 'OParl: keine Adresse eingestellt',
  openSetting: 'Einstellung öffnen',
  statusOparl: (papers: number, when: string) => `OParl: ${count(papers)} ${papers === 1 ? 'Dokument' : 'Dokumente'}, Stand ${when}`,
  statusNoOparl: 'OParl: noch nicht abgeglichen',
  statusFiles: (entries: number) => `Registerdateien: ${count(entries)} ${entries === 1 ? 'Eintrag' : 'Einträge'}`,
  statusDrafts: (drafts: number) => `Entwürfe im Arbeitsbereich: ${count(drafts)}`,
  openRuleDoc: (rule: string) => `Regel-Dokumentation öffnen: ${rule}`,
  pickRule: 'Regel auswählen',
  day: (iso: string) => iso.split('-').reverse().join('.'),
  deadlineName: 'Ratsfeder – Frist',
  deadlineText: (frist: string) => `Frist ${frist}`,
  deadlineTooltip: (gremium: string, sitzung: string, frist: string, verpasst: boolean) =>
    `Einreichungsfrist für die Sitzung von ${gremium} am ${sitzung}: ${frist}${verpasst ? ' – verpasst' : ''}`,
  draftsGroup: (art: string) => (/antrag$/i.test(art) ? art.replace(/(a)ntrag$/i, '$1nträge') : art.endsWith('e') ? `${art}n` : art),
  draftsState: (errors: number, warnings: number) =>
    errors + warnings === 0 ? 'ohne Befund' : [...(errors > 0 ? [`${count(errors)} Fehler`] : []), ...(warnings > 0 ? [`${count(warnings)} ${warnings === 1 ? 'Warnung' : 'Warnungen'}`] : [])].join(', '),
  draftsDeadline: (frist: string, verpasst: boolean) => (verpasst ? `Frist verpasst (${frist})` : `Frist ${frist}`),
  draftsTooltip: (file: string, nummer: string | undefined) => `${file}${nummer ? ` · ${nummer}` : ''}`,
  draftsUnjudged: (drafts: number) => `${count(drafts)} weitere Entwürfe, ohne Prüfung gelistet`,
};

type Messages = typeof de;

const en: Messages = {
  titlePrompt: (art: string) => `Title of the new ${{ Antrag: 'motion', Anfrage: 'question', Änderungsantrag: 'amendment' }[art] ?? art}`,
  titlePlaceholder: 'e.g. Make cycling on the ring road safer',
  titleEmpty: 'Please enter a title.',
  saveDraft: 'Create draft',
  noFolder: 'Open a folder first to create a draft in it.',
  templateMissing: (file: string) => `The template ${file} is missing from the extension; please reinstall Ratsfeder.`,
  created: (name: string) => `Draft ${name} created.`,
  noDraft: 'Open a draft (a Markdown file) first.',
  saveDocx: 'Export as DOCX',
  exporting: (name: string) => `Exporting ${name} as DOCX …`,
  exported: (name: string) => `Exported: ${name}`,
  open: 'Open',
  reveal: 'Reveal in folder',
  download: 'Download',
  revealInExplorer: 'Reveal in Explorer',
  exportAnyway: 'Export anyway',
  overwrite: 'Overwrite',
  showProblems: 'Show problems',
  finding: (line: number, message: string, rule: string) => `Line ${line}: ${message} (${rule})`,
  more: (count: number) => `… and ${count} more`,
  notRunning: 'The Ratsfeder language server is not running; see the “Ratsfeder” output.',
  syncing: 'Updating the document register',
  fetchingText: 'Fetching the text of the referenced document …',
  restricted:
    'This folder is in Restricted Mode: that is why VS Code boxes every umlaut, and Ratsfeder fetches nothing from the OParl address in ratsfeder.yaml. If it holds your drafts, trust it.',
  trustFolder: 'Trust the folder …',
  syncCancelled: 'Register update cancelled; the register stays as it was.',
  statusLoading: 'Loading the register …',
  statusText: (drafts: number, documents: number) =>
    [`${count(drafts)} ${drafts === 1 ? 'draft' : 'drafts'}`, ...(documents > 0 ? [`${count(documents)} ${documents === 1 ? 'document' : 'documents'}`] : [])].join(' · '),
  statusTooltip: (lines: string[], syncable: boolean) =>
    ['**Document register**', '', ...lines.map((line) => `- ${line}`), '', syncable ? 'Click to update from OParl.' : 'Click to set the OParl address.'].join('\n'),
  statusNoAddress: 'OParl: no address set',
  openSetting: 'Open setting',
  statusOparl: (papers: number, when: string) => `OParl: ${count(papers)} ${papers === 1 ? 'document' : 'documents'}, as of ${when}`,
  statusNoOparl: 'OParl: not synced yet',
  statusFiles: (entries: number) => `Register files: ${count(entries)} ${entries === 1 ? 'entry' : 'entries'}`,
  statusDrafts: (drafts: number) => `Drafts in the workspace: ${count(drafts)}`,
  openRuleDoc: (rule: string) => `Open rule documentation: ${rule}`,
  pickRule: 'Choose a rule',
  day: (iso: string) => iso,
  deadlineName: 'Ratsfeder – deadline',
  deadlineText: (frist: string) => `Deadline ${frist}`,
  deadlineTooltip: (gremium: string, sitzung: string, frist: string, verpasst: boolean) =>
    `Submission deadline for the meeting of ${gremium} on ${sitzung}: ${frist}${verpasst ? ' – missed' : ''}`,
  draftsGroup: (art: string) => art,
  draftsState: (errors: number, warnings: number) =>
    errors + warnings === 0 ? 'no findings' : [...(errors > 0 ? [`${count(errors)} ${errors === 1 ? 'error' : 'errors'}`] : []), ...(warnings > 0 ? [`${count(warnings)} ${warnings === 1 ? 'warning' : 'warnings'}`] : [])].join(', '),
  draftsDeadline: (frist: string, verpasst: boolean) => (verpasst ? `deadline missed (${frist})` : `deadline ${frist}`),
  draftsTooltip: (file: string, nummer: string | undefined) => `${file}${nummer ? ` · ${nummer}` : ''}`,
  draftsUnjudged: (drafts: number) => `${count(drafts)} more drafts, listed unchecked`,
};

export type Language = 'de' | 'en';

export function language(): Language {
  const setting = vscode.workspace.getConfiguration('ratsfeder').get<string>('sprache', 'auto');
  return setting === 'en' ? 'en' : 'de';
}

/** The texts in the language that applies now (the setting can change while VS Code runs). */
export function t(): Messages {
  return language() === 'en' ? en : de;
}

/** A number as the language writes it: 1.234 or 1,234. */
export function count(value: number): string {
  return value.toLocaleString(language() === 'en' ? 'en-GB' : 'de-DE');
}
