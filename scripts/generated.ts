import { configSchema } from '../server/src/config/config.js';
import { BUILTIN_PROFILES, DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../server/src/rules/aehnliches-dokument.js';
import { RULES } from '../server/src/rules/registry.js';
import type { Locale } from '../server/src/base/locale.js';

/*
 * The tracked files that are derived from the code: the extension's settings in package.json
 * (`contributes.configuration`), their texts in package.nls.json (English) and
 * package.nls.de.json (German), and the JSON Schema of ratsfeder.yaml. `npm run generate`
 * (scripts/generate.mjs) writes them; test/generate.test.ts only compares. Everything else in
 * those files (commands, menus, walkthroughs, their texts) is written by hand and kept.
 */

/** A file's path relative to the project root and the text it must have. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

const severity = { type: 'string', enum: ['fehler', 'warnung', 'hinweis', 'aus'] };

/**
 * The editor settings: council profile, language, OParl URL, similarity threshold, letterhead,
 * one severity per rule. VS Code titles a setting from its key ("register.ratsinformationssystem"
 * reads "Register: Ratsinformationssystem"; it would split "OParl" into "O Parl"), so the keys
 * are written as the titles should read.
 */
export function settings(): Record<string, unknown> {
  return {
    'ratsfeder.profil': {
      type: 'string',
      enum: Object.keys(BUILTIN_PROFILES),
      enumDescriptions: Object.keys(BUILTIN_PROFILES).map((id) => `%ratsfeder.profil.${id}%`),
      default: DEFAULT_PROFILE.id,
      markdownDescription: '%ratsfeder.profil%',
      scope: 'window',
      order: 1,
    },
    'ratsfeder.sprache': {
      type: 'string',
      enum: ['auto', 'de', 'en'],
      default: 'auto',
      markdownDescription: '%ratsfeder.sprache%',
      scope: 'resource',
      order: 2,
    },
    'ratsfeder.register.ratsinformationssystem': {
      type: 'string',
      default: '',
      pattern: '^(https?://.*)?$',
      patternErrorMessage: '%ratsfeder.register.ratsinformationssystem.pattern%',
      markdownDescription: '%ratsfeder.register.ratsinformationssystem%',
      scope: 'resource',
      order: 3,
    },
    'ratsfeder.register.Ähnlichkeitsschwelle': {
      type: 'number',
      default: DEFAULT_SIMILARITY_THRESHOLD,
      minimum: 0,
      maximum: 1,
      markdownDescription: '%ratsfeder.register.Ähnlichkeitsschwelle%',
      scope: 'resource',
      order: 4,
    },
    'ratsfeder.export.briefkopf': {
      type: 'string',
      default: '',
      markdownDescription: '%ratsfeder.export.briefkopf%',
      scope: 'resource',
      order: 5,
    },
    'ratsfeder.regeln': {
      type: 'object',
      default: {},
      markdownDescription: '%ratsfeder.regeln%',
      scope: 'resource',
      additionalProperties: false,
      properties: Object.fromEntries(RULES.map((rule) => [rule.id, { ...severity, markdownDescription: `%ratsfeder.regeln.${rule.id}%` }])),
      order: 6,
    },
    // The former name of `ratsfeder.register.ratsinformationssystem`, still read.
    'ratsfeder.register.oparl': {
      type: 'string',
      default: '',
      pattern: '^(https?://.*)?$',
      markdownDescription: '%ratsfeder.register.ratsinformationssystem%',
      markdownDeprecationMessage: '%ratsfeder.register.oparl.deprecated%',
      scope: 'resource',
      order: 9,
    },
  };
}

const TEXTS: Record<Locale, Record<string, string>> = {
  de: {
    'ratsfeder.profil': 'Der Rat, dessen Dokumentarten, Abschnitte und Drucksachennummern gelten, wenn keine `ratsfeder.yaml` ein `profil:` nennt.',
    'ratsfeder.profil.leipzig': 'Stadtrat Leipzig (ALLRIS)',
    'ratsfeder.profil.karlsruhe': 'Gemeinderat Karlsruhe (SessionNet)',
    'ratsfeder.profil.augsburg': 'Stadtrat Augsburg (ALLRIS)',
    'ratsfeder.profil.huertgenwald': 'Gemeinderat Hürtgenwald (SD.NET)',
    'ratsfeder.register.ratsinformationssystem': 'Die OParl-Adresse (System-URL) des Ratsinformationssystems, von der „Dokumentregister aktualisieren“ die Dokumente holt, z. B. `https://ratsinformation.leipzig.de/allris_leipzig_public/oparl/system`. `register: oparl:` in `ratsfeder.yaml` hat Vorrang.',
    'ratsfeder.register.ratsinformationssystem.pattern': 'Eine Adresse, die mit http:// oder https:// beginnt.',
    'ratsfeder.register.Ähnlichkeitsschwelle': 'Ab welcher Ähnlichkeit (0 bis 1) ein Dokument im Register als ähnlich gemeldet wird (Regel `aehnliches-dokument`). `aehnlichkeit: schwelle:` in `ratsfeder.yaml` hat Vorrang.',
    'ratsfeder.export.briefkopf': 'Briefkopf-Vorlage (.docx mit `{{…}}`-Platzhaltern) für den DOCX-Export, relativ zum Arbeitsbereich. `export: vorlage:` in `ratsfeder.yaml` hat Vorrang; in einem nicht vertrauenswürdigen Arbeitsbereich wird sie nicht verwendet.',
    'ratsfeder.register.oparl.deprecated': 'Heißt jetzt `#ratsfeder.register.ratsinformationssystem#`.',
    'ratsfeder.sprache': 'Sprache der Meldungen: `auto` ist die Sprache des Rates (Deutsch), gleich welche Sprache VS Code spricht; `en` für Englisch.',
    'ratsfeder.regeln': 'Schweregrad je Regel (`fehler`, `warnung`, `hinweis`, `aus`). Eine `ratsfeder.yaml` im Arbeitsbereich hat Vorrang.',
  },
  en: {
    'ratsfeder.profil': 'The council whose document types, sections and document numbers apply where no `ratsfeder.yaml` names a `profil:`.',
    'ratsfeder.profil.leipzig': 'Leipzig city council (ALLRIS)',
    'ratsfeder.profil.karlsruhe': 'Karlsruhe municipal council (SessionNet)',
    'ratsfeder.profil.augsburg': 'Augsburg city council (ALLRIS)',
    'ratsfeder.profil.huertgenwald': 'Hürtgenwald municipal council (SD.NET)',
    'ratsfeder.register.ratsinformationssystem': 'The OParl address (System URL) of the council information system that “Update Document Register” fetches documents from, e.g. `https://ratsinformation.leipzig.de/allris_leipzig_public/oparl/system`. `register: oparl:` in `ratsfeder.yaml` takes precedence.',
    'ratsfeder.register.ratsinformationssystem.pattern': 'An address starting with http:// or https://.',
    'ratsfeder.register.Ähnlichkeitsschwelle': 'The least similarity (0 to 1) at which a register document is reported as similar (rule `aehnliches-dokument`). `aehnlichkeit: schwelle:` in `ratsfeder.yaml` takes precedence.',
    'ratsfeder.export.briefkopf': 'Letterhead template (.docx with `{{…}}` placeholders) for the DOCX export, relative to the workspace. `export: vorlage:` in `ratsfeder.yaml` takes precedence; in an untrusted workspace it is not used.',
    'ratsfeder.register.oparl.deprecated': 'Now called `#ratsfeder.register.ratsinformationssystem#`.',
    'ratsfeder.sprache': 'Language of messages: `auto` is the council’s language (German), whatever language VS Code speaks; `en` for English.',
    'ratsfeder.regeln': 'Severity per rule (`fehler`, `warnung`, `hinweis`, `aus`). A `ratsfeder.yaml` in the workspace takes precedence.',
  },
};

/** A link that opens a rule's page bundled with the extension (offline, this version's). */
function ruleDocCommand(id: string): string {
  return `command:ratsfeder.openRuleDoc?${encodeURIComponent(JSON.stringify([id]))}`;
}

/** The settings' texts in one language. */
export function settingTexts(locale: Locale): Record<string, string> {
  return {
    ...TEXTS[locale],
    ...Object.fromEntries(RULES.map((rule) => [`ratsfeder.regeln.${rule.id}`, `${rule.title[locale]} ([${rule.id}](${ruleDocCommand(rule.id)}))`])),
  };
}

export const NLS: Record<Locale, string> = { en: 'package.nls.json', de: 'package.nls.de.json' };

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Every generated file, from the current text of each (`read` takes a path relative to the
 * project root): the settings' texts replace their earlier versions, the texts of settings that
 * are gone go, all other keys stay.
 */
export function generatedFiles(read: (file: string) => string): GeneratedFile[] {
  const manifest = JSON.parse(read('package.json')) as { contributes: { configuration: { properties: unknown } } };
  manifest.contributes.configuration.properties = settings();
  const nls = (['en', 'de'] as const).map((locale) => {
    const generated = settingTexts(locale);
    const kept = Object.entries(JSON.parse(read(NLS[locale])) as Record<string, string>).filter(([key]) => !key.startsWith('ratsfeder.') || key in generated);
    return { path: NLS[locale], content: json({ ...Object.fromEntries(kept), ...generated }) };
  });
  return [{ path: 'package.json', content: json(manifest) }, ...nls, { path: 'schemas/ratsfeder.schema.json', content: json(configSchema()) }];
}
