import type { Db } from '@waymark/db';
import { type CompiledVersion, compileVersion } from './compiled-version.ts';

/** Published versions never change, so each is read and compiled once per process. */
export interface VersionCache {
  get(journeyId: string, version: number): Promise<CompiledVersion | undefined>;
  getMany(keys: readonly { journeyId: string; version: number }[]): Promise<Map<string, CompiledVersion>>;
}

export const versionKey = (journeyId: string, version: number) => `${journeyId}@${version}`;

export function createVersionCache(db: Db, maxEntries = 1000): VersionCache {
  const cache = new Map<string, Promise<CompiledVersion | undefined>>();
  const load = async (journeyId: string, version: number) => {
    const [row] = await db.query<{ graph: unknown }>(
      'SELECT graph FROM journey_versions WHERE journey_id = $1 AND version = $2',
      [journeyId, version],
    );
    return row ? compileVersion(journeyId, version, row.graph) : undefined;
  };
  const get = (journeyId: string, version: number) => {
    const key = versionKey(journeyId, version);
    let hit = cache.get(key);
    if (!hit) {
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      hit = load(journeyId, version);
      hit.catch(() => cache.delete(key));
      cache.set(key, hit);
    }
    return hit;
  };
  return {
    get,
    async getMany(keys) {
      const out = new Map<string, CompiledVersion>();
      for (const { journeyId, version } of keys) {
        const compiled = await get(journeyId, version);
        if (compiled) out.set(versionKey(journeyId, version), compiled);
      }
      return out;
    },
  };
}
