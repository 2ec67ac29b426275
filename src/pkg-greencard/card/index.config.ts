export default definePageConfig({ navigationBarTitleText: '医疗绿通卡' });
