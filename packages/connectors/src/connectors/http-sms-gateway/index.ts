export { type HttpSmsGatewayCredentials, httpSmsGateway } from './http-sms-gateway.ts';
export { gatewayMaxBatch, gatewayPaths, signatureHeader } from './protocol.ts';
export { signReceipts } from './receipts.ts';
