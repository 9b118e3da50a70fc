import { api } from './client.ts';
import type { Channel } from './templates.ts';

/** A configured channel connector (credentials never reach the browser). */
export interface Connector {
  id: string;
  kind: string;
  channel: Channel;
  name: string;
  enabled: boolean;
}

export async function listConnectors(): Promise<Connector[]> {
  const body = await api.get<{ items?: Connector[] }>('/connectors');
  return body.items ?? [];
}
