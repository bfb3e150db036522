// Mirrors the API's rules so most mistakes are caught before a round trip; the server stays the judge.
export const MIN_PASSWORD = 12;

export function validateEmail(email: string): string | undefined {
  const value = email.trim();
  if (!value) return 'Enter your email address.';
  if (value.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(value)) return 'Enter a valid email address.';
  return undefined;
}

export function validateNewPassword(password: string): string | undefined {
  if (!password) return `Enter a password of at least ${MIN_PASSWORD} characters.`;
  if (password.length < MIN_PASSWORD) return `Use at least ${MIN_PASSWORD} characters (a short phrase works well).`;
  return undefined;
}
