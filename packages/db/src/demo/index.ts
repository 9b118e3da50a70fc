export * from './bank-customers.ts';
export { type SeedBankCustomersOptions, seedBankCustomers } from './seed-bank-customers.ts';
