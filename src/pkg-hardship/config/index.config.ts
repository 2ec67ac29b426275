export default definePageConfig({ navigationBarTitleText: '本地帮扶标准' });
