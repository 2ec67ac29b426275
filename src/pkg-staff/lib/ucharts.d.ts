declare module '@qiun/ucharts/u-charts.min.js' {
  export default class UCharts {
    constructor(options: Record<string, unknown>);
  }
}
