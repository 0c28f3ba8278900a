import type { HandlerContext, Handlers } from './handler';

const SIGNED_OUT = { state: 'signed-out', faults: [] } as const;

/** Sign-in and sign-out, answered with the sign-in as it then stands (never its tokens). */
export function signInHandlers(context: HandlerContext): Handlers<'sign-in' | 'sign-out'> {
  return {
    'sign-in': async () => (context.signIn ? context.signIn.signIn() : { ...SIGNED_OUT, faults: [] }),
    'sign-out': async () => (context.signIn ? context.signIn.signOut() : { ...SIGNED_OUT, faults: [] }),
  };
}
