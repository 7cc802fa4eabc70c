/**
 * The departments the digest lists: those with projects. The digest is a list of projects
 * under department names; a name with nothing under it would read as the heading of the
 * next department's list. The booklet and the inserts keep every department. An edition
 * with no projects at all lists every department, each with its terms.nothingListed line,
 * so its digest still names what the booklet holds.
 *
 * Generic over what a department is, so the raw data's warnings (model/notes.ts) and the
 * rendered digest (render/renderTarget.ts) follow the one rule.
 */
export function digestListed<D>(departments: readonly D[], projectCount: (d: D) => number): D[] {
  const listed = departments.filter((d) => projectCount(d) > 0);
  return listed.length > 0 ? listed : [...departments];
}
