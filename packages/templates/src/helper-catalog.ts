import { type blockHelpers, inlineHelpers } from './helpers/index.ts';

/** One helper as the editor lists it. */
export interface HelperInfo {
  name: string;
  block: boolean;
  summary: string;
  example: string;
}

const blockSummaries: Readonly<Record<keyof typeof blockHelpers, HelperInfo>> = {
  if: {
    name: 'if',
    block: true,
    summary: 'Shows the block when the value is true or not empty; {{else}} otherwise.',
    example: '{{#if attributes.loan}}…{{else}}…{{/if}}',
  },
  unless: {
    name: 'unless',
    block: true,
    summary: 'Shows the block when the value is false or empty.',
    example: '{{#unless attributes.loan}}…{{/unless}}',
  },
  each: {
    name: 'each',
    block: true,
    summary: 'Repeats the block for every item of a list; {{this}} is the item, {{@index}} its position.',
    example: '{{#each tags}}{{this}} {{/each}}',
  },
  with: {
    name: 'with',
    block: true,
    summary: 'Reads fields of one group without repeating its name.',
    example: '{{#with event}}{{amount}}{{/with}}',
  },
};

/** Every helper a script may use, for the editor's helper list and insert menu. */
export const helperCatalog: readonly HelperInfo[] = [
  ...inlineHelpers.map(({ name, summary, example }) => ({ name, block: false, summary, example })),
  ...Object.values(blockSummaries),
];
