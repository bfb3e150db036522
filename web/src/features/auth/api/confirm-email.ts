import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type ConfirmEmailInput = Schemas['ConfirmEmailRequest'];

export const confirmEmail = (body: ConfirmEmailInput) => unwrap(api.POST('/api/v1/account/confirm-email', { body }));

export const useConfirmEmail = () => useMutation({ mutationFn: confirmEmail });
