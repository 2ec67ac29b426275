export default definePageConfig({ navigationBarTitleText: '调动确认' });
