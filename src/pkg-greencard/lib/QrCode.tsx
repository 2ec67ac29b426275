/**
 * A QR code drawn with plain Views (dark runs per row, absolutely placed), so it renders the same in the
 * mini-program and in H5 without a canvas, and redraws cheaply when the code changes every minute.
 */
import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { create } from 'qrcode';
import { a11y } from '../../lib/a11y';
import './QrCode.scss';

interface Run {
  row: number;
  col: number;
  len: number;
}

function runsOf(text: string): { size: number; runs: Run[] } {
  const qr = create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const data = qr.modules.data;
  const runs: Run[] = [];
  for (let r = 0; r < size; r++) {
    let c = 0;
    while (c < size) {
      if (!data[r * size + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < size && data[r * size + c]) c++;
      runs.push({ row: r, col: start, len: c - start });
    }
  }
  return { size, runs };
}

export function QrCode({ text, className = '' }: { text: string; className?: string }) {
  const { size, runs } = useMemo(() => runsOf(text), [text]);
  const unit = 100 / size;
  return (
    <View className={`gc-qr ${className}`} data-code={text} {...a11y({ role: 'img', label: '绿通卡动态二维码，请让窗口扫码' })}>
      <View className="gc-qr__grid">
        {runs.map((run) => (
          <View
            key={`${run.row}-${run.col}`}
            className="gc-qr__dark"
            style={{
              top: `${run.row * unit}%`,
              left: `${run.col * unit}%`,
              width: `${run.len * unit + 0.05}%`,
              height: `${unit + 0.05}%`,
            }}
          />
        ))}
      </View>
    </View>
  );
}
