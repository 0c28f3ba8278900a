import { launchWithExtension, makeBaselineExtension } from './browser';

const b = makeBaselineExtension();
for (let i = 0; i < 6; i++) {
  const t = performance.now();
  try {
    const br = await launchWithExtension(i % 2 ? b.dir : (await import('./browser')).EXTENSION_DIR);
    console.log(i, 'ok', Math.round(performance.now() - t));
    await br.close();
  } catch (e) {
    console.log(i, 'fail', String(e).slice(0, 100));
  }
}
b.remove();
