import { DEADLINE, SYNONYM_GROUPS } from '../profile/schema.js';
import type { DeadlineSpec } from '../profile/types.js';
import type { SeveritySetting } from '../rules/engine.js';
import { RULE_IDS } from '../rules/registry.js';
import type { RuleOptions } from '../rules/types.js';
import type { Locale } from '../base/locale.js';
import { parseValidated, type Parsed } from '../base/validate.js';

/** The workspace file that the CLI and the language server both read. */
export const CONFIG_FILE = 'ratsfeder.yaml';

/**
 * How a link's address is printed, where its text does not say it: in a footnote, in
 * parentheses after the text, or not at all (`export: links:` in ratsfeder.yaml).
 */
export type LinkStyle = 'fussnote' | 'klammer' | 'aus';

/** The faction as the first page's letterhead names it (`export: absender:` in ratsfeder.yaml). */
export interface Absender {
  readonly name: string;
  readonly anschrift?: readonly string[];
  readonly kontakt?: string;
  /** A PNG or JPEG file, relative to the config file. */
  readonly logo?: string;
}

/** `ratsfeder.yaml`, validated and typed. */
export interface Config {
  /** `leipzig` or a path (relative to the config file) to a profile YAML. */
  readonly profil?: string;
  readonly sprache?: Locale;
  readonly regeln?: Readonly<Record<string, SeverityName>>;
  readonly register?: {
    /** The OParl System URL to sync the register from. */
    readonly oparl?: string;
    /** Register files beyond `*.register.csv|json`, relative to the config file. */
    readonly dateien?: readonly string[];
  };
  readonly export?: {
    /** A letterhead .docx with `{{…}}` placeholders, relative to the config file. */
    readonly vorlage?: string;
    /** How links' addresses are printed (default: in a footnote). */
    readonly links?: LinkStyle;
    /** The faction as the first page's letterhead names it, without a Word template. */
    readonly absender?: Absender;
  };
  /** Submission deadlines per document type, replacing the profile's (`Antrag: { tage: 14 }`). */
  readonly fristen?: Readonly<Record<string, DeadlineSpec>>;
  /** Files and folders left out of checks and the register: globs relative to the config file. */
  readonly ignorieren?: readonly string[];
  /** Similar documents in the register (`aehnliches-dokument`, hover, `register similar`). */
  readonly aehnlichkeit?: {
    /** The least similarity, from 0 to 1, that `aehnliches-dokument` reports. */
    readonly schwelle?: number;
    /** Groups of words meaning the same, beside the profile's. */
    readonly synonyme?: readonly (readonly string[])[];
  };
  /** The project's own words, which spelling accepts (names, terms of the faction). */
  readonly woerter?: readonly string[];
}

/** Rule settings from a config, as the engine takes them. */
export function ruleOptions(config: Config | undefined): RuleOptions {
  const threshold = config?.aehnlichkeit?.schwelle;
  const synonyms = config?.aehnlichkeit?.synonyme;
  const words = config?.woerter;
  return {
    ...(threshold === undefined ? {} : { similarityThreshold: threshold }),
    ...(synonyms === undefined ? {} : { synonyms }),
    ...(words === undefined ? {} : { words }),
  };
}

const SEVERITY_NAMES = {
  fehler: 'error',
  warnung: 'warning',
  hinweis: 'info',
  aus: 'off',
  error: 'error',
  warning: 'warning',
  info: 'info',
  off: 'off',
} as const satisfies Record<string, SeveritySetting>;

export type SeverityName = keyof typeof SEVERITY_NAMES;

export function isSeverityName(name: unknown): name is SeverityName {
  return typeof name === 'string' && Object.hasOwn(SEVERITY_NAMES, name);
}

export function severityOf(name: SeverityName): SeveritySetting {
  return SEVERITY_NAMES[name];
}

/** Rule severities from a config, as the engine takes them. */
export function severities(config: Config | undefined): Record<string, SeveritySetting> {
  const result: Record<string, SeveritySetting> = {};
  for (const [id, name] of Object.entries(config?.regeln ?? {})) result[id] = severityOf(name);
  return result;
}

