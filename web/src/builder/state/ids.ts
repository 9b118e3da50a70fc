/** A short random id (`n_k3j9x2qa`) for a new node or edge; collisions are checked by callers. */
export function newId(prefix: 'n' | 'e'): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  let text = '';
  for (const byte of bytes) text += (byte % 36).toString(36);
  return `${prefix}_${text}`;
}
