export { encryptionKeyFileName, type KeySource } from './encryption-key.ts';
export {
  type EnvDoc,
  type EnvName,
  envDocs,
  logLevels,
  nodeEnvs,
  processRoles,
  renderEnvDocsMarkdown,
} from './env-spec.ts';
export {
  type Config,
  ConfigError,
  type ConfigIssue,
  deriveBlindIndexKey,
  type LoadEnvOptions,
  loadEnv,
} from './load-env.ts';
export { findRepoRoot } from './paths.ts';
