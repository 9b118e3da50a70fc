import { dormantCardReactivation } from './dormant-card-reactivation.ts';
import { largeDepositWealthOffer } from './large-deposit-wealth-offer.ts';
import { newCustomerOnboarding } from './new-customer-onboarding.ts';
import type { StarterJourney } from './starter.ts';

export {
  bindStarter,
  type StarterSegment,
  type StarterTemplate,
  starterConnectorChannels,
  starterConnectorRef,
  starterPlaceholders,
  starterSegmentRef,
  starterSegments,
  starterTemplateRef,
  starterTemplates,
} from './placeholders.ts';
export type { StarterJourney } from './starter.ts';

/** The starter journeys the "new journey" dialog offers, in the order it shows them. */
export const starterJourneys: readonly StarterJourney[] = [
  largeDepositWealthOffer,
  dormantCardReactivation,
  newCustomerOnboarding,
];
