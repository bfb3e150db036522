import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, resetAntiforgery, unwrap, type Schemas } from '@/lib/api-client';
import { meQueryOptions } from '@/lib/auth';

export type SignOutEverywhereResult = Schemas['SignOutEverywhereResponse'];

/** Ends every session of the account at once: other browsers, apps and their refresh tokens, and this browser too. */
export const signOutEverywhere = () => unwrap(api.POST('/api/v1/account/logout-everywhere'));

/**
 * `leave` runs first (take the user off the signed-in page), then the cached account is dropped, so
 * the signed-in routes never redirect on their own.
 */
export function useSignOutEverywhere(leave: (result: SignOutEverywhereResult) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: signOutEverywhere,
    onSuccess: (result) => {
      leave(result);
      resetAntiforgery();
      client.clear();
      client.setQueryData(meQueryOptions().queryKey, null);
    },
  });
}
