import type { PDFDocumentProxy } from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'

/**
 * PDF pages drawn by pdf.js inside the window (docs/business-rules.md#closure-and-re-registration-requests):
 * a subscriber's scan is never handed to an outside program. pdf.js is loaded the first time a PDF is opened,
 * so the rest of the console does not carry it.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist')
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl
  // No eval: the page's policy forbids it, and a document must not run code in the console.
  return pdfjs.getDocument({ data: bytes, isEvalSupported: false, enableXfa: false }).promise
}

/** Draws one page into the canvas at `scale` × its natural size (and the screen's pixel density). */
export async function drawPage(
  pdf: PDFDocumentProxy,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  scale: number,
  rotation: number,
): Promise<void> {
  const page = await pdf.getPage(pageNumber)
  const density = window.devicePixelRatio || 1
  const viewport = page.getViewport({ scale: scale * density, rotation: (page.rotate + rotation) % 360 })
  canvas.width = Math.floor(viewport.width)
  canvas.height = Math.floor(viewport.height)
  canvas.style.width = `${Math.floor(viewport.width / density)}px`
  canvas.style.height = `${Math.floor(viewport.height / density)}px`
  await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise
}

export function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
