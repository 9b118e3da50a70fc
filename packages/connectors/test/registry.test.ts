import { expect, it } from 'vitest';
import { z } from 'zod';
import { connectorDefinitions, createConnectorRegistry, defineConnector } from '../src/index.ts';

const stub = (id: string) =>
  defineConnector({
    id,
    channel: 'sms',
    label: id,
    description: '',
    credentials: z.object({}),
    send: async () => ({ providerMessageId: 'x', status: 'sent' }),
    check: async () => ({ ok: true, message: 'ok' }),
  });

it('holds every built-in connector by id', () => {
  const registry = createConnectorRegistry(connectorDefinitions);
  expect(registry.list().map((c) => c.id)).toEqual([
    'http-sms-gateway',
    'http-push-gateway',
    'outbound-webhook',
    'wecom',
    'wecom-contact',
    'smtp-email',
  ]);
  expect(registry.get('http-sms-gateway')?.channel).toBe('sms');
  expect(registry.get('nope')).toBeUndefined();
});

it('refuses duplicate and malformed ids at start-up', () => {
  expect(() => createConnectorRegistry([stub('a-sms'), stub('a-sms')])).toThrow(/defined twice/);
  expect(() => createConnectorRegistry([stub('Bad_Id')])).toThrow(/kebab-case/);
});
