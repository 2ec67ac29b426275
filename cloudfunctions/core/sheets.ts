/**
 * Spreadsheets in and out, once for every feature: reading an uploaded CSV or Excel sheet as rows of text (an .xlsx
 * checked for its unpacked size before anything is unpacked), and writing one sheet of rows as an .xlsx answer.
 * exceljs is loaded only when a sheet is read or written: every other call starts without it.
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { HandlerContext } from './context';
import { AppError } from './errors';

/**
 * The total unpacked size an .xlsx (zip) declares in its central directory, read without unpacking anything;
 * null when the file is not a readable zip. A zip64 entry (4 GB and more) counts as too large.
 */
export function zipUnpackedSize(zip: Buffer): number | null {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return null;
    const size = zip.readUInt32LE(at + 24);
    if (size === 0xffffffff) return Number.MAX_SAFE_INTEGER;
    total += size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

export interface SheetLimits {
  /** Data rows one sheet may carry (plus the header row). */
  maxRows: number;
  /** What an .xlsx may unpack to. */
  maxUnpackedBytes: number;
  /** The error for a file that is not a readable CSV or .xlsx. */
  unreadable: () => AppError;
  /** The error for more rows than maxRows. */
  tooMany: () => AppError;
  /** A date cell as text (default: its Shanghai calendar date). */
  dateText?: (d: Date) => string;
}

function cellText(v: ExcelJS.CellValue, dateText: (d: Date) => string): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
  }
  return String(v).trim();
}

const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The first sheet of a CSV or .xlsx file as rows of cell text (row 0 is the header). */
export async function readSheet(fileName: string, content: Buffer, limits: SheetLimits): Promise<string[][]> {
  const csv = /\.csv$/i.test(fileName);
  if (!csv) {
    const unpacked = zipUnpackedSize(content);
    if (unpacked === null) throw limits.unreadable();
    if (unpacked > limits.maxUnpackedBytes) throw new AppError('validation', '表格内容太大，请删去多余的工作表和格式，或分批导入');
  }
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (csv) {
      const text = content.toString('utf8').replace(/^\uFEFF/, '');
      // Keep every cell as text: an 18-digit ID number read as a number loses its last digits.
      sheet = await wb.csv.read(Readable.from([text]), { map: (value: string) => value } as Parameters<typeof wb.csv.read>[1]);
    } else {
      await wb.xlsx.load(content as unknown as ArrayBuffer);
      sheet = wb.worksheets[0];
    }
  } catch {
    throw limits.unreadable();
  }
  if ((sheet?.actualRowCount ?? 0) > limits.maxRows + 1) throw limits.tooMany();
  const dateText = limits.dateText ?? shanghaiDate;
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, n) => {
    if (n > limits.maxRows + 1) return;
    rows[n - 1] = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v, dateText));
  });
  return Array.from(rows, (r) => r ?? []);
}

export interface SheetColumn<K extends string> {
  header: string;
  key: K;
  width: number;
}

/**
 * One sheet of rows as an .xlsx answer `{ fileName, contentBase64, rows }`: a bold, frozen header row, and `footer`
 * rows (e.g. the export time) after a blank line.
 */
export async function sheetFile<K extends string>(
  ctx: HandlerContext,
  file: { fileName: string; sheetName: string; columns: SheetColumn<K>[]; rows: Partial<Record<K, unknown>>[]; footer?: Partial<Record<K, unknown>>[] },
): Promise<{ fileName: string; contentBase64: string; rows: number }> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = '劳模工匠之家';
  wb.created = ctx.now;
  const ws = wb.addWorksheet(file.sheetName);
  ws.columns = file.columns;
  for (const r of file.rows) ws.addRow(r);
  if (file.footer?.length) {
    ws.addRow({});
    for (const r of file.footer) ws.addRow(r);
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return { fileName: file.fileName, contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), rows: file.rows.length };
}
