// Every setting the app reads at build time, checked once. Unset means the offline default.
export interface Env {
  /**
   * A tile URL template such as https://tile.example.org/{z}/{x}/{y}.png. When unset, maps draw the
   * bundled world (land, borders, city names) and make no request outside the app's own origin.
   */
  VITE_TILE_URL?: string | undefined;
  VITE_TILE_ATTRIBUTION?: string | undefined;
}

const TILE_TEMPLATE = /^(https?:\/\/|\/)[^\s]*\{z\}[^\s]*\{x\}[^\s]*\{y\}/;

export function parseEnv(source: Record<string, unknown>): Env {
  const text = (key: string): string | undefined => {
    const value = source[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new Error(`Invalid web app configuration: ${key} must be text`);
    return value.trim() || undefined;
  };
  const tileUrl = text('VITE_TILE_URL');
  if (tileUrl !== undefined && !TILE_TEMPLATE.test(tileUrl)) {
    throw new Error('Invalid web app configuration: VITE_TILE_URL: VITE_TILE_URL must be a URL template containing {z}, {x} and {y}');
  }
  return { VITE_TILE_URL: tileUrl, VITE_TILE_ATTRIBUTION: text('VITE_TILE_ATTRIBUTION') };
}

export const env: Env = parseEnv(import.meta.env);
