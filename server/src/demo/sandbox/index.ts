export { type DemoSandbox, startDemoSandbox } from './demo-sandbox.ts';
export {
  createSandboxInbox,
  type SandboxChannel,
  type SandboxInbox,
  type SandboxMessage,
  sandboxChannels,
} from './sandbox-inbox.ts';
