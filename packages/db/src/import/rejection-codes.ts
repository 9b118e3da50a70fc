/** Why a row of an import was not accepted. Stored in import_rejections.code. */
export const rejectionCodes = {
  broken_quoting: 'The quotes in the row do not pair up.',
  unreadable_remainder: 'A quote is never closed, so the rest of the file could not be read.',
  wrong_column_count: 'The row has a different number of values than the header.',
  missing_id: 'The row has no customer id.',
  bad_id: 'The customer id is too long or contains line breaks.',
  duplicate_id: 'The customer id already appeared earlier in the same file.',
  bad_number: 'A value that must be a number is not one.',
  bad_date: 'A value that must be a date is not a valid YYYY-MM-DD date.',
  bad_boolean: 'A value that must be yes/no is something else.',
  bad_phone: 'The phone number does not have 7 to 15 digits.',
  bad_email: 'The e-mail address is not a valid address.',
} as const;

export type RejectionCode = keyof typeof rejectionCodes;

/** One row that was not imported, with a message a planner can act on. */
export interface Rejection {
  /** Data row number: 1 is the first row after the header. */
  rowNumber: number;
  code: RejectionCode;
  message: string;
  /** The row as read, with personal-data columns masked; null when it cannot be masked safely. */
  raw: string | null;
}
