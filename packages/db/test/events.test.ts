import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, getCustomerTimeline, insertEvents, type TimelineItem } from '../src/index.ts';
import { drivers } from './drivers.ts';

describe.each(drivers)('events repository on %s', (_driver, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await open());
  });
  afterAll(() => drop?.());

  it('records an event once however often it is sent', async () => {
    const deposit = {
      eventId: 'evt-1',
      customerId: 'C1',
      name: 'large_deposit',
      properties: { amount: 500000 },
      occurredAt: '2024-05-01T10:00:00Z',
    };
    const first = await insertEvents(db, [
      deposit,
      { ...deposit, eventId: 'evt-2', occurredAt: new Date('2024-05-02T10:00:00Z') },
    ]);
    expect(first.map((o) => o.status)).toEqual(['inserted', 'inserted']);
    expect(first[0]!.seq).toBeLessThan(first[1]!.seq!);

    const retry = await insertEvents(db, [
      deposit,
      { ...deposit, eventId: 'evt-3' },
      { ...deposit, eventId: 'evt-3' },
    ]);
    expect(retry.map((o) => [o.eventId, o.status])).toEqual([
      ['evt-1', 'duplicate'],
      ['evt-3', 'inserted'],
      ['evt-3', 'duplicate'],
    ]);
    const rows = await db.query<{ event_id: string; properties: unknown }>(
      'SELECT event_id, properties FROM events ORDER BY seq',
    );
    expect(rows).toEqual([
      { event_id: 'evt-1', properties: { amount: 500000 } },
      { event_id: 'evt-2', properties: { amount: 500000 } },
      { event_id: 'evt-3', properties: { amount: 500000 } },
    ]);
    expect(await insertEvents(db, [])).toEqual([]);
  });

  it('shows events, enrollments and messages newest first, page by page', async () => {
    const journey = '00000000-0000-4000-8000-000000000001';
    await insertEvents(db, [
      { eventId: 't-1', customerId: 'T1', name: 'login', occurredAt: '2024-06-01T08:00:00Z' },
      {
        eventId: 't-2',
        customerId: 'T1',
        name: 'salary',
        properties: { amount: 9000 },
        occurredAt: '2024-06-03T08:00:00Z',
      },
      { eventId: 't-3', customerId: 'T1', name: 'tie', occurredAt: '2024-06-04T08:00:00.000123Z' },
      { eventId: 't-4', customerId: 'T1', name: 'tie', occurredAt: '2024-06-04T08:00:00.000123Z' },
      { eventId: 'other', customerId: 'T2', name: 'login', occurredAt: '2024-06-05T08:00:00Z' },
    ]);
    await db.query(
      `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status, entered_at)
       VALUES ($1, 3, 'T1', 'wait-1', 'waiting', '2024-06-02T08:00:00Z')`,
      [journey],
    );
    await db.query(
      `INSERT INTO messages (idempotency_key, journey_id, node_id, customer_id, channel, status, created_at)
       VALUES ('k1', $1, 'send-1', 'T1', 'sms', 'delivered', '2024-06-04T08:00:00.000123Z')`,
      [journey],
    );

    const all = await getCustomerTimeline(db, 'T1', { limit: 100 });
    const describe = (i: TimelineItem) => (i.kind === 'event' ? `event:${i.name}` : `${i.kind}`);
    // At the same instant: message before event (kind descending), later-inserted event first.
    expect(all.items.map(describe)).toEqual([
      'message',
      'event:tie',
      'event:tie',
      'event:salary',
      'enrollment',
      'event:login',
    ]);
    expect(all.nextCursor).toBeNull();
    const enrollment = all.items.find((i) => i.kind === 'enrollment');
    expect(enrollment).toMatchObject({
      journeyId: journey,
      version: 3,
      status: 'waiting',
      currentNode: 'wait-1',
    });
    expect(all.items.find((i) => i.kind === 'message')).toMatchObject({
      channel: 'sms',
      status: 'delivered',
      nodeId: 'send-1',
    });
    expect(all.items[3]).toMatchObject({ kind: 'event', properties: { amount: 9000 } });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await getCustomerTimeline(db, 'T1', { limit: 2, ...(cursor && { cursor }) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => `${i.kind}:${i.id}`));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => `${i.kind}:${i.id}`));

    expect((await getCustomerTimeline(db, 'nobody')).items).toEqual([]);
    await expect(getCustomerTimeline(db, 'T1', { cursor: 'garbage' })).rejects.toThrow(/cursor is not valid/);
  });
});

describe('insertEvents input checks', () => {
  it('names the event whose time is not a date, before writing anything', async () => {
    const { db, drop } = await drivers[1]![1]();
    try {
      await expect(
        insertEvents(db, [{ eventId: 'bad-time', customerId: 'C1', name: 'x', occurredAt: 'yesterday' }]),
      ).rejects.toThrow('Event "bad-time" has an occurredAt that is not a date: yesterday.');
      expect(await db.query('SELECT 1 FROM events')).toEqual([]);
    } finally {
      await drop();
    }
  });
});
