export {
  createPiiCipher,
  normalizePhone,
  type PiiCipher,
  PiiDecryptError,
  type PiiKeys,
} from './pii-cipher.ts';
