import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type ForgotPasswordInput = Schemas['ForgotPasswordRequest'];

export const forgotPassword = (body: ForgotPasswordInput) => unwrap(api.POST('/api/v1/account/forgot-password', { body }));

export const useForgotPassword = () => useMutation({ mutationFn: forgotPassword });
