import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../../src/i18n';
import { typedSender } from '../../src/messages';
import { MetricsPage } from '../../src/metrics-page/MetricsPage';
import './metrics.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('metricsTitle');
const app = document.getElementById('app');
if (app) render(<MetricsPage send={typedSender((message) => browser.runtime.sendMessage(message))} />, app);
