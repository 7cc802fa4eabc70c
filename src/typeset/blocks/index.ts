import type { ElementNode, MarkupNode } from '../../render/markup.js';
import type { Theme } from '../theme.js';
import { emptyReport, type TypesetReport } from '../report.js';
import { band, box, columns, list, spacer } from './containers.js';
import { classes, elements, SHORT_TEXT, textLength, type BlockContext, type MetricsFor, type PdfNode } from './context.js';
import { table, tocEntry } from './table.js';
import { heading, paragraph } from './text.js';
import { splitOf } from './setText.js';
import { logo } from './logo.js';
import { tagBlock } from '../structure.js';

type BlockFn = (node: ElementNode, ctx: BlockContext) => PdfNode;

const BLOCKS: Readonly<Record<string, BlockFn>> = {
  h1: heading,
  h2: heading,
  h3: heading,
  p: paragraph,
  list,
  table,
  'toc-entry': tocEntry,
  band,
  box,
  columns,
  spacer,
  logo,
};

const HEADINGS = new Set(['h2', 'h3']);
/** Paragraph classes that are part of the heading above them, not its text. */
const HEADING_LINES = new Set(['project-facts']);

/**
 * A heading must not end a page: it is bound with the block after it into one
 * unbreakable stack. Binding a whole long block would push half-empty pages, so only
 * blocks short enough to be sure to fit are bound; a long one starts right under it.
 */

function shortEnoughToBind(node: ElementNode): boolean {
  // A few rows or items, but not a few long ones: bound to its heading, a block taller than
  // the page would be dropped.
  if (node.name === 'table') return node.children.length <= 6 && textLength(node) <= 800;
  if (node.name === 'list') return node.children.length <= 8 && textLength(node) <= 400;
  return textLength(node) <= 400;
}

/**
 * A block split in two: `head` bound to the heading (into `group`), `rest` flowing after
 * it. The block's margin goes around both: its top and sides on the head, its bottom (the
 * space after) on whichever piece ends it, so the split changes no spacing.
 */
function bindHead(block: PdfNode, head: PdfNode[], rest: readonly PdfNode[], group: PdfNode[], after: PdfNode[]): void {
  const [l = 0, t = 0, r = 0, b = 0] = (block['margin'] as number[] | undefined) ?? [];
  const last = rest.length === 0;
  group.push({ stack: head, margin: [l, t, r, last ? b : 0] });
  if (!last) after.push({ stack: [...rest], margin: [l, 0, r, b] });
}

/**
 * An unbreakable block taller than a page is dropped by pdfmake without a word, so only
 * headings that surely fit in a few lines are bound to what follows; a very long one
 * simply flows (and may break) like text.
 */
function shortHeading(node: ElementNode): boolean {
  return textLength(node) <= SHORT_TEXT;
}

export function createBlockContext(theme: Theme, width: number, metrics: MetricsFor, report: TypesetReport = emptyReport()): BlockContext {
  const ctx: BlockContext = {
    theme,
    width,
    metrics,
    report,
    within: (w) => createBlockContext(theme, w, metrics, report),
    block(node) {
      const fn = BLOCKS[node.name];
      if (!fn) throw new Error(`<${node.name}> is not a block element (markup line ${node.line})`);
      return tagBlock(node, fn(node, ctx));
    },
    blocks(nodes) {
      const list = elements(nodes);
      const out: PdfNode[] = [];
      for (let i = 0; i < list.length; i++) {
        const node = list[i]!;
        const next = list[i + 1];
        if (HEADINGS.has(node.name) && next && shortHeading(node)) {
          // h2 followed by h3: keep the chain together up to the first body block.
          const group = [ctx.block(node)];
          let j = i + 1;
          // Only a deeper heading joins the chain (h2 then its first h3), never a sibling:
          // a run of bare h3 titles must stay free to break between them.
          let last = node.name;
          while (j < list.length && HEADINGS.has(list[j]!.name) && list[j]!.name > last && shortHeading(list[j]!)) {
            last = list[j]!.name;
            group.push(ctx.block(list[j++]!));
          }
          // A line of facts under a project title (担当：… 事業費：…) belongs to the heading:
          // bound with it, and the text after it bound too.
          while (j < list.length && list[j]!.name === 'p' && classes(list[j]!).some((c) => HEADING_LINES.has(c)) && shortHeading(list[j]!)) group.push(ctx.block(list[j++]!));
          const candidate = j < list.length ? list[j]! : undefined;
          const body = candidate && !HEADINGS.has(candidate.name) ? candidate : undefined;
          const after: PdfNode[] = [];
          if (body) {
            const converted = ctx.block(body);
            const split = splitOf(converted);
            j++;
            // A long paragraph binds only its first two lines to the heading.
            if (split) bindHead(converted, [split.head], split.rest, group, after);
            else if (shortEnoughToBind(body)) group.push(converted);
            else if (body.name === 'list' && textLength(elements(body.children)[0] ?? body) <= 400) {
              // A long list: the heading keeps only its first (short) item.
              const [first, ...rest] = converted['stack'] as PdfNode[];
              bindHead(converted, [first!], rest, group, after);
            } else after.push(converted);
            // A short text bound whole and a short table after it (a project's summary and
            // its indicators): the table goes with them, so a small project is never split.
            const whole = after.length === 0;
            const next = list[j];
            if (whole && next?.name === 'table' && shortEnoughToBind(next)) {
              group.push(ctx.block(next));
              j++;
            }
          }
          out.push({ stack: group, unbreakable: true }, ...after);
          i = j - 1;
        } else if (node.name === 'band' && classes(node).includes('department') && i + 1 < list.length && shortHeading(node)) {
          // A department's title band never ends a page: it goes with the block after it
          // (its first heading, bound in turn to that heading's first lines). A long block
          // that is not a heading (a topic box of a department with no text before it) is
          // not bound: bound whole, a block taller than a page would vanish; unbound, it
          // starts under the band, its part being too long to run on below another.
          const band = ctx.block(node);
          const rest = ctx.blocks(list.slice(i + 1));
          const first = list[i + 1]!;
          if (HEADINGS.has(first.name) || shortEnoughToBind(first)) out.push({ stack: [band, rest[0]!], unbreakable: true }, ...rest.slice(1));
          else out.push(band, ...rest);
          break;
        } else {
          out.push(ctx.block(node));
        }
      }
      return out;
    },
  };
  return ctx;
}
