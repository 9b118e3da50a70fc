/**
 * Collects the bound values of a SQL fragment. Every value, field name and date enters the text
 * only as a numbered placeholder with an explicit cast, so the fragment means the same inside any
 * larger query and never depends on the driver guessing types.
 */
export class SqlParams {
  readonly values: unknown[] = [];
  private nowPlaceholder: string | undefined;

  constructor(
    private readonly offset: number,
    private readonly nowValue: Date,
  ) {}

  /** Binds `value` and returns its placeholder, e.g. `$3::numeric`. */
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}::${cast}`;
  }

  /** The placeholder of `now`, bound once however many leaves use it. */
  now(): string {
    this.nowPlaceholder ??= this.add(this.nowValue, 'timestamptz');
    return this.nowPlaceholder;
  }
}
