/**
 * The multi-paragraph texts, by the path of their key joined with dots: everything else
 * (titles, names, labels, places) is printed on one line.
 */
const RUNNING_TEXT = /^(introduction|mission|policy|specialTopics\.\d+\.body|projects\.\d+\.summary)$/;

export function isRunningText(path: readonly (string | number)[]): boolean {
  return RUNNING_TEXT.test(path.join('.'));
}
