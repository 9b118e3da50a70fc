export * from './access.ts';
export * from './content.ts';
export * from './customers.ts';
export * from './events.ts';
export * from './execution.ts';
export * from './imports.ts';
export * from './journeys.ts';
