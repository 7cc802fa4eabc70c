import { OUTPUT_KINDS, type OutputKind } from './targets.js';

/**
 * The options of a build that decide which files it makes and how: recorded in the
 * manifest, so that `verify --rebuild` makes the same set the same way. Creep and every
 * other look of the print PDF come from the theme (a resource), not from here.
 * Empty: everything, not imposed.
 */
export interface BuildSpec {
  /** --only (or, with --dept alone, inserts). */
  readonly only?: readonly OutputKind[];
  /** --dept: of the inserts, only this department's. */
  readonly dept?: string;
  /** --impose saddle: booklet-imposed.pdf too. */
  readonly impose?: 'saddle';
}

export interface BuildRequest {
  readonly only?: readonly OutputKind[];
  readonly dept?: string;
  readonly impose?: 'saddle';
}

/** What to write into the manifest for a build asked for with these options. */
export function specOf(req: BuildRequest): BuildSpec {
  const kinds = req.only ?? (req.dept !== undefined ? ['inserts'] : undefined);
  return {
    ...(kinds ? { only: OUTPUT_KINDS.filter((k) => kinds.includes(k)) } : {}),
    ...(req.dept !== undefined ? { dept: req.dept } : {}),
    ...(req.impose ? { impose: req.impose } : {}),
  };
}

const kindsOf = (s: BuildSpec): readonly OutputKind[] => s.only ?? OUTPUT_KINDS;

/** Which inserts a spec makes: none, one department's, or all. */
function insertsOf(s: BuildSpec): 'none' | 'all' | { dept: string } {
  if (!kindsOf(s).includes('inserts')) return 'none';
  return s.dept !== undefined ? { dept: s.dept } : 'all';
}

/**
 * One spec that makes exactly what `a` and `b` make together (the files of a partial build
 * added to an earlier set), or undefined when no single build does (two departments'
 * inserts and nothing else): then the earlier files are not kept in the manifest.
 */
export function unionSpec(a: BuildSpec, b: BuildSpec): BuildSpec | undefined {
  const kinds = OUTPUT_KINDS.filter((k) => kindsOf(a).includes(k) || kindsOf(b).includes(k));
  const [ia, ib] = [insertsOf(a), insertsOf(b)];
  let dept: string | undefined;
  if (ia === 'all' || ib === 'all') dept = undefined;
  else if (ia === 'none') dept = ib === 'none' ? undefined : ib.dept;
  else if (ib === 'none' || ib.dept === ia.dept) dept = ia.dept;
  else return undefined;
  const impose = a.impose ?? b.impose;
  const everything = kinds.length === OUTPUT_KINDS.length && dept === undefined;
  return {
    ...(everything ? {} : { only: kinds }),
    ...(dept !== undefined ? { dept } : {}),
    ...(impose ? { impose } : {}),
  };
}

/** The spec as command-line options, as a user would type them (e.g. in a message). */
export function specOptions(s: BuildSpec): string[] {
  return [...(s.only ? ['--only', s.only.join(',')] : []), ...(s.dept !== undefined ? ['--dept', s.dept] : []), ...(s.impose ? ['--impose', s.impose] : [])];
}

/** Back to build options; `only` is dropped when --dept alone implies it. */
export function requestOf(s: BuildSpec): BuildRequest {
  const impliedByDept = s.dept !== undefined && s.only?.length === 1 && s.only[0] === 'inserts';
  return {
    ...(s.only && !impliedByDept ? { only: s.only } : {}),
    ...(s.dept !== undefined ? { dept: s.dept } : {}),
    ...(s.impose ? { impose: s.impose } : {}),
  };
}
