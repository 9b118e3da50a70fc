/**
 * The variables a script can use, by namespace. `previewTemplate` (and the send path, through
 * the same context builder) fills exactly these.
 */
export const templateNamespaces = [
  {
    name: 'customer',
    description: 'Who the message is for: customer.id, customer.name, customer.phone.',
    examples: ['customer.id', 'customer.name', 'customer.phone'],
  },
  {
    name: 'attributes',
    description: 'Profile attributes, e.g. attributes.balance, attributes.age, attributes.job.',
    examples: ['attributes.balance', 'attributes.age'],
  },
  {
    name: 'tags',
    description: "The customer's tags, a list: {{#each tags}}{{this}}{{/each}}.",
    examples: ['tags'],
  },
  {
    name: 'event',
    description: 'The event that triggered the journey, e.g. event.amount, event.maturityDate.',
    examples: ['event.amount'],
  },
  { name: 'journey', description: 'Values of the journey, e.g. journey.name.', examples: ['journey.name'] },
  { name: 'now', description: 'The time of sending, for {{date now "YYYY-MM-DD"}}.', examples: ['now'] },
] as const;

/** Variables any customer context provides; `x.*` allows every field below `x`. */
export const defaultKnownVariables: readonly string[] = [
  'customer.id',
  'customer.name',
  'customer.phone',
  'attributes.*',
  'tags',
  'tags[]',
  'event.*',
  'journey.*',
  'now',
];

/**
 * Whether `variable` (a path as `validateTemplate` lists it, e.g. `attributes.accounts[].amount`)
 * is allowed by `patterns`: equal to one, below a `x.*` wildcard, or a parent of an allowed field
 * (`{{#with customer}}` is fine when `customer.name` is allowed).
 */
export function isKnownVariable(variable: string, patterns: readonly string[]): boolean {
  for (const pattern of patterns) {
    if (pattern === variable) return true;
    if (pattern.endsWith('.*')) {
      const base = pattern.slice(0, -2);
      if (variable === base || variable.startsWith(`${base}.`) || variable.startsWith(`${base}[]`))
        return true;
    }
    if (pattern.startsWith(`${variable}.`) || pattern.startsWith(`${variable}[]`)) return true;
  }
  return false;
}
