import { CreateEventDocument, EventForEditorDocument, GraphQLRequestError, UpdateEventDocument, type EventFieldsFragment } from '@platform/client';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../components/states';
import { useAuth } from '../session/auth';
import { describeError, useGraphQL } from '../session/data';
import { emptyEventForm, eventToForm, formFieldOfErrorPath, toCreateInput, toUpdateInput, type EventForm } from './event-form';
import { CHALLENGE_TYPES, REWARD_TYPES } from './form-types';
import { PartsEditor } from './PartsEditor';

type Mode = 'create' | 'edit' | 'duplicate';

export function EventEditorPage({ mode }: { mode: Mode }) {
  const { id } = useParams();
  const query = useGraphQL(EventForEditorDocument, { id: id ?? '' }, { enabled: mode !== 'create' });
  if (mode === 'create') return <EventEditor mode={mode} />;
  if (query.isPending) return <Loading what="the event" />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  if (!query.data.event) return <p className="state">There is no such event.</p>;
  return <EventEditor mode={mode} event={query.data.event} />;
}

function EventEditor({ mode, event }: { mode: Mode; event?: EventFieldsFragment }) {
  const { client } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [original] = useState<EventForm | null>(() => (event && mode === 'edit' ? eventToForm(event) : null));
  const [form, setForm] = useState<EventForm>(() => (event ? eventToForm(event, { copyOf: mode === 'duplicate' }) : emptyEventForm(new Date())));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof EventForm>(key: K, value: EventForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  const submit = async (submitted: FormEvent) => {
    submitted.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const saved =
        mode === 'edit' && event && original
          ? (await client.execute(UpdateEventDocument, { id: event.id, input: toUpdateInput(form, original) })).updateEvent
          : (await client.execute(CreateEventDocument, { input: toCreateInput(form) })).createEvent;
      await queryClient.invalidateQueries();
      navigate(`/events/${saved.id}`);
    } catch (error) {
      const field = error instanceof GraphQLRequestError ? error.extension('field') : undefined;
      if (typeof field === 'string') setErrors({ [formFieldOfErrorPath(field)]: describeError(error) });
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (name: string) =>
    errors[name] ? (
      <span className="error" id={`${name}-error`}>
        {errors[name]}
      </span>
    ) : null;
  const heading = mode === 'create' ? 'New event' : mode === 'duplicate' ? `Duplicate “${event?.title ?? ''}”` : `Edit “${event?.title ?? ''}”`;
  return (
    <section aria-labelledby="editor-title">
      <h1 id="editor-title">{heading}</h1>
      <form className="event-form" onSubmit={submit} noValidate>
        {failure && (
          <p className="error banner" role="alert">
            Not saved: {failure}
          </p>
        )}
        <label className={errors['title'] ? 'invalid' : ''}>
          Title
          <input value={form.title} onChange={(e) => set('title', e.target.value)} maxLength={200} required aria-invalid={errors['title'] ? true : undefined} />
          {fieldError('title')}
        </label>
        <label className={errors['description'] ? 'invalid' : ''}>
          Description
          <textarea value={form.description} onChange={(e) => set('description', e.target.value)} rows={3} />
          {fieldError('description')}
        </label>
        <div className="row">
          <label className={errors['startsAt'] ? 'invalid' : ''}>
            Starts (UTC)
            <input type="datetime-local" value={form.startsAt} onChange={(e) => set('startsAt', e.target.value)} required />
            {fieldError('startsAt')}
          </label>
          <label className={errors['endsAt'] ? 'invalid' : ''}>
            Ends (UTC)
            <input type="datetime-local" value={form.endsAt} onChange={(e) => set('endsAt', e.target.value)} required />
            {fieldError('endsAt')}
          </label>
          <label className={errors['claimLimit'] ? 'invalid' : ''}>
            Claim limit (empty = unlimited)
            <input inputMode="numeric" value={form.claimLimit} onChange={(e) => set('claimLimit', e.target.value)} />
            {fieldError('claimLimit')}
          </label>
          <label className={errors['claimPeriod'] ? 'invalid' : ''}>
            Claims per player
            <select value={form.claimPeriod} onChange={(e) => set('claimPeriod', e.target.value as EventForm['claimPeriod'])}>
              <option value="ONCE">Once</option>
              <option value="DAILY">Once a day (player&apos;s day; limit per game day)</option>
              <option value="WEEKLY">Once a week (player&apos;s week; limit per game week)</option>
            </select>
            {fieldError('claimPeriod')}
          </label>
        </div>
        <div className="row">
          <label className="check">
            <input type="checkbox" checked={form.isPublic} onChange={(e) => set('isPublic', e.target.checked)} />
            Public (players can see it)
          </label>
          <label className="check">
            <input type="checkbox" checked={form.active} onChange={(e) => set('active', e.target.checked)} />
            Active
          </label>
        </div>
        <PartsEditor noun="challenge" errorPrefix="challenges" types={CHALLENGE_TYPES} parts={form.challenges} errors={errors} onChange={(parts) => set('challenges', parts)} />
        <PartsEditor noun="reward" errorPrefix="rewards" types={REWARD_TYPES} parts={form.rewards} errors={errors} onChange={(parts) => set('rewards', parts)} />
        <div className="actions">
          <Link to="/events">Cancel</Link>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : mode === 'edit' ? 'Save changes' : 'Create event'}
          </button>
        </div>
      </form>
    </section>
  );
}
