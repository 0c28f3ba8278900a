import { render } from 'preact';
import { browser } from 'wxt/browser';
import { AuditPage } from '../../src/audit/AuditPage';
import { t } from '../../src/i18n';
import { typedSender } from '../../src/messages';
import './audit.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = `${t('auditTitle')} · ${t('extensionName')}`;
const app = document.getElementById('app');
if (app) render(<AuditPage send={typedSender((message) => browser.runtime.sendMessage(message))} />, app);
