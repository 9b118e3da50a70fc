/**
 * What a `waiting` enrollment waits for, stored in `enrollments.waiting_event`. A wait.event node
 * stores the event name itself; the engine's own parking reasons start with `@`, which no event
 * name can, so the two never clash.
 */
export const parkReasons = {
  /** At a send node until its message is delivered, failed or reconciled. */
  message: '@message',
  /** Held by a paused journey until it is resumed. */
  resume: '@resume',
  /** At a send node until the journey's quiet hours end. */
  quietHours: '@quiet-hours',
} as const;

export type ParkReason = (typeof parkReasons)[keyof typeof parkReasons];
