import { render } from 'preact';
import { browser } from 'wxt/browser';
import { typedSender } from '../../src/messages';
import { QueueList } from '../../src/popup/QueueList';
import '../../src/popup/queue.css';

document.documentElement.lang = browser.i18n.getUILanguage();
const app = document.getElementById('app');
if (app) render(<QueueList send={typedSender((message) => browser.runtime.sendMessage(message))} />, app);
