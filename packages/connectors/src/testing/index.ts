export {
  type AcceptedSms,
  type GatewayBehaviour,
  startTestSmsGateway,
  type TestSmsGateway,
} from './test-sms-gateway.ts';
