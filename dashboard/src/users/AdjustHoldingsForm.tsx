import { AdjustHoldingsDocument } from '@platform/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm';
import { useAuth } from '../session/auth';
import { describeError } from '../session/data';
import { holdingsAdjustment } from './holdings-adjustment';

export function AdjustHoldingsForm({ userId }: { userId: string }) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState({ cash: '', coins: '', itemId: '', itemQuantity: '' });
  const [asking, setAsking] = useState(false);
  const adjust = useMutation({
    mutationFn: () => client.execute(AdjustHoldingsDocument, { userId, input: holdingsAdjustment(fields) }),
    onSuccess: () => setFields({ cash: '', coins: '', itemId: '', itemQuantity: '' }),
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
      <button type="submit" disabled={summary === '{}' || adjust.isPending}>
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
      </ConfirmDialog>
    </form>
  );
}
