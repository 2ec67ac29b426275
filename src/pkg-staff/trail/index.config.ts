export default definePageConfig({ navigationBarTitleText: '办理记录' });
