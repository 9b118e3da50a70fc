export { encryptionKeyFileName, type KeySource } from './encryption-key.ts';
export {
  type EngineEnv,
  type EngineEnvName,
  type ProcessorGroup,
  processorGroups,
  type RateLimit,
} from './engine-env-spec.ts';
export {
  type EnvDoc,
  type EnvName,
  envDocs,
  logLevels,
  nodeEnvs,
  processRoles,
  publishApprovalModes,
  renderEnvDocsMarkdown,
} from './env-spec.ts';
export {
  type Config,
  ConfigError,
  type ConfigIssue,
  deriveBlindIndexKey,
  type LoadEnvOptions,
  loadEngineEnv,
  loadEnv,
} from './load-env.ts';
export { findRepoRoot } from './paths.ts';
