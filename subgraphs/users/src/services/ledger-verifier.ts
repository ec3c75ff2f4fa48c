import { replayLedger } from '../store/ledger';
import type { UserStore } from '../store/ports';
import type { Holdings } from '../store/records';

export interface LedgerMismatch {
  userId: string;
  username: string;
  holdings: Holdings;
  replayed: Holdings;
}

export interface LedgerVerification {
  usersChecked: number;
  entriesReplayed: number;
  mismatches: LedgerMismatch[];
}

const PAGE = 500;
const canonical = (h: Holdings) => JSON.stringify([h.cash, h.coins, Object.entries(h.items).sort(), Object.entries(h.coupons).sort()]);

/**
 * The ledger invariant: for every player, adding up their ledger from empty holdings gives
 * exactly their current holdings. Reads users in id order and each one's whole ledger; a
 * change that commits concurrently with the check can show up as a mismatch, so a
 * mismatch is re-checked once before it is reported.
 */
export async function verifyLedger(users: Pick<UserStore, 'list' | 'ledger' | 'findById'>, onProgress: (checked: number) => void = () => undefined): Promise<LedgerVerification> {
  const result: LedgerVerification = { usersChecked: 0, entriesReplayed: 0, mismatches: [] };
  let afterId: string | undefined;
  for (;;) {
    const page = await users.list({ ...(afterId ? { afterId } : {}), limit: PAGE });
    for (const user of page) {
      let check = await compare(users, user.id, user.holdings);
      if (check.mismatch) {
        const fresh = await users.findById(user.id);
        if (fresh) check = await compare(users, user.id, fresh.holdings);
      }
      result.usersChecked += 1;
      result.entriesReplayed += check.entries;
      if (check.mismatch) result.mismatches.push({ userId: user.id, username: user.username, holdings: check.holdings, replayed: check.replayed });
    }
    onProgress(result.usersChecked);
    if (page.length < PAGE) return result;
    afterId = page.at(-1)!.id;
  }
}

async function compare(users: Pick<UserStore, 'ledger'>, userId: string, holdings: Holdings) {
  const entries = [];
  let beforeId: string | undefined;
  for (;;) {
    const page = await users.ledger(userId, { ...(beforeId ? { beforeId } : {}), limit: PAGE });
    entries.push(...page);
    if (page.length < PAGE) break;
    beforeId = page.at(-1)!.id;
  }
  const replayed = replayLedger(entries);
  return { mismatch: canonical(replayed) !== canonical(holdings), holdings, replayed, entries: entries.length };
}
