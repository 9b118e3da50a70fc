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
  type ReceivedWeComMessage,
  startTestWeComApi,
  type TestWeComApi,
  type TestWeComApiOptions,
  type WeComBehaviour,
} from './test-wecom-api.ts';
