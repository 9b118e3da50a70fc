import type { ServerConfig } from '../deps.ts';

/** Whether publishing needs an approved request first (maker–checker) on this server. */
export function isApprovalRequired(config: ServerConfig): boolean {
  return config.publishApproval === 'required';
}
