export default definePageConfig({ navigationBarTitleText: '下派核实' });
