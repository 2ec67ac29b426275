export default definePageConfig({ navigationBarTitleText: '绿通卡管理' });
