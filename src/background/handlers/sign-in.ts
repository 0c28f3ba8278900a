import type { SignInStatus } from '../../sign-in/session';
import type { HandlerContext, Handlers } from './handler';

const signedOut = (): SignInStatus => ({ state: 'signed-out', faults: [] });

/** Who is working, sign-in and sign-out, answered with the sign-in as it then stands (never its tokens). */
export function signInHandlers(context: HandlerContext): Handlers<'who-is-working' | 'sign-in' | 'sign-out'> {
  return {
    'who-is-working': async () => ({
      coordinator: (await context.coordinator()) ?? null,
      signIn: context.signIn ? await context.signIn.status() : signedOut(),
    }),
    'sign-in': async () => (context.signIn ? context.signIn.signIn() : signedOut()),
    'sign-out': async () => (context.signIn ? context.signIn.signOut() : signedOut()),
  };
}
