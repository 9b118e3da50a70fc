export { type ReadEmail, readMime } from './read-mime.ts';
export {
  type AcceptedPush,
  startTestPushGateway,
  type TestPushGateway,
  type TestPushGatewayOptions,
} from './test-push-gateway.ts';
export {
  type AcceptedSms,
  type GatewayBehaviour,
  startTestSmsGateway,
  type TestSmsGateway,
} from './test-sms-gateway.ts';
export {
  type ReceivedEmail,
  type SmtpBehaviour,
  startTestSmtpServer,
  type TestSmtpServer,
  type TestSmtpServerOptions,
} from './test-smtp-server.ts';
export { testTlsCertificate } from './test-tls-certificate.ts';
export {
  type ReceivedWeComMessage,
  startTestWeComApi,
  type TestWeComApi,
  type TestWeComApiOptions,
  type WeComBehaviour,
} from './test-wecom-api.ts';
export type {
  ContactSendStatus,
  ReceivedContactTask,
  SentContactMessage,
} from './test-wecom-contact-tasks.ts';
