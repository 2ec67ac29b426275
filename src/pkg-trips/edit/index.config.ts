export default definePageConfig({ navigationBarTitleText: '编辑疗休养' });
