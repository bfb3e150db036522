import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const resendConfirmation = () => unwrap(api.POST('/api/v1/account/resend-confirmation'));

export const useResendConfirmation = () => useMutation({ mutationFn: resendConfirmation });
