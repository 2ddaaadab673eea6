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
      required: ['periods', 'codes', 'digits', 'suffixes', 'suffixDigits'],
      properties: {
        periods: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[IVX]+$' } },
        codes: { type: 'object', additionalProperties: { type: 'string' } },
        digits: { type: 'integer', minimum: 1, maximum: 9 },
        suffixes: { type: 'object', additionalProperties: { type: 'string' } },
        suffixDigits: { type: 'integer', minimum: 1, maximum: 4 },
      },
    },
    urls: {
      type: 'object',
      additionalProperties: false,
      properties: { document: { type: 'string', pattern: '^https?://' } },
    },
    docx: {
      type: 'object',
      additionalProperties: false,
      required: ['labels'],
      properties: { labels: { type: 'object', additionalProperties: { type: 'string' } }, labelsEn: { type: 'object', additionalProperties: { type: 'string' } } },
    },
  },
} as const;
