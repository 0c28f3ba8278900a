import { describe, expect, it } from 'vitest';
import { pageStatusFlow } from '../../src/content/page-status-flow';
import type { Detection } from '../../src/detection/detect-referral';
import type { PageStatus } from '../../src/messages';

const PAGE = 'https://ehr.example.org/worklist';

const referral = (orderNumber: string): Detection => ({
  profile: { id: 'generic', name: 'Generic' },
  score: 5,
  cues: [],
  fields: { orderNumber },
  toCheck: {},
});

const list = (...orderNumbers: string[]): Detection => ({
  ...referral(''),
  fields: {},
  rows: orderNumbers.map((orderNumber) => ({ fields: { orderNumber }, toCheck: {} })),
});

/** A queue that answers only when the test says so, in any order. */
function slowQueue() {
  const questions: { detection: Detection; answer: (status: PageStatus) => Promise<void> }[] = [];
  const panel: { prepared: number; shown: Detection[]; hidden: number; outcomes: string[] } = {
    prepared: 0,
    shown: [],
    hidden: 0,
    outcomes: [],
  };
  const flow = pageStatusFlow({
    prepare: () => panel.prepared++,
    ask: (detection) =>
      new Promise<PageStatus>((resolve) =>
        questions.push({
          detection,
          answer: async (status) => {
            resolve(status);
            // Let the flow's continuation run.
            await new Promise((done) => setTimeout(done, 0));
          },
        }),
      ),
    show: (detection) => panel.shown.push(detection),
    hide: () => panel.hidden++,
    gone: () => panel.hidden++,
    conclude: (outcome) => panel.outcomes.push(outcome),
  });
  return { flow, questions, panel };
}

const NOT_TRACKED: PageStatus = { match: 'none', dismissed: false };
const orderNumbers = (detection: Detection | undefined) =>
  detection?.rows ? detection.rows.map((row) => row.fields.orderNumber) : detection?.fields.orderNumber;

describe('the panel shows what the page shows, once the queue has answered', () => {
  it('starts loading the panel while the queue is asked, and places it only with the answer', async () => {
    const { flow, questions, panel } = slowQueue();
    void flow.detected(referral('R-1'), PAGE);
    expect(panel.prepared).toBe(1);
    expect(panel.shown).toEqual([]);
    await questions[0]?.answer(NOT_TRACKED);
    expect(panel.shown.map(orderNumbers)).toEqual(['R-1']);
  });

  it('loads nothing for a page without a referral', async () => {
    const { flow, panel } = slowQueue();
    await flow.detected(null, PAGE);
    expect(panel.prepared).toBe(0);
  });

  it('drops an answer about a referral the page no longer shows', async () => {
    const { flow, questions, panel } = slowQueue();
    void flow.detected(referral('R-1'), PAGE);
    void flow.detected(referral('R-2'), PAGE);
    await questions[0]?.answer(NOT_TRACKED);
    expect(panel.shown).toEqual([]);
    await questions[1]?.answer(NOT_TRACKED);
    expect(panel.shown.map(orderNumbers)).toEqual(['R-2']);
    expect(panel.outcomes).toEqual(['shown']);
  });

  it('drops an answer that arrives after the referral left the page', async () => {
    const { flow, questions, panel } = slowQueue();
    void flow.detected(referral('R-1'), PAGE);
    void flow.detected(null, PAGE);
    await questions[0]?.answer(NOT_TRACKED);
    expect(panel.shown).toEqual([]);
    expect(panel.hidden).toBe(1);
  });

  it('shows a live list whose rows change faster than the queue answers, with its newest rows', async () => {
    const { flow, questions, panel } = slowQueue();
    // Every answer is overtaken by the list's next change: before, the panel never appeared.
    void flow.detected(list('R-1', 'R-2'), PAGE);
    void flow.detected(list('R-1', 'R-3'), PAGE);
    await questions[0]?.answer(NOT_TRACKED);
    void flow.detected(list('R-4', 'R-3'), PAGE);
    await questions[1]?.answer(NOT_TRACKED);
    expect(panel.shown.map(orderNumbers)).toEqual([
      ['R-1', 'R-3'],
      ['R-4', 'R-3'],
    ]);
    expect(panel.outcomes).toEqual(['shown', 'shown']);
  });

  it('never shows a list with an answer about a single referral, nor on another address', async () => {
    const { flow, questions, panel } = slowQueue();
    void flow.detected(referral('R-1'), PAGE);
    void flow.detected(list('R-1', 'R-2'), PAGE);
    await questions[0]?.answer(NOT_TRACKED);
    void flow.detected(list('R-5'), `${PAGE}?page=2`);
    await questions[1]?.answer(NOT_TRACKED);
    expect(panel.shown).toEqual([]);
  });

  it('keeps a page marked "not a referral" hidden, and remembers what it showed for the undo', async () => {
    const { flow, questions, panel } = slowQueue();
    void flow.detected(list('R-1'), PAGE);
    void flow.detected(list('R-2'), PAGE);
    await questions[0]?.answer({ match: 'none', dismissed: true });
    expect(panel.shown).toEqual([]);
    expect(panel.outcomes).toEqual(['dismissed']);
    expect(orderNumbers(flow.dismissedAt(PAGE)?.detection)).toEqual(['R-2']);
    expect(flow.dismissedAt(`${PAGE}?page=2`)).toBeUndefined();
  });
});
