import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../../src/i18n';
import { OptionsPage } from '../../src/options/OptionsPage';
import '../../src/options/options.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');
const app = document.getElementById('app');
if (app) render(<OptionsPage />, app);
