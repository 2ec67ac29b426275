export default definePageConfig({ navigationBarTitleText: '绿通核验' });
