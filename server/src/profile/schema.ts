/** A submission deadline: days before the meeting, counted as calendar days or working days. */
export const DEADLINE = {
  type: 'object',
  additionalProperties: false,
  required: ['tage'],
  properties: {
    tage: { type: 'integer', minimum: 0, maximum: 365 },
    zaehlung: { enum: ['kalendertage', 'werktage'] },
  },
} as const;

/** Groups of single words that mean the same to a council ("Kita", "Kindertagesstätte"). */
export const SYNONYM_GROUPS = {
  type: 'array',
  items: { type: 'array', minItems: 2, items: { type: 'string', pattern: '^[^\\s/]+$' } },
} as const;

/** JSON Schema of a council profile file (`*.profile.yaml`). */
export const PROFILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Ratsfeder-Ratsprofil',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'types', 'fields', 'numbers', 'urls', 'docx'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9-]+$' },
    name: { type: 'string' },
    types: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'sections'],
        properties: {
          name: { type: 'string' },
          aliases: { type: 'array', items: { type: 'string' } },
          requiredFields: { type: 'array', items: { type: 'string' } },
          sections: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['title', 'required'],
              properties: {
                title: { type: 'string' },
                aliases: { type: 'array', items: { type: 'string' } },
                required: { type: 'boolean' },
                content: { enum: ['fragen'] },
                futureDates: { type: 'boolean' },
                skeleton: { type: 'string' },
              },
            },
          },
          frist: DEADLINE,
        },
      },
    },
    zeitzone: { type: 'string', minLength: 1 },
    woerter: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 } },
    aehnlichkeit: {
      type: 'object',
      additionalProperties: false,
      properties: { synonyme: SYNONYM_GROUPS },
    },
    vorlage: {
      type: 'object',
      additionalProperties: false,
      properties: {
        beschlussvorschlag: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        ende: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      },
    },
    fields: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'kind', 'description'],
        properties: {
          key: { type: 'string' },
          kind: { enum: ['text', 'texts', 'date', 'reference', 'references', 'choice', 'beratungsfolge', 'type'] },
          required: { type: 'boolean' },
          values: { type: 'array', items: { type: 'string' } },
          roles: { type: 'array', items: { type: 'string' } },
          description: { type: 'string' },
        },
      },
    },
    numbers: {
      type: 'object',
      additionalProperties: false,
      // The structured scheme comes whole or not at all; without it, forms are the scheme.
      dependencies: {
        periods: ['codes', 'digits'],
        suffixes: ['periods'],
        suffixDigits: ['suffixes'],
      },
      anyOf: [{ required: ['periods'] }, { required: ['forms'] }],
      properties: {
        periods: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[IVX]+$' } },
        codes: { type: 'object', additionalProperties: { type: 'string' } },
        digits: { type: 'integer', minimum: 1, maximum: 9 },
        suffixes: { type: 'object', additionalProperties: { type: 'string' } },
        suffixDigits: { type: 'integer', minimum: 1, maximum: 4 },
        forms: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['pattern'],
            properties: {
              pattern: { type: 'string', minLength: 1, maxLength: 100, format: 'nummernmuster' },
              name: { type: 'string' },
              codes: { type: 'object', minProperties: 1, additionalProperties: { type: 'string' } },
              inText: { type: 'boolean' },
            },
          },
        },
        example: { type: 'string', minLength: 1 },
      },
    },
    urls: {
      type: 'object',
      additionalProperties: false,
      properties: { document: { type: 'string', pattern: '^https?://' } },
    },
    oparl: {
      type: 'object',
      additionalProperties: false,
      required: ['system'],
      properties: {
        system: { type: 'string', pattern: '^https?://' },
        paperTypes: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    docx: {
      type: 'object',
      additionalProperties: false,
      required: ['labels'],
      properties: { labels: { type: 'object', additionalProperties: { type: 'string' } }, labelsEn: { type: 'object', additionalProperties: { type: 'string' } } },
    },
  },
} as const;
