/**
 * One structured line per call. Only ids, codes and timings: never names, phone numbers or ID numbers.
 */
export interface CallLog {
  fn: string;
  action: string;
  role: string;
  code: string;
  ms: number;
  requestId?: string;
  detail?: string;
}

export type LogSink = (line: CallLog) => void;

export const consoleSink: LogSink = (line) => {
  process.stdout.write(JSON.stringify({ level: line.code === 'ok' ? 'info' : 'warn', ...line }) + '\n');
};

export const silentSink: LogSink = () => {};
