import type { ExtractedFields, ValuesToCheck, ValueToCheck } from '../detection/detect-referral';
import type { ReferralField } from '../detection/referral-fields';
import { type MessageKey, t } from '../i18n';
import { PRIORITIES } from '../referral/priority';
import { priorityText } from '../ui/labels';

interface FieldRow {
  field: ReferralField;
  label: MessageKey;
  /** Shown even when the page lacks it, as a gap to notice. */
  always?: boolean;
  multiline?: boolean;
  date?: boolean;
}

/** The main details, shown first and always edited, in this order. */
const MAIN_ROWS: FieldRow[] = [
  { field: 'patientName', label: 'fieldPatient', always: true },
  { field: 'dateOfBirth', label: 'fieldDateOfBirth', date: true },
  { field: 'mrn', label: 'fieldMrn' },
  { field: 'patientPhone', label: 'fieldPhone' },
  // Who can understand the call: shown first, a gap when the page does not say.
  { field: 'preferredLanguage', label: 'fieldPreferredLanguage', always: true },
  { field: 'interpreterNeeded', label: 'fieldInterpreterNeeded' },
  { field: 'specialty', label: 'fieldSpecialty', always: true },
  { field: 'receivingProvider', label: 'fieldReceivingProvider' },
  { field: 'receivingOrganization', label: 'fieldReceivingOrganization' },
  { field: 'reason', label: 'fieldReason', always: true, multiline: true },
  { field: 'priority', label: 'fieldPriority', always: true },
  { field: 'orderNumber', label: 'fieldOrderNumber' },
];

/** Every other field a profile can read: under "More details", shown when the page gave one. */
const MORE_ROWS: FieldRow[] = [
  { field: 'authoredOn', label: 'fieldAuthoredOn', date: true },
  { field: 'diagnosisCodes', label: 'fieldDiagnosisCodes' },
  { field: 'referringProvider', label: 'fieldReferringProvider' },
  { field: 'referringPractice', label: 'fieldReferringPractice' },
  { field: 'receivingPhone', label: 'fieldReceivingPhone' },
  { field: 'receivingFax', label: 'fieldReceivingFax' },
  { field: 'specialistInstructions', label: 'fieldSpecialistInstructions', multiline: true },
  { field: 'insurancePayer', label: 'fieldInsurancePayer' },
  { field: 'insuranceMemberId', label: 'fieldInsuranceMemberId' },
  { field: 'authorizationNumber', label: 'fieldAuthorizationNumber' },
  { field: 'recordsAttached', label: 'fieldRecordsAttached', multiline: true },
];

const WHY: Record<ValueToCheck['why'], MessageKey> = {
  'ambiguous-date': 'checkWhyAmbiguousDate',
  unreadable: 'checkWhyUnreadable',
  'too-long': 'checkWhyTooLong',
};

/** What the page showed for a value Handoff could not read, and why it asks. */
function CheckThis({ check }: { check: ValueToCheck }) {
  return (
    <span class="check">
      <strong class="check-mark">{t('fieldCheckThis')}</strong> {t('fieldPageShows', check.raw)}{' '}
      {t(WHY[check.why])}
    </span>
  );
}

/** A field's value as read, a value to check, or the gap the page leaves. */
function FieldList({
  rows,
  fields,
  toCheck,
}: {
  rows: FieldRow[];
  fields: ExtractedFields;
  toCheck: ValuesToCheck;
}) {
  return (
    <dl class="fields">
      {rows.map((row) => {
        const check = toCheck[row.field];
        const value = fields[row.field];
        return (
          <div key={row.field} class="field">
            <dt>{t(row.label)}</dt>
            <dd data-field={row.field} data-check={check ? 'true' : undefined}>
              {value ? (
                row.field === 'priority' ? (
                  priorityText(value)
                ) : (
                  value
                )
              ) : check ? (
                <CheckThis check={check} />
              ) : (
                <span class="missing">{t('fieldNotFound')}</span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/**
 * Everything the profile read off the page: the main details first, then every other field it
 * read under "More details" (open when one of them needs checking). Editing shows every field,
 * so the coordinator can correct or add any of them before Track.
 */
export function ReferralFields({
  editing,
  fields,
  toCheck,
  flagged,
  onChange,
}: {
  editing: boolean;
  fields: ExtractedFields;
  toCheck: ValuesToCheck;
  /** The values the page gave to check, before any correction: their rows stay in place. */
  flagged: ValuesToCheck;
  onChange: (next: ExtractedFields, field: ReferralField) => void;
}) {
  const shown = (row: FieldRow) => fields[row.field] || toCheck[row.field] || flagged[row.field];
  const more = editing ? MORE_ROWS : MORE_ROWS.filter(shown);
  const main = editing ? MAIN_ROWS : MAIN_ROWS.filter((row) => row.always || shown(row));
  const body = (rows: FieldRow[]) =>
    editing ? (
      <FieldEditor rows={rows} fields={fields} toCheck={toCheck} onChange={onChange} />
    ) : (
      <FieldList rows={rows} fields={fields} toCheck={toCheck} />
    );
  return (
    <>
      {body(main)}
      {more.length > 0 && (
        <details class="more-details" open={MORE_ROWS.some((row) => toCheck[row.field]) || undefined}>
          <summary>{t('panelMoreDetails')}</summary>
          {body(more)}
        </details>
      )}
    </>
  );
}

function FieldEditor({
  rows,
  fields,
  toCheck,
  onChange,
}: {
  rows: FieldRow[];
  fields: ExtractedFields;
  toCheck: ValuesToCheck;
  onChange: (next: ExtractedFields, field: ReferralField) => void;
}) {
  const set = (field: ReferralField, value: string) =>
    onChange({ ...fields, [field]: value || undefined }, field);
  return (
    <div class="editor">
      {rows.map((row) => {
        const id = `handoff-field-${row.field}`;
        const value = fields[row.field] ?? '';
        const check = toCheck[row.field];
        const hintId = check ? `${id}-check` : undefined;
        return (
          <div key={row.field} class="edit-row">
            <label for={id}>{t(row.label)}</label>
            {row.field === 'priority' ? (
              <select
                id={id}
                aria-describedby={hintId}
                value={value || 'routine'}
                onChange={(e) => set(row.field, e.currentTarget.value)}
              >
                {PRIORITIES.map((priority) => (
                  <option key={priority} value={priority}>
                    {priorityText(priority)}
                  </option>
                ))}
              </select>
            ) : row.multiline ? (
              <textarea
                id={id}
                rows={3}
                aria-describedby={hintId}
                value={value}
                onInput={(e) => set(row.field, e.currentTarget.value)}
              />
            ) : (
              <input
                id={id}
                type={row.date ? 'date' : 'text'}
                aria-describedby={hintId}
                value={value}
                onInput={(e) => set(row.field, e.currentTarget.value)}
              />
            )}
            {check && (
              <p id={hintId} class="hint">
                <CheckThis check={check} />
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
