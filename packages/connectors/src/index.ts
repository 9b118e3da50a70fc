export { type HttpPushGatewayCredentials, httpPushGateway } from './connectors/http-push-gateway/index.ts';
export { type HttpSmsGatewayCredentials, httpSmsGateway } from './connectors/http-sms-gateway/index.ts';
export {
  AddressNotAllowedError,
  createAddressPolicy,
  type OutboundWebhookCredentials,
  outboundWebhook,
} from './connectors/outbound-webhook/index.ts';
export { messageIdFor, type SmtpEmailCredentials, smtpEmail } from './connectors/smtp-email/index.ts';
export {
  createWeComConnector,
  type WeComConnectorOptions,
  type WeComCredentials,
  wecom,
} from './connectors/wecom/index.ts';
export {
  createWeComContactConnector,
  type WeComContactConnectorOptions,
  type WeComContactCredentials,
  wecomContact,
} from './connectors/wecom-contact/index.ts';
export { connectorDefinitions } from './registry.ts';
export {
  type ChannelMessages,
  type ConnectorChannel,
  channelMessageSchemas,
  connectorChannels,
  type EmailMessage,
  emailAddressPattern,
  emailAddressSchema,
  emailMessageSchema,
  type PushMessage,
  phoneNumberSchema,
  pushMessageSchema,
  type SmsMessage,
  smsMessageSchema,
  type WebhookMessage,
  type WeComMessage,
  webhookMessageSchema,
  wecomExternalUserIdSchema,
  wecomMessageSchema,
  wecomUserIdSchema,
} from './sdk/channel-messages.ts';
export { bindConnector, type ConnectorClient } from './sdk/connector-client.ts';
export {
  type AnyConnectorDefinition,
  type CheckResult,
  type ConnectorDefinition,
  type DeliveryReport,
  defineConnector,
  type LookupResult,
  type OutgoingMessage,
  type SendOutcome,
  type SendReceipt,
  type SentMessage,
  type WebhookRequest,
} from './sdk/define-connector.ts';
export { type EmailBodies, emailBodies, htmlToText } from './sdk/email-body.ts';
export {
  ConnectorConfigError,
  ConnectorSendError,
  isConnectorSendError,
  PermanentSendError,
  type SendFailureKind,
  TransientSendError,
  UnknownOutcomeError,
  WebhookRejectedError,
} from './sdk/errors.ts';
export { type ConnectorRegistry, createConnectorRegistry } from './sdk/registry.ts';
