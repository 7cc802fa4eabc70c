/**
 * `{ key: value }`, or `{}` when the value is undefined: an optional key stays absent
 * rather than present-and-undefined (exactOptionalPropertyTypes, and templates test presence).
 */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
