import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { Alert } from '@/components/ui/Feedback';
import { useGoogleSignIn, useSignInOptions } from '@/lib/auth';
import { ApiError } from '@/lib/problem';

/** The part of Google Identity Services' `google.accounts.id` the button uses (developers.google.com/identity/gsi/web/reference/js-reference). */
interface GoogleIdentity {
  initialize(config: { client_id: string; callback: (response: { credential: string }) => void; ux_mode?: 'popup' | 'redirect'; auto_select?: boolean }): void;
  renderButton(parent: HTMLElement, options: { type: 'standard'; theme: 'outline'; size: 'large'; text: 'continue_with'; shape: 'rectangular'; width?: number }): void;
}

declare global {
  interface Window {
    google?: { accounts?: { id?: GoogleIdentity } };
  }
}

const loading = new Map<string, Promise<GoogleIdentity>>();

/** Loads Google Identity Services' script once per URL; rejects when it cannot be fetched. */
function loadIdentityServices(src: string): Promise<GoogleIdentity> {
  let found = loading.get(src);
  if (!found) {
    found = new Promise<GoogleIdentity>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = true;
      script.onload = () => (window.google?.accounts?.id ? resolve(window.google.accounts.id) : reject(new Error('Google Identity Services did not start.')));
      script.onerror = () => reject(new Error('Google Identity Services could not be loaded.'));
      document.head.appendChild(script);
    });
    found.catch(() => loading.delete(src));
    loading.set(src, found);
  }
  return found;
}

/**
 * "Continue with Google", shown only where the server has Google sign-in configured (nothing at
 * all otherwise). Google's own button and pop-up give an ID token; the server verifies it, signs in
 * (creating the account on first use) and the conversations of this browser are kept.
 */
export function GoogleSignInButton({ onSignedIn }: { onSignedIn: () => void }) {
  const options = useSignInOptions();
  const google = options.data?.google ?? null;
  const slot = useRef<HTMLDivElement>(null);
  const signIn = useGoogleSignIn();
  const [unavailable, setUnavailable] = useState(false);
  // Google calls back long after the render that set it up: it must reach the latest props.
  const onCredential = useEffectEvent((credential: string) => signIn.mutate(credential, { onSuccess: () => onSignedIn() }));

  useEffect(() => {
    if (!google) return;
    let live = true;
    loadIdentityServices(google.scriptUrl).then(
      (identity) => {
        if (!live || !slot.current) return;
        identity.initialize({
          client_id: google.clientId,
          ux_mode: 'popup',
          auto_select: false,
          callback: ({ credential }) => onCredential(credential),
        });
        identity.renderButton(slot.current, { type: 'standard', theme: 'outline', size: 'large', text: 'continue_with', shape: 'rectangular', width: Math.min(slot.current.clientWidth || 320, 400) });
      },
      () => live && setUnavailable(true),
    );
    return () => {
      live = false;
    };
  }, [google]);

  if (!google) return null;
  const server = signIn.error instanceof ApiError ? signIn.error : null;
  return (
    <div className="google-sign-in">
      <div ref={slot} className="google-sign-in__button" aria-busy={signIn.isPending || undefined} />
      {unavailable && <Alert tone="warning">Sign-in with Google could not be loaded here. Use your email address instead.</Alert>}
      {signIn.error && <Alert title={server?.problem.title ?? 'Sign-in with Google failed.'}>{server?.problem.detail ?? (signIn.error as Error).message}</Alert>}
      <p className="google-sign-in__or small muted">or with your email address</p>
    </div>
  );
}
