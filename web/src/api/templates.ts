import { api } from './client.ts';

export type Channel = 'sms' | 'wecom' | 'push' | 'email' | 'rm';

/** A saved script for one channel. `revision` guards against overwriting someone else's edit. */
export interface Template {
  id: string;
  name: string;
  channel: Channel;
  locale: string;
  subject?: string | null;
  body: string;
  revision: number;
  updatedAt?: string;
}

export type TemplateDraft = Pick<Template, 'name' | 'channel' | 'locale' | 'body'> & {
  subject?: string | null;
};

function items<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const value = body as { items?: T[] };
  return value.items ?? [];
}

export async function listTemplates(): Promise<Template[]> {
  return items<Template>(await api.get('/templates'));
}

export async function getTemplate(id: string): Promise<Template> {
  return api.get<Template>(`/templates/${encodeURIComponent(id)}`);
}

export async function createTemplate(draft: TemplateDraft): Promise<Template> {
  return api.post<Template>('/templates', draft);
}

/** Saves over `revision` (the one loaded); a 409 `template.revision-conflict` means someone saved in between. */
export async function updateTemplate(id: string, draft: TemplateDraft, revision: number): Promise<Template> {
  return api.put<Template>(`/templates/${encodeURIComponent(id)}`, { ...draft, revision });
}
