import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type ResetPasswordInput = Schemas['ResetPasswordRequest'];

export const resetPassword = (body: ResetPasswordInput) => unwrap(api.POST('/api/v1/account/reset-password', { body }));

export const useResetPassword = () => useMutation({ mutationFn: resetPassword });
