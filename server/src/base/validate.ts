import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { render, type Catalogue, type Failure, type Locale } from './locale.js';
import { normaliseLineEnds } from './line-ends.js';
import { suggest } from './suggest.js';
import { VALIDATION_MESSAGES } from './validate-messages.js';
import { PRECOMPILED } from './precompiled-validators.js';
import { compileSchema } from './compile-schema.js';

/** A problem in a configuration or profile file, with the place to fix it. */
export interface Problem {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type Parsed<T> = { readonly value: T; readonly problems: readonly [] } | { readonly value: undefined; readonly problems: readonly Problem[] };

/** The schemas a file is validated against, by the name their precompiled validator has. */
export type SchemaName = 'config' | 'profile';

const validators = new WeakMap<object, ValidateFunction>();

/** A string format a schema may name (`format: …`): whether a value fits, and why not. */
export interface TextFormat<K extends string = string> {
  /** What is wrong with `value` (a kind of `messages` and its data), or `undefined` if it fits. */
  problem(value: string): Failure<K> | undefined;
  /** The texts of the problems. */
  readonly messages: Catalogue<K>;
}

const formats = new Map<string, TextFormat>();

/** Makes `format: name` available to every schema; the problem's text becomes the message. */
export function defineFormat<K extends string>(name: string, format: TextFormat<K>): void {
  if (formats.has(name)) return;
  formats.set(name, format as unknown as TextFormat);
}

/** Whether `value` fits the format `name` (`defineFormat`); the precompiled validators ask it too. */
export function formatFits(name: string, value: string): boolean {
  const format = formats.get(name);
  return format !== undefined && format.problem(value) === undefined;
}

/**
 * The validator of `schema`. The bundles carry validators compiled when they were built
 * (`precompiled-validators.ts`), so that reading a `ratsfeder.yaml` does not compile its
 * schema on every start; from the sources (tests), the schema is compiled when first used.
 */
function validatorOf(schema: object, name: SchemaName): ValidateFunction {
  let validate = validators.get(schema) ?? PRECOMPILED?.[name];
  validate ??= compileSchema(schema, new Map([...formats.keys()].map((defined) => [defined, (value: string) => formatFits(defined, value)])));
  validators.set(schema, validate);
  return validate;
}

/** The largest `ratsfeder.yaml` or profile read, in UTF-16 units: the largest profile shipped is under 20 K. */
export const MAX_YAML_CHARS = 1_000_000;

/** The most values (mappings, lists and scalars, an alias counting as often as it is used) such a file may stand for. */
export const MAX_YAML_VALUES = 200_000;

/** Whether `value` holds at most `limit` values, counting a shared one as often as it is reached; stops at the limit. */
function withinValues(value: unknown, limit: number): boolean {
  let budget = limit;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    if (--budget < 0) return false;
    const next = stack.pop();
    if (Array.isArray(next)) stack.push(...(next as unknown[]));
    else if (next !== null && typeof next === 'object') stack.push(...Object.values(next));
  }
  return true;
}

/**
 * Parses a YAML file and validates it against a JSON Schema. Either the whole value is
 * valid, or there is no value and a list of problems: a bad file is never half-applied.
 * `name` says which of the schemas the bundles carry compiled `schema` is.
 */
export function parseValidated<T>(original: string, file: string, schema: object, locale: Locale, name: SchemaName): Parsed<T> {
  if (original.length > MAX_YAML_CHARS) {
    return { value: undefined, problems: [{ file, line: 1, column: 1, message: render(VALIDATION_MESSAGES, locale, 'too-large', { count: MAX_YAML_CHARS }) }] };
  }
  // The yaml library ends lines at LF only; a lone CR must end one too, for the positions.
  const text = normaliseLineEnds(original);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    return {
      value: undefined,
      problems: doc.errors.map((error) => ({
        file,
        line: at(error.pos[0]).line,
        column: at(error.pos[0]).col,
        message: render(VALIDATION_MESSAGES, locale, 'yaml', { detail: error.message.split('\n', 1)[0] ?? '' }),
      })),
    };
  }
  // Aliases are fine in any number (a profile may share one list of sections among many
  // types); what is bounded is what they add up to, so that a file of nested aliases cannot
  // make the validation walk billions of values.
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: -1 }) ?? {};
  } catch (error) {
    return { value: undefined, problems: [{ file, line: 1, column: 1, message: render(VALIDATION_MESSAGES, locale, 'yaml', { detail: error instanceof Error ? (error.message.split('\n', 1)[0] ?? '') : String(error) }) }] };
  }
  if (!withinValues(value, MAX_YAML_VALUES)) {
    return { value: undefined, problems: [{ file, line: 1, column: 1, message: render(VALIDATION_MESSAGES, locale, 'too-many-values', { count: MAX_YAML_VALUES }) }] };
  }
  const validate = validatorOf(schema, name);
  if (validate(value)) return { value: value as T, problems: [] };
  const problems = (validate.errors ?? []).filter(meaningful).map((error) => {
    const { node, key } = locate(doc, error);
    const offset = (key ?? node)?.range?.[0] ?? 0;
    const pos = at(offset);
    return { file, line: pos.line, column: pos.col, message: describe(error, locale) };
  });
  return { value: undefined, problems: dedupe(problems) };
}

