export { wecomDefaultBaseUrl, wecomErrcodes, wecomPaths } from './protocol.ts';
export {
  createWeComConnector,
  type WeComConnectorOptions,
  type WeComCredentials,
  wecom,
} from './wecom.ts';
