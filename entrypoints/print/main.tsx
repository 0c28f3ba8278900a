import { mountPrintPage } from '../../src/letters/mount';

// A patient letter or a packet cover sheet, for the browser's print dialog (print or save as PDF).
mountPrintPage();
