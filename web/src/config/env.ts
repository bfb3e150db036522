import { z } from 'zod';

// No eval: zod would otherwise probe `new Function('')` to compile fast parsers, which the strict
// Content-Security-Policy refuses and reports as a violation (docs/security.md).
z.config({ jitless: true });

// Every setting the app reads at build time, validated once. Unset means the offline default.
const schema = z.object({
  // A tile URL template such as https://tile.example.org/{z}/{x}/{y}.png. When unset, maps draw on
  // a plain background and make no request outside the app's own origin.
  VITE_TILE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^(https?:\/\/|\/)[^\s]*\{z\}[^\s]*\{x\}[^\s]*\{y\}/.test(v), {
      message: 'VITE_TILE_URL must be a URL template containing {z}, {x} and {y}',
    }),
  VITE_TILE_ATTRIBUTION: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, unknown>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid web app configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}

export const env: Env = parseEnv(import.meta.env);