/** `anyOf`/`oneOf` add a summary error on top of the specific ones; the specific ones say more. */
function meaningful(error: ErrorObject): boolean {
  return error.keyword !== 'anyOf' && error.keyword !== 'oneOf' && error.keyword !== 'if';
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.line}:${problem.column}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function locate(doc: Document, error: ErrorObject): { node: YamlNode | undefined; key: YamlNode | undefined } {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const node = (path.length === 0 ? doc.contents : doc.getIn(path, true)) as YamlNode | undefined;
  const name =
    error.keyword === 'additionalProperties'
      ? (error.params as { additionalProperty: string }).additionalProperty
      : error.keyword === 'propertyNames'
        ? (error.params as { propertyName: string }).propertyName
        : undefined;
  if (name !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === name);
    return { node, key: pair?.key as YamlNode | undefined };
  }
  // For a value error in a mapping, point at its key: that is where people look.
  if (path.length > 0) {
    const parent = (path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)) as YamlNode | undefined;
    const last = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
      return { node, key: (pair?.value as YamlNode | undefined) ?? (pair?.key as YamlNode | undefined) };
    }
  }
  return { node, key: undefined };
}

function where(error: ErrorObject): string {
  return error.instancePath === '' ? '' : error.instancePath.slice(1).replace(/\//g, '.');
}

function describe(error: ErrorObject, locale: Locale): string {
  const failure = problemOf(error, locale);
  return render(VALIDATION_MESSAGES, locale, failure.kind, failure.data);
}

/**
 * What an error of the schema says, as a kind of `VALIDATION_MESSAGES` and its data. A format's
 * problem comes worded by the format's own catalogue, in `locale`.
 */
function problemOf(error: ErrorObject, locale: Locale): Failure<keyof typeof VALIDATION_MESSAGES.de> {
  const path = where(error);
  switch (error.keyword) {
    case 'additionalProperties':
    case 'propertyNames': {
      const name =
        error.keyword === 'additionalProperties'
          ? (error.params as { additionalProperty: string }).additionalProperty
          : (error.params as { propertyName: string }).propertyName;
      const known = knownNames(error);
      return { kind: 'unknown-key', data: { name, path, guess: suggest(name, known) ?? '', known: known.join(', ') } };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      return { kind: 'not-allowed', data: { value: String(error.data), path, allowed: allowed.join(', ') } };
    }
    case 'type':
      return { kind: 'type', data: { path, type: String((error.params as { type: string }).type) } };
    case 'required':
      return { kind: 'required', data: { path, missing: (error.params as { missingProperty: string }).missingProperty } };
    case 'format': {
      const format = formats.get(String((error.params as { format: string }).format));
      const problem = format && typeof error.data === 'string' ? format.problem(error.data) : undefined;
      if (format && problem) return { kind: 'format', data: { path, problem: render(format.messages, locale, problem.kind, problem.data) } };
      return { kind: 'invalid', data: { path, detail: error.message ?? '' } };
    }
    default:
      return { kind: 'invalid', data: { path, detail: error.message ?? '' } };
  }
}

function knownNames(error: ErrorObject): string[] {
  const schema = error.parentSchema as { properties?: Record<string, unknown>; propertyNames?: { enum?: string[] } } | undefined;
  if (error.keyword === 'propertyNames') return schema?.propertyNames?.enum ?? [];
  return Object.keys(schema?.properties ?? {});
}
