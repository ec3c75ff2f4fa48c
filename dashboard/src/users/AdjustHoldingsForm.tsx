import { AdjustHoldingsDocument } from '@platform/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm';
import { useAuth } from '../session/auth';
import { describeError } from '../session/data';
import { adjustmentToSend, holdingsAdjustment } from './holdings-adjustment';

export function AdjustHoldingsForm({ userId }: { userId: string }) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const empty = { cash: '', coins: '', itemId: '', itemQuantity: '', note: '' };
  const [fields, setFields] = useState(empty);
  const toSend = adjustmentToSend(fields);
  const [asking, setAsking] = useState(false);
  const adjust = useMutation({
    mutationFn: () => {
      if ('missing' in toSend) throw new Error(toSend.missing);
      return client.execute(AdjustHoldingsDocument, { userId, input: toSend.input });
    },
    onSuccess: () => setFields(empty),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const set = (name: keyof typeof fields) => (e: { target: { value: string } }) => setFields((current) => ({ ...current, [name]: e.target.value }));
  const summary = JSON.stringify(holdingsAdjustment(fields));
  return (
    <form
      className="adjust"
      aria-label="Adjust holdings"
      onSubmit={(e) => {
        e.preventDefault();
        setAsking(true);
      }}
    >
      <h3>Adjust holdings (deltas, may be negative)</h3>
      <label>
        Cash change
        <input inputMode="numeric" value={fields.cash} onChange={set('cash')} />
      </label>
      <label>
        Coins change
        <input inputMode="numeric" value={fields.coins} onChange={set('coins')} />
      </label>
      <label>
        Item id
        <input value={fields.itemId} onChange={set('itemId')} />
      </label>
      <label>
        Item quantity change
        <input inputMode="numeric" value={fields.itemQuantity} onChange={set('itemQuantity')} />
      </label>
      <label>
        Note (why; recorded in the ledger)
        <input value={fields.note} onChange={set('note')} required maxLength={500} />
      </label>
      {'missing' in toSend && summary !== '{}' && <p className="hint">{toSend.missing}</p>}
      <button type="submit" disabled={'missing' in toSend || adjust.isPending}>
        Adjust holdings
      </button>
      {adjust.isError && (
        <p role="alert" className="error">
          {describeError(adjust.error)}
        </p>
      )}
      <ConfirmDialog
        open={asking}
        title="Adjust this player's holdings?"
        confirmLabel="Adjust"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          adjust.mutate();
        }}
      >
        <p>{summary}</p>
        <p>Note: {fields.note.trim()}</p>
      </ConfirmDialog>
    </form>
  );
}
