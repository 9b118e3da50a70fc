import { httpPushGateway } from './connectors/http-push-gateway/index.ts';
import { httpSmsGateway } from './connectors/http-sms-gateway/index.ts';
import { outboundWebhook } from './connectors/outbound-webhook/index.ts';
import { smtpEmail } from './connectors/smtp-email/index.ts';
import { wecom } from './connectors/wecom/index.ts';
import { wecomContact } from './connectors/wecom-contact/index.ts';
import type { AnyConnectorDefinition } from './sdk/define-connector.ts';

/** Every built-in connector. Adding one is a folder under `connectors/` and one line here. */
export const connectorDefinitions = [
  httpSmsGateway,
  httpPushGateway,
  outboundWebhook,
  wecom,
  wecomContact,
  smtpEmail,
] as const satisfies readonly AnyConnectorDefinition[];
