/**
 * A figure table drawn as a chart (uCharts on a canvas), named for screen readers by a sentence (role img); the
 * numbers are in the table beside it. Declared here for TypeScript; Taro resolves `./Chart` to Chart.weapp.tsx
 * (a canvas of type 2d) or Chart.h5.tsx (a browser canvas).
 */
import type { FigureTable } from '../../../types/dashboard';

export interface ChartProps {
  table: FigureTable;
  /** Height in CSS px. */
  height?: number;
}

export declare function Chart(props: ChartProps): JSX.Element | null;