/** The JSON Schema of `ratsfeder.yaml`, built from the rule registry so the two cannot drift. */
export function configSchema(): object {
  const severity = { enum: Object.keys(SEVERITY_NAMES), description: 'fehler | warnung | hinweis | aus' };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Ratsfeder-Konfiguration (ratsfeder.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      profil: { type: 'string', description: 'Ratsprofil: "leipzig", "karlsruhe", "augsburg", "huertgenwald" oder der Pfad zu einer Profil-YAML-Datei.' },
      sprache: { enum: ['de', 'en'], description: 'Sprache der Meldungen.' },
      ignorieren: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description:
          'Dateien und Ordner, die „ratsfeder check“, das Dokumentregister und der Sprachserver auslassen: Glob-Muster relativ zu dieser Datei, z. B. „test/fixtures/**“ oder „archiv“ (ein Ordner mit allem darin). Ausdrücklich genannte Dateien prüft „ratsfeder check“ trotzdem.',
      },
      regeln: {
        type: 'object',
        description: 'Schweregrad je Regel.',
        additionalProperties: false,
        properties: Object.fromEntries(RULE_IDS.map((id) => [id, severity])),
      },
      fristen: {
        type: 'object',
        description: 'Einreichungsfristen je Dokumentart vor einer Sitzung der Beratungsfolge; ersetzen die des Ratsprofils. Beispiel: „Antrag: { tage: 21 }“ oder „Änderungsantrag: { tage: 2, zaehlung: werktage }“.',
        additionalProperties: { ...DEADLINE, description: 'Tage vor der Sitzung (tage), gezählt als kalendertage (Standard) oder werktage (Montag bis Freitag).' },
      },
      aehnlichkeit: {
        type: 'object',
        description: 'Ähnliche Dokumente im Register (Regel aehnliches-dokument, Hover über dem Titel).',
        additionalProperties: false,
        properties: {
          schwelle: {
            type: 'number',
            minimum: 0,
            maximum: 1,
            description: 'Ab welcher Ähnlichkeit (0 bis 1, Standard 0.6) aehnliches-dokument ein Dokument meldet; 1 heißt: dieselben Wörter im Titel.',
          },
          synonyme: {
            ...SYNONYM_GROUPS,
            description: 'Gruppen von Wörtern, die im Rat dasselbe meinen, zusätzlich zu denen des Ratsprofils; je Gruppe einzelne Wörter. Beispiel: „- [Kita, Kindertagesstätte]“.',
          },
        },
      },
      woerter: {
        type: 'array',
        items: { type: 'string', minLength: 1, maxLength: 100 },
        maxItems: 20000,
        description:
          'Eigene Wörter des Projekts, die die Rechtschreibprüfung (Regel rechtschreibung) nie anstreicht: Namen, Orte, Fachwörter der Fraktion. Beispiel: „- Schleußiger Weg“. Die Korrektur „Zu den Wörtern des Projekts hinzufügen“ trägt sie hier ein.',
      },
      export: {
        type: 'object',
        description: 'Der DOCX-Export.',
        additionalProperties: false,
        properties: {
          vorlage: {
            type: 'string',
            description: 'Briefkopf (.docx) mit Platzhaltern wie {{titel}}, {{einreicher}}, {{inhalt}}; relativ zu dieser Datei.',
          },
          links: {
            type: 'string',
            enum: ['fussnote', 'klammer', 'aus'],
            description: 'Wie die Adresse eines Links gedruckt wird, wo der Linktext sie nicht nennt: „fussnote“ (Standard), „klammer“ (nach dem Text) oder „aus“.',
          },
          absender: {
            type: 'object',
            description: 'Der Briefkopf der ersten Seite aus Daten, ohne Word-Vorlage: Name der Fraktion, Anschrift, Kontakt und Logo.',
            additionalProperties: false,
            required: ['name'],
            properties: {
              name: { type: 'string', minLength: 1, maxLength: 200, description: 'Name der Fraktion, z. B. „Freibeuter-Fraktion im Stadtrat Leipzig“.' },
              anschrift: { type: 'array', maxItems: 6, items: { type: 'string', maxLength: 200 }, description: 'Zeilen der Anschrift, z. B. „- Neues Rathaus, Martin-Luther-Ring 4–6“ und „- 04109 Leipzig“.' },
              kontakt: { type: 'string', maxLength: 200, description: 'Telefon, E-Mail oder Webseite in einer Zeile.' },
              logo: { type: 'string', description: 'Logo als PNG- oder JPEG-Datei, relativ zu dieser Datei; es steht rechts oben, 2,5 cm hoch.' },
            },
          },
        },
      },
      register: {
        type: 'object',
        description: 'Das Dokumentregister.',
        additionalProperties: false,
        properties: {
          oparl: { type: 'string', pattern: '^https?://', description: 'System-URL der OParl-Schnittstelle des Rates.' },
          dateien: {
            type: 'array',
            items: { type: 'string' },
            description: 'Weitere Registerdateien (CSV oder JSON mit nummer, titel, art, datum, url), relativ zu dieser Datei.',
          },
        },
      },
    },
  };
}

let schema: object | undefined;

export function parseConfig(text: string, file: string, locale: Locale = 'de'): Parsed<Config> {
  schema ??= configSchema();
  return parseValidated<Config>(text, file, schema, locale, 'config');
}
