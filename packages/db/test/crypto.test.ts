import { randomBytes } from 'node:crypto';
import { deriveBlindIndexKey } from '@waymark/config';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPiiCipher, normalizePhone, PiiDecryptError } from '../src/crypto/index.ts';

const key = randomBytes(32);
const cipher = createPiiCipher(key);

function flipChar(part: string): string {
  const c = part[2] === 'A' ? 'B' : 'A';
  return `${part.slice(0, 2)}${c}${part.slice(3)}`;
}

describe('PII cipher', () => {
  it('round-trips any text, including Chinese names', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(cipher.decrypt(cipher.encrypt(text))).toBe(text);
      }),
    );
    expect(cipher.decrypt(cipher.encrypt('王秀英'))).toBe('王秀英');
  });

  it('uses the versioned v1.<iv>.<tag>.<ct> format with a fresh IV each time', () => {
    const a = cipher.encrypt('13800138000');
    const b = cipher.encrypt('13800138000');
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('13800138000');
  });

  it('detects tampering with the IV, the tag or the ciphertext', () => {
    const token = cipher.encrypt('110101199003071234');
    const parts = token.split('.');
    for (const i of [1, 2, 3]) {
      const altered = parts.map((p, j) => (j === i ? flipChar(p) : p)).join('.');
      expect(() => cipher.decrypt(altered)).toThrow(PiiDecryptError);
    }
    expect(() => cipher.decrypt(parts.slice(0, 3).join('.'))).toThrow(/format/);
    expect(() => cipher.decrypt(`v9.${parts.slice(1).join('.')}`)).toThrow(/version/);
  });

  it('refuses a value encrypted with another key', () => {
    const other = createPiiCipher(randomBytes(32));
    expect(() => cipher.decrypt(other.encrypt('secret'))).toThrow(/different key/);
  });

  it('passes null through the optional helpers', () => {
    expect(cipher.encryptOptional(null)).toBeNull();
    expect(cipher.decryptOptional(null)).toBeNull();
    expect(cipher.decryptOptional(cipher.encryptOptional('x'))).toBe('x');
  });

  it('rejects keys of the wrong size', () => {
    expect(() => createPiiCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('blind index', () => {
  it('normalises phones: digits only, +86 / 0086 removed', () => {
    expect(normalizePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('0086 13800138000')).toBe('13800138000');
    expect(normalizePhone('(138) 0013 8000')).toBe('13800138000');
    expect(normalizePhone('021-6888 8888')).toBe('02168888888');
  });

  it('gives the same index to the same phone written differently, and different ones otherwise', () => {
    const index = cipher.blindIndex('13800138000');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.blindIndex('+86 138 0013 8000')).toBe(index);
    expect(cipher.blindIndex('8613800138000')).toBe(index);
    expect(cipher.blindIndex('13800138001')).not.toBe(index);
    expect(cipher.blindIndex('no digits')).toBeNull();
  });

  it('depends on the key, so the index cannot be recomputed without it', () => {
    expect(createPiiCipher(randomBytes(32)).blindIndex('13800138000')).not.toBe(
      cipher.blindIndex('13800138000'),
    );
  });

  it('derives the same blind-index key as @waymark/config does', () => {
    const explicit = createPiiCipher({ encryptionKey: key, blindIndexKey: deriveBlindIndexKey(key) });
    expect(explicit.blindIndex('13800138000')).toBe(cipher.blindIndex('13800138000'));
  });
});
