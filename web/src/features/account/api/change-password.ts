import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type ChangePasswordInput = Schemas['ChangePasswordRequest'];

export const changePassword = (body: ChangePasswordInput) => unwrap(api.POST('/api/v1/account/change-password', { body }));

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
