/** Seconds to wait before retry number `attempt` (0-based): 2, 4, 8, 16, then every 30. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(30, 2 ** (attempt + 1));
}
