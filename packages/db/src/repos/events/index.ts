export {
  getCustomerTimeline,
  type TimelineItem,
  type TimelinePage,
  type TimelineQuery,
} from './customer-timeline.ts';
export { type EventInput, type EventInsertOutcome, insertEvents } from './insert-events.ts';
