import { installFinishedLines, type FinishedLinesClasses } from './finishedLines.js';
import { loadPdfkit, loadPdfmake, pdfmakeModule, type PdfMake } from './modules.js';
import { fontkit } from './parsedFonts.js';
import { fixOutline, joinStreamText, patchXmp, tagSubsetsByGlyphs, gatherWrites, rememberColours, writeXrefStream, type PdfKitClass } from './pdfkitPatches.js';
import { drawPages, markArtifacts, type RendererClass } from './pdfmakePatches.js';
import { askHeadlinesOnly, type LayoutClasses } from './layoutPasses.js';
import { installTagging, type TaggingClasses } from './tagging/markContent.js';

let runtime: PdfMake | undefined;

/**
 * pdfmake, with every patch the engine makes to it and to pdfkit, once per process (the
 * patches are on prototypes: every document of the process gets them). Loaded when the
 * first document is printed: ~170 ms a process that prints nothing never pays.
 */
export function pdfmakeRuntime(): PdfMake {
  if (runtime) return runtime;
  // The facade in fontkit's module slot must be in place before pdfkit loads fontkit.
  fontkit();
  const PDFDocument = loadPdfkit<PdfKitClass>();
  patchXmp(PDFDocument);
  gatherWrites(PDFDocument);
  rememberColours(PDFDocument);
  joinStreamText(PDFDocument);
  fixOutline(PDFDocument);
  tagSubsetsByGlyphs(PDFDocument);
  writeXrefStream(PDFDocument);
  const pdfmake = loadPdfmake();
  const Renderer = pdfmakeModule<RendererClass & FinishedLinesClasses['Renderer']>('Renderer');
  installFinishedLines({
    StyleContextStack: pdfmakeModule<FinishedLinesClasses['StyleContextStack']>('StyleContextStack'),
    DocMeasure: pdfmakeModule<FinishedLinesClasses['DocMeasure']>('DocMeasure'),
    Renderer,
  });
  askHeadlinesOnly({
    LayoutBuilder: pdfmakeModule<LayoutClasses['LayoutBuilder']>('LayoutBuilder'),
    DocPreprocessor: pdfmakeModule<LayoutClasses['DocPreprocessor']>('DocPreprocessor'),
    DocMeasure: pdfmakeModule<LayoutClasses['DocMeasure']>('DocMeasure'),
  });
  drawPages(Renderer);
  markArtifacts(Renderer);
  installTagging({
    PDFDocument: PDFDocument as unknown as TaggingClasses['PDFDocument'],
    DocMeasure: pdfmakeModule<TaggingClasses['DocMeasure']>('DocMeasure'),
    Renderer: Renderer as unknown as TaggingClasses['Renderer'],
  });
  // Never fetch anything: fonts come from memory, and data cannot name a URL or a file.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  return (runtime = pdfmake);
}
