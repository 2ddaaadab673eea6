import type { Log, Result } from 'sarif';
import type { Finding, Rule, Severity } from '../rules/types.js';
import type { Locale } from '../base/locale.js';
import { ruleUrl } from '../rules/registry.js';
import { jsonText } from './terminal.js';

/** One checked file's outcome, as every output format takes it. */
export interface FileResult {
  /** Relative to the working directory, with `/` separators. */
  readonly file: string;
  readonly skipped?: string;
  readonly findings: readonly Finding[];
}

const LEVEL: Record<Severity, NonNullable<Result['level']>> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, in the shape GitHub code scanning reads (relative URIs against %SRCROOT%). */
export function formatSarif(results: readonly FileResult[], rules: readonly Rule[], locale: Locale): string {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ratsfeder',
            informationUri: 'https://github.com/ratsfeder/ratsfeder',
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.title[locale] },
              helpUri: ruleUrl(rule.id),
              defaultConfiguration: { level: LEVEL[rule.severity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'working directory' } } },
        results: results.flatMap((result) =>
          result.findings.map((finding) => ({
            ruleId: finding.ruleId,
            ruleIndex: index.get(finding.ruleId) ?? -1,
            level: LEVEL[finding.severity],
            message: { text: finding.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(result.file), uriBaseId: '%SRCROOT%' },
                  region: {
                    startLine: finding.start.line,
                    startColumn: finding.start.column,
                    endLine: finding.end.line,
                    endColumn: finding.end.column,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return jsonText(log);
}
