import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../server/src/rules/registry.js';
import type { Locale } from '../server/src/rules/types.js';
import { ROOT } from './helpers.js';

/*
 * The extension manifest's settings are derived from the rule registry, with their texts in
 * package.nls.json (English) and package.nls.de.json (German). `UPDATE_GOLDEN=1 npm test`
 * rewrites them; CI fails when they drift.
 */
const severity = { type: 'string', enum: ['fehler', 'warnung', 'hinweis', 'aus'] };

function expected() {
  const properties = {
    'ratsfeder.sprache': {
      type: 'string',
      enum: ['auto', 'de', 'en'],
      default: 'auto',
      markdownDescription: '%ratsfeder.sprache%',
      scope: 'resource',
    },
    'ratsfeder.register.oparl': {
      type: 'string',
      default: '',
      pattern: '^(https?://.*)?$',
      markdownDescription: '%ratsfeder.register.oparl%',
      scope: 'resource',
    },
    'ratsfeder.regeln': {
      type: 'object',
      default: {},
      markdownDescription: '%ratsfeder.regeln%',
      scope: 'resource',
      additionalProperties: false,
      properties: Object.fromEntries(RULES.map((rule) => [rule.id, { ...severity, markdownDescription: `%ratsfeder.regeln.${rule.id}%` }])),
    },
  };
  const texts = (locale: Locale) => ({
    'ratsfeder.sprache': locale === 'de' ? 'Sprache der Meldungen: `auto` folgt der Sprache von VS Code.' : 'Language of messages: `auto` follows the VS Code display language.',
    'ratsfeder.register.oparl':
      locale === 'de'
        ? 'System-URL der OParl-Schnittstelle des Rates, aus der „Dokumentregister aktualisieren“ die Dokumente holt. `register: oparl:` in `ratsfeder.yaml` hat Vorrang.'
        : 'System URL of the council’s OParl interface that “Update document register” fetches documents from. `register: oparl:` in `ratsfeder.yaml` takes precedence.',
    'ratsfeder.regeln':
      locale === 'de'
        ? 'Schweregrad je Regel (`fehler`, `warnung`, `hinweis`, `aus`). Eine `ratsfeder.yaml` im Arbeitsbereich hat Vorrang.'
        : 'Severity per rule (`fehler`, `warnung`, `hinweis`, `aus`). A `ratsfeder.yaml` in the workspace takes precedence.',
    ...Object.fromEntries(RULES.map((rule) => [`ratsfeder.regeln.${rule.id}`, `${rule.title[locale]} ([${rule.id}](https://github.com/ratsfeder/ratsfeder/blob/main/docs/regeln/${rule.id}.md))`])),
  });
  return { properties, en: texts('en'), de: texts('de') };
}

describe('extension manifest', () => {
  it('contributes one setting per rule, described in German and English', () => {
    const manifestFile = path.join(ROOT, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const want = expected();
    if (process.env.UPDATE_GOLDEN) {
      manifest.contributes.configuration.properties = want.properties;
      writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
      writeFileSync(path.join(ROOT, 'package.nls.json'), `${JSON.stringify(want.en, null, 2)}\n`);
      writeFileSync(path.join(ROOT, 'package.nls.de.json'), `${JSON.stringify(want.de, null, 2)}\n`);
    }
    expect(manifest.contributes.configuration.properties).toEqual(want.properties);
    expect(JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'))).toEqual(want.en);
    expect(JSON.parse(readFileSync(path.join(ROOT, 'package.nls.de.json'), 'utf8'))).toEqual(want.de);
  });
});
