import { mountPanel } from '../../src/panel/PanelApp';

// The coordinator panel, framed by the content script on an EHR referral screen.
mountPanel();
