export type { Customer, CustomerInput } from './customer-types.ts';
export { normalizeEmail } from './email-address.ts';
export { maskCustomer, maskEmail, maskIdNumber, maskName, maskPhone } from './mask.ts';
export {
  type CustomerPage,
  findCustomersByPhone,
  getCustomer,
  type SearchCustomersQuery,
  type SqlFragment,
  searchCustomers,
} from './read-customers.ts';
export {
  MAX_UPSERT_ROWS,
  type UpsertCustomersOptions,
  type UpsertCustomersResult,
  upsertCustomers,
} from './upsert-customers.ts';
