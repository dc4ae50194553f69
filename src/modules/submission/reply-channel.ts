import type { ReplyChannel } from './metadata.js';
import { childPointer } from '../../schemas/data.js';
import type { FormStore } from '../../schemas/store.js';
import type { ObjectNode } from '../../schemas/types.js';

/** The account's mailbox (BundID Postfach) when logged in and the destination accepts it; else eMail
 * with the address from the form when the destination accepts that; otherwise none (answer by post). */
export function replyChannelFor(
  store: FormStore,
  accepted: Record<string, unknown>,
  mailboxUuid?: string,
): ReplyChannel | undefined {
  if (mailboxUuid && accepted && 'idBundDeMailbox' in accepted) return { idBundDeMailbox: { mailboxUuid } };
  if (!accepted || !('eMail' in accepted)) return undefined;
  const find = (node: ObjectNode, pointer: string): string | undefined => {
    for (const child of store.visibleChildren(node, pointer)) {
      const p = childPointer(pointer, child.key);
      if (!store.isShown(p)) continue;
      if (
        child.kind === 'email' ||
        (child.kind !== 'object' && child.kind !== 'array' && child.schema.format === 'email')
      ) {
        const value = store.value(p);
        if (typeof value === 'string' && value.trim()) return value.trim();
      } else if (child.kind === 'object') {
        const found = find(child, p);
        if (found) return found;
      }
    }
    return undefined;
  };
  const address = find(store.model.root, '');
  return address ? { eMail: { address } } : undefined;
}
