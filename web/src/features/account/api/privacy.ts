import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, resetAntiforgery, unwrap, type Schemas } from '@/lib/api-client';
import { meQueryOptions } from '@/lib/auth';

// The traveller's privacy rights: consents, the export archive, deleting the account.
export type Consent = Schemas['ConsentResponse'];
export type OpenBooking = Schemas['OpenBookingResponse'];
export type ExportReady = Schemas['ExportResponse'];
export type DeleteAccountInput = Schemas['DeleteAccountRequest'];

const consentsKey = ['account', 'consents'] as const;

export const useConsents = () => useQuery({ queryKey: consentsKey, queryFn: () => unwrap(api.GET('/api/v1/account/consents')) });

export function useSetConsent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ purpose, granted }: { purpose: string; granted: boolean }) =>
      unwrap(api.PUT('/api/v1/account/consents/{purpose}', { params: { path: { purpose } }, body: { granted } })),
    onSuccess: () => client.invalidateQueries({ queryKey: consentsKey }),
  });
}

export const useExport = () =>
  useMutation({ mutationFn: (password: string) => unwrap(api.POST('/api/v1/account/export', { body: { password, confirmEmail: null } })) });

export const useErasurePreview = () =>
  useQuery({ queryKey: ['account', 'erasure'], queryFn: () => unwrap(api.GET('/api/v1/account/erasure')) });

export function useDeleteAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DeleteAccountInput) => unwrap(api.DELETE('/api/v1/account/me', { body })),
    onSuccess: () => {
      // Signed out by the server: forget everything of the account in this tab.
      resetAntiforgery();
      client.clear();
      client.setQueryData(meQueryOptions().queryKey, null);
    },
  });
}
