/**
 * The demo EHR that `npm start` serves on the loopback address. Match patterns ignore the port.
 * EHR origins beyond it come from policy or the user's approval, never from the manifest.
 */
export const DEMO_EHR_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];
