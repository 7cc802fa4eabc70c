/** A path into YAML data, as zod reports it: keys and 0-based list indexes. */
export type DataPath = readonly (string | number)[];

/**
 * `projects[2].title`: the form people know from JavaScript and jq, and the
 * one used in every message, so a path can be searched for in the docs.
 */
export function formatPath(path: DataPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[\p{L}_$][\p{L}\p{N}_$-]*$/u.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
