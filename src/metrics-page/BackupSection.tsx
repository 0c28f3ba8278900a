import { useEffect, useRef, useState } from 'preact/hooks';
import { checkBackupHeader } from '../backup/backup-header';
import { MAX_BACKUP_CHARS } from '../backup/backup-limits';
import { formatDateTime, t } from '../i18n';
import type { Send } from '../messages';
import { saveFile } from './save-file';

type Outcome = { kind: 'status' | 'error'; text: string };

/** UTF-8 takes at most four bytes a character: a larger file cannot be a backup, so it is not read. */
const MAX_BACKUP_BYTES = MAX_BACKUP_CHARS * 4;

/** A chosen file, read, that passed the first look at its header. */
interface Chosen {
  name: string;
  text: string;
}

/**
 * Download a backup of everything, or put one back. Restoring replaces the queue, so a file is
 * first looked at (size, JSON, a Handoff backup header): one that is no backup is refused at once,
 * and a backup is only restored once the coordinator confirms. The background checks it whole and
 * refuses a bad file without changing anything, saying why.
 */
export function BackupSection({ send, onRestored }: { send: Send; onRestored: () => void }) {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  // The confirmation takes the focus, on its harmless choice.
  useEffect(() => {
    if (chosen) cancelButton.current?.focus();
  }, [chosen]);

  const forget = () => {
    setChosen(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const download = async () => {
    setOutcome(null);
    try {
      const file = await send({ type: 'backup-export' });
      saveFile(file.text, file.filename, file.mimeType);
      setOutcome({ kind: 'status', text: t('metricsDownloadSaved', file.filename) });
    } catch (failure) {
      setOutcome({ kind: 'error', text: t('errorPrefix', (failure as Error).message) });
    }
  };

  /** Reads the file chosen and looks at its header before asking anything. */
  const choose = async (file: File | undefined) => {
    setOutcome(null);
    setChosen(null);
    if (!file) return;
    setBusy(true);
    try {
      const text = file.size > MAX_BACKUP_BYTES ? null : await file.text();
      if (text === null) throw new Error(t('backupRefusedTooLarge', String(MAX_BACKUP_CHARS / 1024 / 1024)));
      checkBackupHeader(text);
      setChosen({ name: file.name, text });
    } catch (failure) {
      setOutcome({ kind: 'error', text: (failure as Error).message });
      forget();
    } finally {
      setBusy(false);
    }
  };

  const restore = async ({ text }: Chosen) => {
    setBusy(true);
    setOutcome({ kind: 'status', text: t('backupRestoring') });
    try {
      const restored = await send({ type: 'backup-restore', text });
      setOutcome({
        kind: 'status',
        text: t('backupRestored', [
          String(restored.referrals),
          String(restored.dismissedPages),
          formatDateTime(restored.exportedAt),
        ]),
      });
      onRestored();
    } catch (failure) {
      setOutcome({ kind: 'error', text: (failure as Error).message });
    } finally {
      setBusy(false);
      forget();
    }
  };

  return (
    <section class="downloads backup" aria-labelledby="backup-heading" aria-busy={busy}>
      <h2 id="backup-heading">{t('backupHeading')}</h2>
      <p class="definition">{t('backupHint')}</p>
      <div class="buttons">
        <button type="button" onClick={() => void download()} disabled={busy}>
          {t('backupDownload')}
        </button>
        <label class="file-choice">
          {t('backupRestoreLabel')}
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            disabled={busy}
            onChange={(event) => void choose(event.currentTarget.files?.[0])}
          />
        </label>
      </div>
      {chosen && (
        <fieldset class="confirm">
          <legend>{t('backupConfirm', chosen.name)}</legend>
          <div class="buttons">
            <button
              ref={cancelButton}
              type="button"
              onClick={() => {
                forget();
                setOutcome({ kind: 'status', text: t('backupRestoreCancelled') });
                fileInput.current?.focus();
              }}
            >
              {t('backupConfirmCancel')}
            </button>
            <button type="button" class="danger" onClick={() => void restore(chosen)}>
              {t('backupConfirmReplace')}
            </button>
          </div>
        </fieldset>
      )}
      <p aria-live="polite" class="saved">
        {outcome?.kind === 'status' && outcome.text}
      </p>
      {outcome?.kind === 'error' && <p role="alert">{outcome.text}</p>}
    </section>
  );
}
