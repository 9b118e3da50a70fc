export { type HttpPushGatewayCredentials, httpPushGateway } from './http-push-gateway.ts';
export { pushGatewayPaths } from './protocol.ts';
