import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type {
  EffectiveUserSettings,
  SettingSource,
  UserSettingName,
  UserSettings,
} from '../config/user-settings';
import { type MessageKey, t } from '../i18n';
import { itemEntry, storageItems } from '../storage-items';

const SOURCE_NOTE: Record<SettingSource, MessageKey> = {
  policy: 'optionsSourcePolicy',
  user: 'optionsSourceUser',
  default: 'optionsSourceDefault',
};

function SourceNote({ name, effective }: { name: UserSettingName; effective: EffectiveUserSettings }) {
  const { source, readOnly } = effective[name];
  const key: MessageKey = readOnly && source === 'default' ? 'optionsLockedDefault' : SOURCE_NOTE[source];
  return (
    <p class="source-note" id={`${name}-source`} data-source={source} data-read-only={String(readOnly)}>
      {t(key)}
    </p>
  );
}

interface Props {
  effective: EffectiveUserSettings;
  /** The coordinator's own stored choices, which locked settings leave untouched. */
  own: Partial<UserSettings>;
}

/** The coordinator's own settings; what the organisation sets or locks is shown read-only. */
export function UserSettingsForm({ effective, own }: Props) {
  const [name, setName] = useState(effective.name.value);
  const [initials, setInitials] = useState(effective.initials.value);
  const [quiet, setQuiet] = useState(effective.quietHours.value !== null);
  const [start, setStart] = useState(effective.quietHours.value?.start ?? '18:00');
  const [end, setEnd] = useState(effective.quietHours.value?.end ?? '08:00');
  const [side, setSide] = useState(effective.panelSide.value);
  const [status, setStatus] = useState('');

  // A policy change while the page is open shows at once in the settings it now controls.
  useEffect(() => {
    if (effective.name.readOnly) setName(effective.name.value);
    if (effective.initials.readOnly) setInitials(effective.initials.value);
    if (effective.quietHours.readOnly) {
      setQuiet(effective.quietHours.value !== null);
      if (effective.quietHours.value) {
        setStart(effective.quietHours.value.start);
        setEnd(effective.quietHours.value.end);
      }
    }
    if (effective.panelSide.readOnly) setSide(effective.panelSide.value);
  }, [effective]);

  const save = async (event: Event) => {
    event.preventDefault();
    const mine: Partial<UserSettings> = { ...own };
    if (!effective.name.readOnly) mine.name = name.trim().slice(0, 80);
    if (!effective.initials.readOnly) mine.initials = initials.trim().slice(0, 4);
    if (!effective.quietHours.readOnly) mine.quietHours = quiet ? { start, end } : null;
    if (!effective.panelSide.readOnly) mine.panelSide = side;
    await browser.storage.local.set(itemEntry(storageItems.userSettings, mine));
    setStatus(t('optionsSaved'));
  };

  const quietLocked = effective.quietHours.readOnly;
  return (
    <form onSubmit={save} aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('optionsSettingsHeading')}</h2>
      <div class="setting">
        <label for="coordinator-name">{t('optionsName')}</label>
        <input
          id="coordinator-name"
          name="name"
          value={name}
          maxLength={80}
          size={30}
          autocomplete="name"
          readOnly={effective.name.readOnly}
          aria-describedby="name-source"
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <SourceNote name="name" effective={effective} />
      </div>
      <div class="setting">
        <label for="initials">{t('optionsInitials')}</label>
        <input
          id="initials"
          name="initials"
          value={initials}
          maxLength={4}
          size={6}
          autocomplete="off"
          readOnly={effective.initials.readOnly}
          aria-describedby="initials-source"
          onInput={(e) => setInitials(e.currentTarget.value)}
        />
        <SourceNote name="initials" effective={effective} />
      </div>
      <fieldset class="setting" aria-describedby="quietHours-source">
        <legend>{t('optionsQuietHours')}</legend>
        <label>
          <input
            type="checkbox"
            name="quiet"
            checked={quiet}
            disabled={quietLocked}
            onChange={(e) => setQuiet(e.currentTarget.checked)}
          />{' '}
          {t('optionsQuietHoursOn')}
        </label>
        <label>
          {t('optionsQuietFrom')}{' '}
          <input
            type="time"
            name="quietStart"
            value={start}
            required={quiet}
            readOnly={quietLocked}
            disabled={!quiet}
            onInput={(e) => setStart(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('optionsQuietTo')}{' '}
          <input
            type="time"
            name="quietEnd"
            value={end}
            required={quiet}
            readOnly={quietLocked}
            disabled={!quiet}
            onInput={(e) => setEnd(e.currentTarget.value)}
          />
        </label>
        <SourceNote name="quietHours" effective={effective} />
      </fieldset>
      <fieldset class="setting" aria-describedby="panelSide-source">
        <legend>{t('optionsPanelSide')}</legend>
        {(['left', 'right'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="panelSide"
              value={value}
              checked={side === value}
              disabled={effective.panelSide.readOnly}
              onChange={() => setSide(value)}
            />{' '}
            {t(value === 'left' ? 'optionsPanelLeft' : 'optionsPanelRight')}
          </label>
        ))}
        <SourceNote name="panelSide" effective={effective} />
      </fieldset>
      <button type="submit">{t('optionsSave')}</button> <span role="status">{status}</span>
    </form>
  );
}
