import { maskName, maskPhone } from '@waymark/db';
import type { PiiCipher } from '@waymark/db/crypto';
import { previewTemplate, type TemplateCustomer } from '@waymark/templates';
import { maySeePii } from '../../auth/pii-access.ts';
import type { Principal } from '../../auth/principal.ts';
import type { RmTaskView } from './schemas.ts';
import type { TaskNode } from './task-node.ts';
import type { TaskRow } from './task-rows.ts';

/** The customer of a task as the caller may see them, and as their talking points are filled in. */
export interface ShownCustomer {
  view: RmTaskView['customer'];
  forScript: TemplateCustomer;
}

/**
 * Decrypts name and phone, then masks them unless the caller may see this customer's PII (their
 * own relationship manager, or a role with customers.read-pii). A value that cannot be decrypted
 * shows as missing rather than failing the whole list.
 */
export function showCustomer(
  cipher: PiiCipher,
  principal: Principal,
  row: Pick<
    TaskRow,
    'customer_id' | 'rm_user_id' | 'branch' | 'attributes' | 'tags' | 'name_enc' | 'phone_enc'
  >,
): ShownCustomer {
  const clear = maySeePii(principal, { rmUserId: row.rm_user_id });
  const name = decrypt(cipher, row.name_enc);
  const phone = decrypt(cipher, row.phone_enc);
  const shownName = clear ? name : maskName(name);
  const shownPhone = clear ? phone : maskPhone(phone);
  return {
    view: { id: row.customer_id, name: shownName, phone: shownPhone, piiMasked: !clear, branch: row.branch },
    forScript: {
      id: row.customer_id,
      attributes: row.attributes,
      tags: row.tags,
      name: shownName,
      phone: shownPhone,
    },
  };
}

function decrypt(cipher: PiiCipher, token: string | null): string | null {
  try {
    return cipher.decryptOptional(token);
  } catch {
    return null;
  }
}

/**
 * The node's script filled in for this customer, as a send would fill it (same namespaces, the
 * journey's time zone). A script that fails for this customer (a missing attribute) is shown as
 * written, with the reason, so the manager still has their talking points.
 */
export function renderTalkingPoints(
  node: TaskNode,
  customer: TemplateCustomer,
  context: { journeyId: string; event: Record<string, unknown> | null; now: Date },
): { text: string; problem: string | null } {
  if (node.script.trim() === '') return { text: '', problem: null };
  const result = previewTemplate(node.script, customer, {
    channel: 'rm',
    now: context.now,
    event: context.event,
    journey: { id: context.journeyId },
    timeZone: node.timeZone,
  });
  if (result.ok) return { text: result.text, problem: null };
  return { text: node.script, problem: result.error.message };
}
