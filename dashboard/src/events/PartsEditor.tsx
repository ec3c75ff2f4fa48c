import { useState } from 'react';
import { move, newPartKey, type PartForm } from './event-form';
import { defaultValues, typeByInput, type PartType } from './form-types';

/** The list of an event's challenges or rewards: add any type, edit, reorder, remove. */
export function PartsEditor(props: {
  /** "challenge" or "reward": names the controls. */
  noun: string;
  /** The form's error key prefix: "challenges" or "rewards". */
  errorPrefix: string;
  types: readonly PartType[];
  parts: PartForm[];
  errors: Record<string, string>;
  onChange: (parts: PartForm[]) => void;
}) {
  const { noun, types, parts, errors, onChange } = props;
  const [adding, setAdding] = useState(types[0]?.input ?? '');
  const Noun = noun[0]?.toUpperCase() + noun.slice(1);
  const update = (index: number, part: PartForm) => onChange(parts.map((p, i) => (i === index ? part : p)));
  const listError = errors[props.errorPrefix];
  return (
    <fieldset className="parts">
      <legend>{Noun}s</legend>
      {parts.length === 0 && <p className="hint">No {noun}s yet.</p>}
      {listError && (
        <p className="error" role="alert">
          {listError}
        </p>
      )}
      <ol>
        {parts.map((part, index) => {
          const type = typeByInput(types, part.input);
          const name = `${Noun} ${index + 1}`;
          const partError = errors[`${props.errorPrefix}.${index}`];
          return (
            <li key={part.key}>
              <fieldset>
                <legend>
                  {name}: {type.label}
                </legend>
                <label>
                  {name} type
                  <select value={part.input} onChange={(e) => update(index, { ...part, input: e.target.value, values: defaultValues(typeByInput(types, e.target.value)) })}>
                    {types.map((candidate) => (
                      <option key={candidate.input} value={candidate.input}>
                        {candidate.label}
                      </option>
                    ))}
                  </select>
                </label>
                {type.fields.map((field) => {
                  const error = errors[`${props.errorPrefix}.${index}.${field.name}`];
                  const label = `${name} ${field.label.toLowerCase()}`;
                  const value = part.values[field.name] ?? '';
                  const set = (next: string) => update(index, { ...part, values: { ...part.values, [field.name]: next } });
                  return (
                    <label key={field.name} className={error ? 'invalid' : ''}>
                      <span>{field.label}</span>
                      {typeof field.kind === 'object' ? (
                        <select aria-label={label} value={value} onChange={(e) => set(e.target.value)}>
                          {field.kind.options.map((option) => (
                            <option key={option} value={option}>
                              {option}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input
                          aria-label={label}
                          inputMode={field.kind === 'int' ? 'numeric' : 'text'}
                          value={value}
                          onChange={(e) => set(e.target.value)}
                          aria-invalid={error ? true : undefined}
                          required={!field.optional}
                        />
                      )}
                      {error && <span className="error">{error}</span>}
                    </label>
                  );
                })}
                {partError && <p className="error">{partError}</p>}
                <div className="part-actions">
                  <button type="button" aria-label={`Move ${name.toLowerCase()} up`} disabled={index === 0} onClick={() => onChange(move(parts, index, -1))}>
                    ↑
                  </button>
                  <button type="button" aria-label={`Move ${name.toLowerCase()} down`} disabled={index === parts.length - 1} onClick={() => onChange(move(parts, index, 1))}>
                    ↓
                  </button>
                  <button type="button" aria-label={`Remove ${name.toLowerCase()}`} onClick={() => onChange(parts.filter((_, i) => i !== index))}>
                    Remove
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="add-part">
        <label>
          New {noun} type
          <select value={adding} onChange={(e) => setAdding(e.target.value)}>
            {types.map((type) => (
              <option key={type.input} value={type.input}>
                {type.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => onChange([...parts, { key: newPartKey(), input: adding, values: defaultValues(typeByInput(types, adding)) }])}>
          Add {noun}
        </button>
      </div>
    </fieldset>
  );
}
