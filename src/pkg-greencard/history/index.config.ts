export default definePageConfig({ navigationBarTitleText: '绿通就诊记录' });
