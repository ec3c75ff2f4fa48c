import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TimelinePoint {
  at: string;
  granted: number;
  rejected: number;
}

/** Claims over time (granted and rejected per bucket), drawn by uPlot on a canvas; the numbers are also in a table below it. */
export function TimelineChart({ points, label, bucketSeconds }: { points: readonly TimelinePoint[]; label: string; bucketSeconds: number }) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data: uPlot.AlignedData = [points.map((p) => Date.parse(p.at) / 1000), points.map((p) => p.granted), points.map((p) => p.rejected)];

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // Granted and rejected side by side in each bucket.
    const barsLeft = uPlot.paths.bars?.({ size: [0.4, 30], align: -1 });
    const barsRight = uPlot.paths.bars?.({ size: [0.4, 30], align: 1 });
    plot.current = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: 240,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        series: [
          {},
          { label: 'Granted', stroke: '#1a7f37', fill: 'rgba(26,127,55,0.35)', ...(barsLeft ? { paths: barsLeft } : {}) },
          { label: 'Rejected', stroke: '#cf222e', fill: 'rgba(207,34,46,0.25)', ...(barsRight ? { paths: barsRight } : {}) },
        ],
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [{}, { label: 'Claims' }],
      },
      data,
      element,
    );
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
    // The chart is built once; new data goes through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const chart = plot.current;
    if (!chart) return;
    chart.setData(data);
    // One bucket of room on each side, so a single bucket is a bar and not a span of years.
    const xs = data[0];
    if (xs.length > 0) chart.setScale('x', { min: (xs[0] ?? 0) - bucketSeconds, max: (xs[xs.length - 1] ?? 0) + bucketSeconds });
  });

  return <div ref={container} className="chart" role="img" aria-label={label} />;
}
