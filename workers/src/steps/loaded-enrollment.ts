import { type EnrollmentRow, enrollmentColumns } from './enrollment-row.ts';

/**
 * An enrollment as one batch query returns it: with its journey's status, its customer, the
 * event that enrolled it and (when asked for) the messages already claimed for it.
 */
export interface LoadedEnrollment extends EnrollmentRow {
  journey_status: string | null;
  c_id: string | null;
  c_attributes: Record<string, unknown> | null;
  c_tags: string[] | null;
  c_consent: Record<string, boolean> | null;
  c_name_enc: string | null;
  c_phone_enc: string | null;
  c_email_enc: string | null;
  c_locale: string | null;
  t_name: string | null;
  t_properties: Record<string, unknown> | null;
  t_occurred_at: Date | null;
  messages: { id: number; key: string; status: string; channel: string; updatedAt: string }[] | null;
}

const enrollmentColumnList = enrollmentColumns.split(', ');

/**
 * The select list and joins that load enrollments for a step, for queries over `enrollments e`
 * (the step) or over messages joined to `enrollments e` (a delivery, which then moves the
 * customer on without a second read). `prefix` names the enrollment columns when the query's
 * own rows have columns of the same name.
 */
export function loadedEnrollmentSql(
  prefix = '',
  /** Columns to join journeys and customers on (a message's own, when the enrollment may be missing). */
  on = { journeyId: 'e.journey_id', customerId: 'e.customer_id' },
): { columns: string; joins: string } {
  return {
    columns: [
      ...enrollmentColumnList.map((c) => `e.${c} AS ${prefix}${c}`),
      `j.status AS ${prefix}journey_status`,
      ...['id', 'attributes', 'tags', 'consent', 'name_enc', 'phone_enc', 'email_enc', 'locale'].map(
        (c) => `c.${c} AS ${prefix}c_${c}`,
      ),
      `t.name AS ${prefix}t_name, t.properties AS ${prefix}t_properties, t.occurred_at AS ${prefix}t_occurred_at`,
    ].join(', '),
    joins: `LEFT JOIN journeys j ON j.id = ${on.journeyId}
            LEFT JOIN customers c ON c.id = ${on.customerId}
            LEFT JOIN events t ON t.event_id = e.trigger_event_id`,
  };
}

/** Picks a prefixed enrollment out of a wider row (see `loadedEnrollmentSql`); null when there is none. */
export function takeLoadedEnrollment(row: Record<string, unknown>, prefix: string): LoadedEnrollment | null {
  if (row[`${prefix}id`] === null || row[`${prefix}id`] === undefined) return null;
  const out: Record<string, unknown> = { messages: null };
  for (const key of Object.keys(row)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = row[key];
  return out as LoadedEnrollment;
}
