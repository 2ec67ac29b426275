export default definePageConfig({ navigationBarTitleText: '困难帮扶工作台' });
