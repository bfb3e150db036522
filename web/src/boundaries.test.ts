import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The import boundaries of eslint.config.js (STYLE.md §16), checked by linting small snippets as if
// they were files of the app: a rule that stopped catching a cross-feature import would fail here,
// not pass `npm run lint` in silence.
const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: web });
});

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries', () => {
  it('a feature importing another feature is an error, however it imports it', async () => {
    const messages = await lint(
      'src/features/trips/components/Probe.tsx',
      [
        "import { SearchForm } from '@/features/search/components/SearchForm';",
        "import type { FlightOffer } from '../../search/api/types';",
        "export const chat = () => import('@/features/chat/components');",
        "export { useBookings } from '@/features/bookings/api/list-bookings';",
        'export const probe: [unknown, FlightOffer | null] = [SearchForm, null];',
      ].join('\n'),
    );

    expect(messages).toEqual([
      'boundaries/dependencies: Features never import each other: move what both need to components/ or lib/, or compose the two in app/ (trips imports search).',
      'boundaries/dependencies: Features never import each other: move what both need to components/ or lib/, or compose the two in app/ (trips imports search).',
      'boundaries/dependencies: Features never import each other: move what both need to components/ or lib/, or compose the two in app/ (trips imports chat).',
      'boundaries/dependencies: Features never import each other: move what both need to components/ or lib/, or compose the two in app/ (trips imports bookings).',
    ]);
  });

  it('a feature may import shared code and its own files', async () => {
    const messages = await lint(
      'src/features/trips/components/Probe.tsx',
      [
        "import { Button } from '@/components/ui/Button';",
        "import { formatDate } from '@/lib/format';",
        "import { getTrip } from '../api/get-trip';",
        "import { tripQueryOptions } from '@/features/trips/api/get-trip';",
        'export const probe = [Button, formatDate, getTrip, tripQueryOptions];',
      ].join('\n'),
    );

    expect(messages).toEqual([]);
  });

  it('shared code imports no feature and not the app', async () => {
    const messages = await lint(
      'src/lib/probe.ts',
      ["import { getTrip } from '@/features/trips/api/get-trip';", "import { routes } from '@/app/router';", 'export const probe = [getTrip, routes];'].join('\n'),
    );

    expect(messages).toEqual([
      'boundaries/dependencies: Shared code (components/, lib/, config/, data/) imports no feature and not app/: it is what features build on (feature imported).',
      'boundaries/dependencies: Shared code (components/, lib/, config/, data/) imports no feature and not app/: it is what features build on (app imported).',
    ]);
  });

  it('the app composes features', async () => {
    const messages = await lint(
      'src/app/routes/probe.tsx',
      [
        "import { SearchForm } from '@/features/search/components/SearchForm';",
        "import { useChat } from '@/features/chat/components';",
        'export const probe = [SearchForm, useChat];',
      ].join('\n'),
    );

    expect(messages).toEqual([]);
  });
});
