/** Positional parameters of one statement: every value reaches PostgreSQL as `$n`, never as SQL text. */
export class Params {
  readonly values: Array<string | null> = [];

  /** Adds a value and returns its placeholder. */
  add(value: string | null): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A PostgreSQL array literal (`{"a","b"}`) of text items; bound as a parameter, never spliced. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
