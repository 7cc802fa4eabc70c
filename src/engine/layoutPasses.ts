/**
 * pdfmake's layout passes, asking `pageBreakBefore` only about nodes with a headlineLevel.
 *
 * After each pass pdfmake describes every laid-out node for the callback (a copy of 16
 * properties, its distinct page numbers …) before asking about any: ~5 % of printing a
 * booklet, for a callback (typeset/toDocDefinition's pagination probe) that only looks at
 * the one node marked by its headlineLevel. Here only nodes with a headlineLevel are
 * asked, as pdfmake's own documentation uses it, in pdfmake's order and with pdfmake's
 * description; the descriptions of other nodes that `getFollowingNodesOnPage` and its
 * siblings hand out are made when asked for. Otherwise the passes run as pdfmake runs
 * them, so the pages are the same.
 */

interface Position {
  readonly pageNumber: number;
}
interface LaidOutNode {
  readonly positions: readonly Position[];
  readonly text?: unknown;
  readonly listMarker?: unknown;
  readonly headlineLevel?: unknown;
  pageBreak?: unknown;
  pageBreakCalculated?: boolean;
  nodeInfo?: NodeInfo;
  resetXY(): void;
  [key: string]: unknown;
}
type NodeInfo = Record<string, unknown> & { readonly pageNumbers: readonly number[] };
interface Pass {
  readonly pages: readonly unknown[];
  readonly linearNodeList: LaidOutNode[];
}
type PageBreakBefore = (info: NodeInfo, around: Record<string, () => NodeInfo[]>) => boolean;

interface LayoutBuilderProto {
  svgMeasure: unknown;
  tableLayouts: unknown;
  docPreprocessor: unknown;
  docMeasure: unknown;
  layoutDocument(this: LayoutBuilderProto, ...args: unknown[]): unknown[];
  tryLayoutDocument(this: LayoutBuilderProto, ...args: unknown[]): Pass;
}

export interface LayoutClasses {
  readonly LayoutBuilder: { prototype: LayoutBuilderProto };
  readonly DocPreprocessor: new () => unknown;
  readonly DocMeasure: new (...args: unknown[]) => unknown;
}

/** What pdfmake copies from a node into its description. */
const DESCRIBED = ['id', 'text', 'ul', 'ol', 'table', 'image', 'qr', 'canvas', 'svg', 'columns', 'headlineLevel', 'style', 'pageBreak', 'pageOrientation', 'width', 'height'];

function describe(node: LaidOutNode, pages: number): NodeInfo {
  const info: Record<string, unknown> = {};
  for (const key of DESCRIBED) if (node[key] !== undefined) info[key] = node[key];
  info['startPosition'] = node.positions[0];
  info['pageNumbers'] = Array.from(new Set(node.positions.map((p) => p.pageNumber)));
  info['pages'] = pages;
  info['stack'] = Array.isArray(node['stack']);
  return info as NodeInfo;
}

const renderable = (node: LaidOutNode | undefined): node is LaidOutNode =>
  !!node && node.positions.length > 0 && !(node.text === '' && !node.listMarker);

/** pdfmake's addPageBreaksIfNecessary, asking only about nodes with a headlineLevel. */
function breakBefore(pass: Pass, ask: PageBreakBefore): boolean {
  const nodes = pass.linearNodeList.filter(renderable);
  const described = new Map<LaidOutNode, NodeInfo>();
  const info = (node: LaidOutNode) => {
    let i = described.get(node);
    if (!i) {
      described.set(node, (i = describe(node, pass.pages.length)));
      node.nodeInfo = i;
    }
    return i;
  };
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    if (node.headlineLevel === undefined || node.pageBreak === 'before' || node.pageBreakCalculated) continue;
    node.pageBreakCalculated = true;
    const own = info(node);
    const pageNumber = own.pageNumbers[0]!;
    const on = (from: number, to: number, page: number) => nodes.slice(from, to).map(info).filter((i) => i.pageNumbers.includes(page));
    const around = {
      getFollowingNodesOnPage: () => on(index + 1, nodes.length, pageNumber),
      getNodesOnNextPage: () => on(index + 1, nodes.length, pageNumber + 1),
      getPreviousNodesOnPage: () => on(0, index, pageNumber),
    };
    if (ask(own, around)) {
      node.pageBreak = 'before';
      return true;
    }
  }
  return false;
}

export function askHeadlinesOnly({ LayoutBuilder, DocPreprocessor, DocMeasure }: LayoutClasses): void {
  const layoutDocument = LayoutBuilder.prototype.layoutDocument;
  LayoutBuilder.prototype.layoutDocument = function layoutAskingHeadlines(...args: unknown[]) {
    const [docStructure, pdfDocument, styleDictionary, defaultStyle, background, header, footer, watermark, pageBreakBefore] = args;
    if (typeof pageBreakBefore !== 'function') return layoutDocument.apply(this, args);
    this.docPreprocessor = new DocPreprocessor();
    this.docMeasure = new DocMeasure(pdfDocument, styleDictionary, defaultStyle, this.svgMeasure, this.tableLayouts);
    const again = () => this.tryLayoutDocument(docStructure, pdfDocument, styleDictionary, defaultStyle, background, header, footer, watermark);
    let pass = again();
    while (breakBefore(pass, pageBreakBefore as PageBreakBefore)) {
      for (const node of pass.linearNodeList) node.resetXY();
      pass = again();
    }
    return pass.pages as unknown[];
  };
}
