import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, resetAntiforgery, unwrap, type Schemas } from './api-client';
import { ApiError } from './problem';

// The session: who is signed in (GET /account/me through the HttpOnly cookie), sign-in and sign-out.
export type Account = Schemas['AccountResponse'];

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ['account', 'me'],
    queryFn: async (): Promise<Account | null> => {
      try {
        return await unwrap(api.GET('/api/v1/account/me'));
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 404)) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });

export function useUser() {
  return useQuery(meQueryOptions());
}

export interface Credentials {
  email: string;
  password: string;
}

/** After any sign-in: a fresh antiforgery token, and the conversations this browser had before become the user's. */
async function afterSignIn(): Promise<void> {
  resetAntiforgery();
  // Best effort: signing in does not fail because of it.
  await api.POST('/api/v1/chat/sessions/claim').catch(() => undefined);
}

export async function signIn(credentials: Credentials): Promise<void> {
  await unwrap(api.POST('/api/v1/account/login', { params: { query: { useCookies: true } }, body: credentials }));
  await afterSignIn();
}

/** Signs in with the ID token Google Identity Services returned (the server verifies it). */
export async function signInWithGoogle(idToken: string): Promise<void> {
  await unwrap(api.POST('/api/v1/account/google', { params: { query: { useCookies: true } }, body: { idToken } }));
  await afterSignIn();
}

function useSignInMutation<T>(mutationFn: (input: T) => Promise<void>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      client.clear();
      await client.fetchQuery(meQueryOptions());
    },
  });
}

export const useSignIn = () => useSignInMutation(signIn);
export const useGoogleSignIn = () => useSignInMutation(signInWithGoogle);

export type SignInOptions = Schemas['SignInOptionsResponse'];

/** How one can sign in besides email and password: Google's client id and script when configured, else null. */
export const useSignInOptions = () =>
  useQuery({
    queryKey: ['account', 'sign-in-options'],
    queryFn: (): Promise<SignInOptions> => unwrap(api.GET('/api/v1/account/sign-in-options')),
    staleTime: Infinity,
    retry: false,
  });

/**
 * What became of a sign-up. Registering always answers 202 with the same body, whether or not the
 * address already had an account (so nobody can find out who has one); the email sent to the
 * address says which. Signing in straight after then either works (a new account) or does not
 * (the address had an account with another password): the page then says to check the email.
 */
export type SignUpOutcome = 'signed-in' | 'check-email';

export function useSignUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: Credentials): Promise<SignUpOutcome> => {
      await unwrap(api.POST('/api/v1/account/register', { body: credentials }));
      try {
        await signIn(credentials);
      } catch (e) {
        if (e instanceof ApiError && e.status < 500) return 'check-email';
        throw e;
      }
      return 'signed-in';
    },
    onSuccess: async (outcome) => {
      if (outcome !== 'signed-in') return;
      client.clear();
      await client.fetchQuery(meQueryOptions());
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await unwrap(api.POST('/api/v1/account/logout'));
      resetAntiforgery();
    },
    onSettled: () => {
      client.clear();
      client.setQueryData(meQueryOptions().queryKey, null);
    },
  });
}

