export { type ColumnType, inferColumnType } from './column-types.ts';
export {
  type ImportCustomersCsvOptions,
  type ImportCustomersResult,
  importCustomersCsv,
} from './import-customers-csv.ts';
export { type Rejection, type RejectionCode, rejectionCodes } from './rejection-codes.ts';
export { defaultFieldColumns, type FieldColumnKey, type IdFromRow, ImportHeaderError } from './row-mapper.ts';
