export { contactPaths, sendResultStatus } from './protocol.ts';
export {
  createWeComContactConnector,
  type WeComContactConnectorOptions,
  type WeComContactCredentials,
  wecomContact,
} from './wecom-contact.ts';
