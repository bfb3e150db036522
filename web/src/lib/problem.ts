// RFC 9457 problem details as the API returns them, and helpers to show them beside what failed.
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
  traceId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `The request failed (${status}).`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** The first message for a field, matched case-insensitively (the API names fields in camelCase). */
  fieldError(field: string): string | undefined {
    const errors = this.problem.errors ?? {};
    const key = Object.keys(errors).find((k) => k.toLowerCase() === field.toLowerCase());
    return key ? errors[key]?.[0] : undefined;
  }

  /** Messages for fields the form does not show, plus the problem's own title/detail. */
  summary(shownFields: readonly string[] = []): string {
    const shown = new Set(shownFields.map((f) => f.toLowerCase()));
    const other = Object.entries(this.problem.errors ?? {})
      .filter(([k]) => !shown.has(k.toLowerCase()))
      .flatMap(([, v]) => v);
    if (other.length > 0) return other.join(' ');
    if (this.problem.errors && Object.keys(this.problem.errors).length > 0) return '';
    return this.message;
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.summary() || error.message;
  if (error instanceof TypeError) return 'The server could not be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export function fieldErrors(error: unknown, fields: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (error instanceof ApiError) {
    for (const f of fields) out[f] = error.fieldError(f);
  }
  return out;
}
