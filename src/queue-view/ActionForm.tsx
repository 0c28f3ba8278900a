import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

/** A problem with one field of a form, said next to the field before anything is sent. */
export interface Problem {
  field: string;
  message: string;
}

/** What a form's fields get from the form: a labelled control, and a way to clear a problem. */
export interface FormTools {
  field: (
    name: string,
    label: string,
    control: (attributes: ControlAttributes) => JSX.Element,
  ) => JSX.Element;
  clearProblem: () => void;
}

interface ControlAttributes {
  id: string;
  name: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export interface ActionFormProps {
  id: string;
  title: string;
  submitLabel: string;
  /** The first problem with what was entered, or null when it can be sent. */
  check: () => Problem | null;
  submit: () => Promise<void>;
  onCancel: () => void;
  children: (tools: FormTools) => ComponentChildren;
}

/**
 * The frame of every form under a referral: it takes focus when it opens, checks before sending
 * and puts focus on the field a problem is about (tied to it with aria-describedby), refuses a
 * second submit while one is saving, and ends with Save and Cancel.
 */
export function ActionForm({ id, title, submitLabel, check, submit, onCancel, children }: ActionFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('select, input, textarea')?.focus();
  }, []);
  useEffect(() => {
    if (problem) form.current?.querySelector<HTMLElement>(`[name="${problem.field}"]`)?.focus();
  }, [problem]);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const found = check();
    setProblem(found);
    if (found) return;
    setSaving(true);
    await submit();
    setSaving(false);
  };

  const field: FormTools['field'] = (name, label, control) => {
    const controlId = `${id}-${name}`;
    const mine = problem?.field === name ? problem : null;
    return (
      <div class="qv-form-field">
        <label for={controlId}>{label}</label>
        {control({
          id: controlId,
          name,
          ...(mine && { 'aria-invalid': true, 'aria-describedby': `${controlId}-problem` }),
        })}
        {mine && (
          <p id={`${controlId}-problem`} class="qv-error" role="alert">
            {mine.message}
          </p>
        )}
      </div>
    );
  };

  return (
    <form id={id} ref={form} class="qv-form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-legend`}>
      <p id={`${id}-legend`} class="qv-form-title">
        {title}
      </p>
      {children({ field, clearProblem: () => setProblem(null) })}
      <div class="qv-form-buttons">
        <button type="submit" class="qv-button qv-primary" aria-disabled={saving}>
          {saving ? t('qvSaving') : submitLabel}
        </button>
        <button type="button" class="qv-button qv-quiet" onClick={onCancel}>
          {t('qvCancel')}
        </button>
      </div>
    </form>
  );
}
