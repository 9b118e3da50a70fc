export { AddressNotAllowedError, createAddressPolicy } from './address-policy.ts';
export {
  type OutboundWebhookCredentials,
  outboundWebhook,
  signatureHeaderName,
  timestampHeaderName,
} from './outbound-webhook.ts';
