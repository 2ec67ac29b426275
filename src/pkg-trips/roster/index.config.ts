export default definePageConfig({ navigationBarTitleText: '期次名单' });
