export default definePageConfig({ navigationBarTitleText: '管理疗休养' });
