import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';
import es from '../../public/_locales/es/messages.json';
import { createRequestHandler } from '../../src/background/request-handler';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { openHandoffDatabase } from '../../src/queue/database';
import { DismissedPages } from '../../src/queue/dismissed-pages';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { draft, freshDatabaseName } from './fixtures';
import { getMessageFrom } from './i18n-catalogue';

/** The background as a Spanish-speaking coordinator's browser runs it. */
async function spanishBackground() {
  const db = await openHandoffDatabase(freshDatabaseName());
  const handle = createRequestHandler({
    queue: new ReferralQueue(db),
    dismissedPages: new DismissedPages(db),
    config: () => DEFAULT_CONFIG,
    coordinator: async () => ({ name: 'Jo Doe', initials: 'JD' }),
    queueChanged: async () => {},
  });
  const tracked = await handle({ type: 'track-referral', draft: draft() });
  if (!tracked.ok) throw new Error(tracked.error);
  const { id } = (tracked.value as { referral: { id: string } }).referral;
  return { handle, id };
}

describe('refusals from the background', () => {
  beforeEach(() => Object.assign(fakeBrowser.i18n, { getMessage: getMessageFrom(es) }));
  afterEach(() => Object.assign(fakeBrowser.i18n, { getMessage: getMessageFrom(en) }));

  it("are written in the user's language", async () => {
    const { handle, id } = await spanishBackground();
    const change = (fields: Record<string, unknown>) =>
      handle({ type: 'change-status', id, version: 1, ...fields });
    expect(await change({ to: 'closed-completed' })).toEqual({
      ok: false,
      error:
        'Una derivación en estado Nueva no puede pasar a Cerrada: completada. Puede pasar a: Falta información, Lista para enviar, Enviada, Pendiente del paciente, Programada, Cerrada: no completada.',
    });
    expect(await change({ to: 'waiting-on-info' })).toEqual({
      ok: false,
      error: 'Pasar a Falta información requiere un motivo de demora.',
    });
    expect(await change({ to: 'closed-not-completed', reason: 'made-up' })).toEqual({
      ok: false,
      error: '«made-up» no es uno de los motivos de cierre configurados.',
    });
    expect(await change({ to: 'scheduled' })).toEqual({
      ok: false,
      error: 'Pasar a Programada requiere la fecha y hora de la cita.',
    });
    expect(await change({ to: 'sent' })).toMatchObject({ ok: true });
    expect(await change({ to: 'declined', reason: 'no-capacity' })).toEqual({
      ok: false,
      error:
        'Esta derivación se modificó en otro lugar (otra pestaña o ventana). Su vista se actualizó; revísela e inténtelo de nuevo.',
    });
    expect(await handle({ type: 'acknowledge', id: 'gone', version: 1 })).toEqual({
      ok: false,
      error: 'Esta derivación ya no está en la cola.',
    });
    const malformed = await handle({ type: 'change-status', id });
    expect(malformed.ok ? '' : malformed.error).toMatch(/^Handoff rechazó una solicitud mal formada: /);
  });

  it('have an English and a Spanish text for every refusal', () => {
    const refusals = Object.keys(en).filter((key) => key.startsWith('refusal'));
    expect(refusals.length).toBeGreaterThanOrEqual(13);
    for (const key of refusals) expect(Object.keys(es)).toContain(key);
  });
});
